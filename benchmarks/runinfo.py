#!/usr/bin/env python3
"""Keeps benchmarks/results/run-info.json: the machine, and per section (hit, redis…) when and how it ran.

  runinfo.py machine JAVA              the machine and JDK (each run.sh call)
  runinfo.py start NAME COMMAND ARGS   a section starts: date, load average, command
  runinfo.py end NAME STATUS           a section ends: load average, status line
"""
import datetime
import json
import os
import subprocess
import sys

PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results", "run-info.json")


def load():
    try:
        with open(PATH) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def loadavg():
    return open("/proc/loadavg").read().split()[:3]


def now():
    return datetime.datetime.now().astimezone().isoformat(timespec="seconds")


def main(argv):
    info = load()
    info.setdefault("sections", {})
    what = argv[1]
    if what == "machine":
        cpu = ""
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        java = subprocess.run([argv[2], "-version"], capture_output=True, text=True).stderr.strip().splitlines()
        info.update({"nproc": os.cpu_count(), "cpu": cpu, "java": java})
    elif what == "start":
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
        # the newest main commit this build contains (not main's tip, which may have moved on)
        main_rev = subprocess.run(["git", "merge-base", "HEAD", "main"], capture_output=True, text=True).stdout.strip()[:7]
        info["sections"][argv[2]] = {"command": argv[3], "jmh": argv[4] if len(argv) > 4 else "",
                                     "date": now(), "loadavg_start": loadavg(), "commit": rev, "main": main_rev}
    elif what == "end":
        sec = info["sections"].setdefault(argv[2], {})
        sec["loadavg_end"] = loadavg()
        sec["status"] = argv[3]
    with open(PATH, "w") as f:
        json.dump(info, f, indent=1)


if __name__ == "__main__":
    main(sys.argv)
