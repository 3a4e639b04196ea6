#!/usr/bin/env bash
# Runs the Cachetory benchmarks and regenerates BENCHMARKS.md (+ SVG charts in benchmarks/results/).
#
#   benchmarks/run.sh            full run (~55-65 min on 2 cores)
#   benchmarks/run.sh --quick    short run (a few minutes): fewer/shorter iterations, one fork
#   benchmarks/run.sh --report   only regenerate BENCHMARKS.md from benchmarks/results/
#
# Environment: JAVA_HOME (default: the java on PATH), BENCH_ONLY="hit hit2 breakdown serializer redis near cluster protected stampede startup"
# to run a subset, BENCH_JMH_EXTRA="..." extra JMH options (e.g. "-prof stack").
# Builds with `mvn -B -q -DskipTests package` from the repository root when the jars are missing or
# older than the sources (never `install`). Run it on a quiet machine: every figure is wall-clock.
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
MODE=full
case "${1:-}" in
  --quick) MODE=quick ;;
  --report) MODE=report ;;
  ""|--full) MODE=full ;;
  *) echo "usage: $0 [--quick|--full|--report]" >&2; exit 2 ;;
esac

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAR=benchmarks/target/benchmarks.jar
AGENT=cachetory-agent/target/cachetory-agent.jar
RESULTS=benchmarks/results
ONLY="${BENCH_ONLY:-hit hit2 breakdown serializer redis near cluster protected stampede startup}"
EXTRA="${BENCH_JMH_EXTRA:-}"
mkdir -p "$RESULTS"

want() { [[ " $ONLY " == *" $1 "* ]]; }
note() { echo "$*" | tee -a "$RESULTS/status.txt"; }

if [[ $MODE == report ]]; then
  exec python3 benchmarks/report.py
fi

# ---- build if needed ----------------------------------------------------------------------------
stale=""
if [[ ! -f $JAR ]]; then
  stale=yes
elif [[ -n "$(find benchmarks/src cachetory-*/src pom.xml */pom.xml -newer "$JAR" -type f 2>/dev/null | head -1)" ]]; then
  stale=yes
fi
if [[ -n $stale ]]; then
  echo "== building (mvn -B -q -DskipTests package)"
  mvn -B -q -DskipTests package || { echo "build failed" >&2; exit 1; }
fi

: > "$RESULTS/status.txt"

if [[ $MODE == quick ]]; then
  ITER=(-wi 3 -w 1s -i 3 -r 1s -f 1)
  ITER2=(-wi 2 -w 1s -i 2 -r 1s -f 1)
  HIT_ITER=(-wi 3 -w 1s -i 3 -r 1s)
  HIT_ROUNDS=1
  STARTUP_RUNS=7
  STAMPEDE_ARGS="4 4 4"
else
  ITER=(-wi 5 -w 2s -i 5 -r 2s -f 2)
  ITER2=(-wi 5 -w 2s -i 5 -r 2s -f 1)
  HIT_ITER=(-wi 5 -w 2s -i 5 -r 2s)
  HIT_ROUNDS=3
  STARTUP_RUNS=15
  STAMPEDE_ARGS="4 8 10"
fi

CMDLINE="${BENCH_ONLY:+BENCH_ONLY=\"$BENCH_ONLY\" }benchmarks/run.sh${1:+ $1}"
python3 benchmarks/runinfo.py machine "$JAVA"

failures() {  # name: the failures a JMH log reports, into the status
  if grep -q 'Exception\|<failure>' "$RESULTS/$1.log"; then
    note "$1: failures:"; grep -E 'IllegalStateException|IllegalArgumentException|<failure>' "$RESULTS/$1.log" | sort -u | head -5 | tee -a "$RESULTS/status.txt"
  fi
}

jmh() {  # name, then JMH arguments
  local name=$1; shift
  echo "== JMH $name: $*"
  [[ $name == serializer ]] && rm -f "$RESULTS/serializer-sizes.tsv"
  python3 benchmarks/runinfo.py start "$name" "$CMDLINE" "$*"
  local st
  if "$JAVA" -jar "$JAR" "$@" $EXTRA -rf json -rff "$RESULTS/$name.json" > "$RESULTS/$name.log" 2>&1; then
    st="ok"
  else
    st="JMH exited with an error (see $RESULTS/$name.log); partial results kept"
  fi
  note "$name: $st"
  python3 benchmarks/runinfo.py end "$name" "$st"
  grep -E '^(Benchmark|[A-Za-z]+Benchmark\.)' "$RESULTS/$name.log" | grep -v ':gc\.\(count\|time\|alloc.rate \)' || true
  failures "$name"
}

jmh_rounds() {  # name, rounds, then JMH arguments without -f: one fork of every benchmark per round
  local name=$1 rounds=$2; shift 2
  echo "== JMH $name: $rounds rounds of $* -f 1"
  python3 benchmarks/runinfo.py start "$name" "$CMDLINE" "$* -f 1, $rounds rounds"
  local st="ok" r files=()
  for ((r = 1; r <= rounds; r++)); do
    if ! "$JAVA" -jar "$JAR" "$@" -f 1 $EXTRA -rf json -rff "$RESULTS/$name.round$r.json" > "$RESULTS/$name.round$r.log" 2>&1; then
      st="JMH exited with an error in round $r (see $RESULTS/$name.log); partial results kept"
    fi
    files+=("$RESULTS/$name.round$r.json")
  done
  cat "$RESULTS/$name.round"*.log > "$RESULTS/$name.log"
  python3 benchmarks/merge_rounds.py "$RESULTS/$name.json" "${files[@]}" || st="merging the rounds failed"
  rm -f "$RESULTS/$name.round"*.json "$RESULTS/$name.round"*.log
  note "$name: $st"
  python3 benchmarks/runinfo.py end "$name" "$st"
  failures "$name"
}

HIT='HitBenchmark\.(direct|handWrittenCaffeine|handWrittenCaffeineWithStats|handWrittenCaffeineVariableExpiry|cachetoryFunctional|cachetoryProxy|springCacheable)$'
if [[ -f $AGENT ]]; then
  HIT='HitBenchmark\.(direct|handWrittenCaffeine|handWrittenCaffeineWithStats|handWrittenCaffeineVariableExpiry|cachetoryFunctional|cachetoryProxy|cachetoryAgent|springCacheable)$'
else
  note "agent: $AGENT not built on this branch: cachetoryAgent and the agent start-up timing skipped"
fi

# The hit rows are read as ratios to each other: run them in rounds of one fork of every row
# (merge_rounds.py joins the rounds, a fork per round), so that a slow spell of this shared machine
# falls on every row alike instead of on the rows JMH happened to be running during it.
want hit && jmh_rounds hit "$HIT_ROUNDS" "$HIT" "${HIT_ITER[@]}" -prof gc
want hit2 && jmh_rounds hit-2t "$HIT_ROUNDS" "$HIT" "${HIT_ITER[@]}" -t 2 -prof gc   # as many forks as 1 thread: the ratios are quoted for both
want breakdown && jmh breakdown 'HitBreakdownBenchmark' "${ITER2[@]}" -prof gc
if want serializer; then
  if [[ $MODE == quick ]]; then
    jmh serializer 'SerializerBenchmark\.roundTrip$' "${ITER2[@]}" -prof gc
  else
    jmh serializer 'SerializerBenchmark' "${ITER[@]}" -prof gc
  fi
fi
if want redis; then
  if command -v redis-server > /dev/null; then
    jmh redis 'RedisBenchmark' "${ITER[@]}" -prof gc
  else
    note "redis: redis-server not on PATH (apt-get install -y redis-server): skipped"
  fi
fi

if want near; then
  if command -v redis-server > /dev/null; then
    jmh near 'NearCacheBenchmark' "${ITER[@]}" -prof gc
  else
    note "near: redis-server not on PATH (apt-get install -y redis-server): skipped"
  fi
fi

if want cluster; then
  if command -v redis-server > /dev/null && command -v redis-cli > /dev/null; then
    # rounds: the hit and its raw baseline are read as a ratio, so a slow spell must fall on both
    jmh_rounds cluster "$HIT_ROUNDS" 'RedisClusterBenchmark' "${HIT_ITER[@]}" -prof gc
  else
    note "cluster: redis-server/redis-cli not on PATH (apt-get install -y redis-server): skipped"
  fi
fi

if want protected; then
  if command -v redis-server > /dev/null; then
    jmh_rounds protected "$HIT_ROUNDS" 'ProtectedHitBenchmark' "${HIT_ITER[@]}" -prof gc
  else
    note "protected: redis-server not on PATH (apt-get install -y redis-server): skipped"
  fi
fi

if want stampede; then
  if command -v redis-server > /dev/null; then
    echo "== stampede (forked JVMs, not JMH)"
    python3 benchmarks/runinfo.py start stampede "$CMDLINE" "StampedeBenchmark $STAMPEDE_ARGS"
    if "$JAVA" -cp "$JAR" io.cachetory.benchmarks.StampedeBenchmark $STAMPEDE_ARGS > "$RESULTS/stampede.txt" 2>&1; then
      st=ok
    else
      st="StampedeBenchmark failed (see $RESULTS/stampede.txt)"
    fi
    note "stampede: $st"
    python3 benchmarks/runinfo.py end stampede "$st"
    cat "$RESULTS/stampede.txt"
  else
    note "stampede: redis-server not on PATH (apt-get install -y redis-server): skipped"
  fi
fi

# ---- agent start-up: a tiny main with and without -javaagent -------------------------------------
if want startup; then
  echo "== start-up timing ($STARTUP_RUNS runs each)"
  python3 benchmarks/runinfo.py start startup "$CMDLINE" "$STARTUP_RUNS runs each"
  H=io.cachetory.benchmarks.startup.Hello
  HC=io.cachetory.benchmarks.startup.HelloCached
  HP=io.cachetory.benchmarks.startup.HelloProxy
  names=("plain Hello" "plain HelloCached" "proxy HelloProxy")
  cmds=("$JAVA -cp $JAR $H" "$JAVA -cp $JAR $HC" "$JAVA -cp $JAR $HP")
  if [[ -f $AGENT ]]; then
    names+=("agent Hello" "agent HelloCached")
    cmds+=("$JAVA -javaagent:$AGENT -cp $JAR $H" "$JAVA -javaagent:$AGENT -cp $JAR $HC")
  fi
  if command -v hyperfine > /dev/null; then
    args=()
    for i in "${!cmds[@]}"; do args+=(-n "${names[$i]}" "${cmds[$i]}"); done
    hyperfine -N --warmup 2 --runs "$STARTUP_RUNS" --export-json "$RESULTS/startup.json" "${args[@]}" > "$RESULTS/startup.log" 2>&1 \
      && note "startup: ok (hyperfine)" || note "startup: hyperfine failed (see $RESULTS/startup.log)"
  else
    rm -f "$RESULTS/startup.log"  # a hyperfine log of an earlier run would be printed below as this one's
    python3 - "$RESULTS/startup.json" "$STARTUP_RUNS" "${names[@]}" -- "${cmds[@]}" <<'PY' && note "startup: ok (timing loop)"
import json, shlex, statistics, subprocess, sys, time
out, runs = sys.argv[1], int(sys.argv[2]); rest = sys.argv[3:]; sep = rest.index("--")
names, cmds = rest[:sep], rest[sep + 1:]
results = []
for name, cmd in zip(names, cmds):
    for _ in range(2):
        subprocess.run(shlex.split(cmd), capture_output=True)
    times = []
    for _ in range(runs):
        t = time.perf_counter(); subprocess.run(shlex.split(cmd), capture_output=True, check=True); times.append(time.perf_counter() - t)
    results.append({"command": name, "median": statistics.median(times), "mean": statistics.mean(times),
                    "stddev": statistics.pstdev(times), "min": min(times), "max": max(times), "times": times})
json.dump({"results": results, "tool": "python timing loop"}, open(out, "w"), indent=1)
PY
  fi
  cat "$RESULTS/startup.log" 2>/dev/null | grep -E 'Time|Benchmark' || true
  python3 benchmarks/runinfo.py end startup "$(tail -1 "$RESULTS/status.txt")"
fi

python3 benchmarks/report.py
