#!/usr/bin/env python3
"""Merges JMH JSON results of several rounds (one fork of every benchmark per round) into one file.

  merge_rounds.py OUT.json ROUND1.json ROUND2.json ...

run.sh runs the hit benchmarks in rounds rather than with -f N: JMH runs all forks of one row before
the next row, so a slow spell of this shared virtual machine lands on whichever rows ran during it,
and the rows' ratios (what the hit targets are stated in) move with it. In rounds, every row gets
one fork in each spell. Each round's fork becomes one fork of the merged row (rawData keeps one list
per fork), the score is the mean of all measured iterations, and the error is JMH's 99.9 % interval
(Student's t on all iterations, as JMH computes it).
"""
import json
import math
import statistics
import sys

# Student's t at 0.9995 (two-sided 99.9 %) by degrees of freedom; a df between two keys takes the
# smaller key's value (a wider interval, never a narrower one).
T_9995 = {1: 636.6, 2: 31.60, 3: 12.92, 4: 8.610, 5: 6.869, 6: 5.959, 7: 5.408, 8: 5.041, 9: 4.781,
          10: 4.587, 12: 4.318, 14: 4.140, 16: 4.015, 18: 3.922, 20: 3.850, 25: 3.725, 30: 3.646,
          40: 3.551, 60: 3.460, 120: 3.373}


def t_quantile(df):
    return T_9995[max(k for k in T_9995 if k <= df)] if df >= 1 else float("nan")


def merged_metric(parts):
    forks = [fork for p in parts for fork in (p.get("rawData") or [])]
    values = [v for fork in forks for v in fork]
    out = dict(parts[0])
    out["rawData"] = forks
    out.pop("rawDataHistogram", None)
    out.pop("scorePercentiles", None)
    if values:
        out["score"] = statistics.fmean(values)
        out["scoreError"] = (t_quantile(len(values) - 1) * statistics.stdev(values) / math.sqrt(len(values))
                             if len(values) > 1 else float("nan"))
        out["scoreConfidence"] = [out["score"] - out["scoreError"], out["score"] + out["scoreError"]]
    return out


def main(out_path, paths):
    rows = {}
    order = []
    for path in paths:
        try:
            with open(path) as f:
                entries = json.load(f)
        except (OSError, ValueError):
            continue  # a round whose JMH died before writing: its forks are simply missing
        for e in entries:
            key = (e["benchmark"], tuple(sorted((e.get("params") or {}).items())), e.get("threads"))
            if key not in rows:
                rows[key] = []
                order.append(key)
            rows[key].append(e)
    merged = []
    for key in order:
        entries = rows[key]
        m = dict(entries[0])
        m["forks"] = sum(e.get("forks", 1) for e in entries)
        m["primaryMetric"] = merged_metric([e["primaryMetric"] for e in entries])
        names = entries[0].get("secondaryMetrics") or {}
        m["secondaryMetrics"] = {n: merged_metric([e["secondaryMetrics"][n] for e in entries
                                                   if n in (e.get("secondaryMetrics") or {})]) for n in names}
        merged.append(m)
    with open(out_path, "w") as f:
        json.dump(merged, f, indent=1)
    for m in merged:
        pm = m["primaryMetric"]
        params = ",".join(f"{k}={v}" for k, v in sorted((m.get("params") or {}).items()))
        forks = " / ".join(f"{sum(f) / len(f):.1f}" for f in pm["rawData"] if f)
        print(f"{m['benchmark'].rsplit('.', 1)[1]:40s} {params:14s} {pm['score']:10.1f} ± {pm['scoreError']:.1f} "
              f"{pm['scoreUnit']}  (forks: {forks})")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
