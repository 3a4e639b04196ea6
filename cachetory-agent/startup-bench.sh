#!/usr/bin/env bash
# Start-up cost of the Cachetory agent: wall time of a tiny main with and without
# -javaagent:target/cachetory-agent.jar, median of N runs, for a main that touches no @Cached class
# (com.example.agentapp.NoCachedMain) and one that uses a class with @Cached methods (CachedMain).
#
# Needs a built module: mvn -B -q -pl cachetory-agent -am verify   (or package -DskipTests, which
# also writes target/it-app-classpath.txt and compiles the test applications).
# Usage: cachetory-agent/startup-bench.sh [runs=11] [java-home ...]
set -euo pipefail
cd "$(dirname "$0")"
RUNS=${1:-11}; shift || true
JDKS=("$@")
if [ ${#JDKS[@]} -eq 0 ]; then
  JDKS=(/usr/lib/jvm/java-17-openjdk-amd64)
  [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && JDKS+=(/usr/lib/jvm/temurin-25-jdk-amd64)
fi
AGENT=target/cachetory-agent.jar
CP=target/test-classes:$(cat target/it-app-classpath.txt)

median_ms() { # java-home, main, extra options...
  local java=$1/bin/java main=$2; shift 2
  local times=()
  "$java" -Xshare:auto "$@" -cp "$CP" "$main" >/dev/null 2>&1 # warm the file cache
  for _ in $(seq "$RUNS"); do
    local t0 t1
    t0=$(date +%s%N)
    "$java" -Xshare:auto "$@" -cp "$CP" "$main" >/dev/null
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

printf '%-8s %-14s %10s %10s %10s %7s\n' jdk main "plain ms" "agent ms" "added ms" ratio
for home in "${JDKS[@]}"; do
  v=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
  for main in NoCachedMain CachedMain; do
    plain=$(median_ms "$home" com.example.agentapp.$main)
    agent=$(median_ms "$home" com.example.agentapp.$main "-javaagent:$AGENT")
    awk -v j="$v" -v m="$main" -v p="$plain" -v a="$agent" \
      'BEGIN {printf "%-8s %-14s %10d %10d %10d %7.2f\n", j, m, p, a, a - p, a / p}'
  done
done
