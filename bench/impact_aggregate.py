"""Benchmark of the impact floor (issue 3): the national aggregate over 100,000 reports.

Usage (from the repository root, in the virtualenv):

    OPMARS_DATA_DIR=/tmp/opmbench-impact python bench/impact_aggregate.py --count 100000

It makes (or reuses) a demo database with --count collectives in OPMARS_DATA_DIR, gives every
demo collective without one a published demo report (so --count collectives have reports),
and times in-process, after 3 warm-up calls, the national aggregate (Σ PV / Σ I with the
bounds Σ P10 … Σ P90), the same per province (12 groups), and one municipality. Prints a
Markdown table with the median and p95 over --runs.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time


def setup(count):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opmars.settings")
    import django

    django.setup()
    from opmars.registry.models import Collective

    if not Collective.objects.exists():
        subprocess.run(
            [sys.executable, "-m", "opmars.cli", "demo", "--count", str(count), "--no-serve"],
            check=True,
            env=os.environ,
        )
    from opmars.impact.demo import generate_impact_demo
    from opmars.impact.models import ImpactReport

    started = time.perf_counter()
    generate_impact_demo(seed=11, share=1.0)
    print(f"reports: {ImpactReport.objects.count()} ({time.perf_counter() - started:.1f} s)")


def timed(function, runs):
    for _ in range(3):
        function()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    setup(args.count)
    from opmars.impact.models import ImpactReport
    from opmars.impact.query import aggregate

    def national():
        return aggregate()

    def provinces():
        return [
            aggregate(ImpactReport.objects.filter(collective__municipality__province_id=code))
            for code in (
                "PV20",
                "PV21",
                "PV22",
                "PV23",
                "PV24",
                "PV25",
                "PV26",
                "PV27",
                "PV28",
                "PV29",
                "PV30",
                "PV31",
            )  # fmt: skip
        ]

    def municipality():
        return aggregate(ImpactReport.objects.filter(collective__municipality_id="GM0363"))

    result = national()
    print(
        f"national: {result['count']} reports with a value, PV €{result['present_value']:,.0f}, "
        f"inputs €{result['inputs']:,.0f}, ratio {result['sroi_ratio']:.2f}, "
        f"bounds €{result['lower_bound']:,.0f} – €{result['upper_bound']:,.0f}"
    )
    print("| question | median | p95 | floor |\n|---|---|---|---|")
    for name, function in (
        ("national aggregate", national),
        ("12 provinces", provinces),
        ("one municipality (Amsterdam)", municipality),
    ):
        median, p95 = timed(function, args.runs)
        floor = "under 2 s" if name == "national aggregate" else "—"
        print(f"| {name} | {median * 1000:.0f} ms | {p95 * 1000:.0f} ms | {floor} |")


if __name__ == "__main__":
    main()
