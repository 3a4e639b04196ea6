#!/usr/bin/env bash
# Start-up cost of the Cachetory agent: wall time of a tiny main with and without
# -javaagent:target/cachetory-agent.jar, median of N runs, for a main that touches no @Cached class
# (com.example.agentapp.NoCachedMain) and one that uses a class with @Cached methods (CachedMain).
# BridgeMain (no agent) makes by hand the MemoBridge calls the instrumented CachedMain makes: it starts
# the memoization runtime (cachetory-core, Caffeine, ...) without the agent, so
# "CachedMain +agent" minus "BridgeMain" is what the agent itself adds.
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
AGENT=${AGENT:-target/cachetory-agent.jar} # AGENT=other.jar compares another build
CP=target/test-classes:$(cat target/it-app-classpath.txt)

# prints "<median wall ms> <median cpu ms>" (cpu = user + sys of the JVM, all its threads;
# less disturbed than wall time when other work shares the cores)
median_ms() { # java-home, main, extra options...
  local java=$1/bin/java main=$2; shift 2
  local walls=() cpus=() TIMEFORMAT='%R %U %S' line
  "$java" -Xshare:auto "$@" -cp "$CP" "$main" >/dev/null 2>&1 # warm the file cache
  for _ in $(seq "$RUNS"); do
    line=$( { time "$java" -Xshare:auto "$@" -cp "$CP" "$main" >/dev/null; } 2>&1 | tail -1)
    walls+=($(awk '{printf "%d", $1 * 1000}' <<<"$line"))
    cpus+=($(awk '{printf "%d", ($2 + $3) * 1000}' <<<"$line"))
  done
  echo "$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" \
       "$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-4s %-13s %9s %9s %9s %6s | %9s %9s %9s\n' jdk main "wall" "+agent" "added" ratio "cpu" "+agent" "added"
for home in "${JDKS[@]}"; do
  v=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
  for main in NoCachedMain CachedMain; do
    read -r pw pc <<<"$(median_ms "$home" com.example.agentapp.$main)"
    read -r aw ac <<<"$(median_ms "$home" com.example.agentapp.$main "-javaagent:$AGENT")"
    awk -v j="$v" -v m="$main" -v pw="$pw" -v aw="$aw" -v pc="$pc" -v ac="$ac" \
      'BEGIN {printf "%-4s %-13s %9d %9d %9d %6.2f | %9d %9d %9d\n", j, m, pw, aw, aw - pw, aw / pw, pc, ac, ac - pc}'
  done
  read -r bw bc <<<"$(median_ms "$home" com.example.agentapp.BridgeMain)"
  read -r cw cc <<<"$(median_ms "$home" com.example.agentapp.CachedMain "-javaagent:$AGENT")"
  awk -v j="$v" -v bw="$bw" -v cw="$cw" -v bc="$bc" -v cc="$cc" \
    'BEGIN {printf "%-4s %-13s %9d %9d %9d %6.2f | %9d %9d %9d   (agent alone: CachedMain +agent vs BridgeMain, no agent)\n", j, "BridgeMain", bw, cw, cw - bw, cw / bw, bc, cc, cc - bc}'
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)   (ms; median of $RUNS runs each)"
