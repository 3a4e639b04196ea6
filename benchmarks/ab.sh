#!/usr/bin/env bash
# A/B of the same JMH benchmarks in two builds, alternating one fork of each per round, so that a
# noisy machine weighs on both sides alike. Prints every fork and the per-side medians and ratio.
#
#   benchmarks/ab.sh OLD_JAR NEW_JAR 'RedisBenchmark\.(memoizedHit|rawLettuceGetKryo)$' [ROUNDS] [JMH options...]
#
# Build the old side from a worktree of the older commit (`git worktree add --detach ../old <rev>`,
# then `mvn -B -q -DskipTests package -pl benchmarks -am` there), with the same benchmark sources
# copied in when they changed since, so that only the library differs.
set -uo pipefail
if [[ $# -lt 3 ]]; then
  sed -n 2,9p "$0" >&2
  exit 2
fi
OLD=$1 NEW=$2 PATTERN=$3 ROUNDS=${4:-5}
shift $(( $# < 4 ? 3 : 4 ))
OPTS=("$@")
[[ ${#OPTS[@]} -eq 0 ]] && OPTS=(-wi 5 -w 2s -i 5 -r 2s)
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
OUT=$(mktemp -d)
for round in $(seq 1 "$ROUNDS"); do
  for side in old new; do
    jar=$OLD; [[ $side == new ]] && jar=$NEW
    "$JAVA" -jar "$jar" "$PATTERN" -f 1 "${OPTS[@]}" -rf json -rff "$OUT/$side-$round.json" > "$OUT/$side-$round.log" 2>&1 \
      || { echo "round $round $side failed: see $OUT/$side-$round.log" >&2; exit 1; }
    echo "round $round $side done" >&2
  done
done
python3 - "$OUT" "$ROUNDS" <<'EOF'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
rows = {}
for side in ("old", "new"):
    for r in range(1, rounds + 1):
        for b in json.load(open(f"{out}/{side}-{r}.json")):
            name = b["benchmark"].rsplit(".", 1)[-1]
            params = ",".join(f"{k}={v}" for k, v in sorted((b.get("params") or {}).items()))
            if params:
                name += f" [{params}]"
            rows.setdefault(name, {}).setdefault(side, []).append(b["primaryMetric"]["score"])
            unit = b["primaryMetric"]["scoreUnit"]
for name, sides in rows.items():
    old, new = sides.get("old", []), sides.get("new", [])
    print(f"{name} ({unit}):")
    print("  old forks: " + " / ".join(f"{v:.1f}" for v in old))
    print("  new forks: " + " / ".join(f"{v:.1f}" for v in new))
    if old and new:
        mo, mn = statistics.median(old), statistics.median(new)
        print(f"  median old {mo:.1f}, new {mn:.1f}: new/old = {mn / mo:.3f}")
EOF
