"""What figures as of a date cost (issue 14): the national monitor's figures and one
municipality's stats computed (not cached) at 100,000 demo collectives with their event history,
by this tree and by an earlier checkout that counts today's status, on the same database, in
the same run, rounds interleaved. Each figure is timed by the wall clock and by the process's CPU
time: with SQLite the database works inside the process, so the CPU time is the same work without
the noise of whatever else the machine runs.

Usage (from the repository root, in the virtualenv):

    git worktree add /tmp/opmars-before 47ab500   # the last commit before life-cycle events
    python bench/history_cost.py --before /tmp/opmars-before --count 100000 --runs 5 --rounds 3

The database is made by this tree's `opmars demo` (with events); the earlier code reads it as
it reads any database (it ignores the new tables). Each round starts one process per tree that
times --runs computations of each figure and answers the median; the table shows the median
of the rounds' medians. Floor: this tree no slower than the earlier one.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys

import benchlib

# Runs inside each tree's own process: the figures computed on every call, never cached.
PROBE = """
import json, statistics, sys, time
import django
django.setup()
from opmars.caching import store
store.cached = lambda name, *parts, compute: compute()
from opmars.monitor import metrics
from opmars.monitor.api import area_stats

year = metrics.last_complete_year()
national = metrics.national()
municipality = metrics.municipality_area("GM0363")
figures = {
    "national monitor figures": lambda: metrics.summary(national, year),
    "municipality stats (Amsterdam)": lambda: area_stats(municipality, year),
    "national growth series": lambda: metrics.growth(national, year),
}
answer = {}
for name, compute in figures.items():
    compute()
    wall, cpu = [], []
    for _ in range(int(sys.argv[1])):
        started, started_cpu = time.perf_counter(), time.process_time()
        compute()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    answer[name] = [statistics.median(wall), statistics.median(cpu)]
print(json.dumps(answer))
"""


def probe(tree, env, runs):
    env = {**env, "PYTHONPATH": str(tree), "DJANGO_SETTINGS_MODULE": "opmars.settings"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(runs)],
        env=env,
        cwd=tree,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", required=True, help="a checkout of the earlier version")
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--data-dir", default="var/bench-history-100000")
    args = parser.parse_args()
    env = benchlib.data_env(args.data_dir)
    benchlib.ensure_demo(args.data_dir, args.count, env)
    trees = {"before": os.path.abspath(args.before), "now": str(benchlib.ROOT)}
    rounds = {name: [] for name in trees}
    for _ in range(args.rounds):
        for name, tree in trees.items():
            rounds[name].append(probe(tree, env, args.runs))
    print(
        f"| computed, {args.count:,} collectives | before (ms) | now (ms) | now / before "
        "| CPU before (ms) | CPU now (ms) | CPU now / before |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for figure in rounds["now"][0]:
        cells = []
        for measure in (0, 1):  # wall clock, then this process's CPU time
            before = statistics.median(r[figure][measure] for r in rounds["before"])
            now = statistics.median(r[figure][measure] for r in rounds["now"])
            cells += [f"{before:.0f}", f"{now:.0f}", f"{now / before:.2f}"]
        print(f"| {figure} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
