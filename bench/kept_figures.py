"""Area figures kept on write (issue 18, decision 0055), measured in process: each monitor figure
read from the kept rows and computed from scratch, for the nation, a province, a municipality
and the network with the most members (decision 0058); then the catch-up a write pays after its
commit.

Usage (from the repository root, in the virtualenv):

    python bench/kept_figures.py --data-dir /tmp/b100k --runs 5

The data directory holds a database made by `opmars demo --count 100000 --no-serve` (or
bench/make_scale_data.py); the kept rows are rebuilt first when they are not current. The cache
is emptied before every run, so each figure is computed, never served from the cache. The last
step writes to the database (one yearly-facts change through its service function per run).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

AREAS = [("national", None), ("province", "PV28"), ("municipality", "GM0363"), ("network", None)]
FIGURES = [
    "summary",
    "area_profile",
    "facts_totals",
    "growth",
    "by_domain",
    "networks_present",
    "social_value",
    "sdg_contributions",
]


def median_ms(run, runs):
    from django.core.cache import cache

    times = []
    for _ in range(runs):
        cache.clear()
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def area_of(metrics, scope, code):
    if scope == "national":
        return metrics.national()
    if scope == "network":
        from django.db.models import Count

        from opmars.networks.models import Network

        largest = Network.objects.annotate(n=Count("membership")).order_by("-n").first()
        return metrics.network_area(largest.slug)
    return getattr(metrics, f"{scope}_area")(code)


def measure_reads(runs, scratch_runs):
    from opmars.caching import generation
    from opmars.monitor import metrics, summaries

    year = metrics.last_complete_year()
    print(f"| area, {year} | figure | kept | from scratch | ratio |")
    print("| --- | --- | ---: | ---: | ---: |")
    for scope, code in AREAS:
        area = area_of(metrics, scope, code)
        for name in FIGURES:
            function = getattr(metrics, name)

            def call(function=function, area=area):
                return function(area, year)

            with generation.pinned():
                assert summaries.usable(area, year), "the kept rows are not current"
                kept = median_ms(call, runs)
            usable = summaries.usable
            summaries.usable = lambda area, year: False
            try:
                scratch = median_ms(call, scratch_runs)
            finally:
                summaries.usable = usable
            print(
                f"| {area.name} | {name} | {kept:.1f} ms | {scratch:.1f} ms "
                f"| {scratch / kept:.1f}× |"
            )


def measure_catch_up(runs):
    """One yearly-facts change to an Amsterdam collective per run, and the catch-up after it."""
    from django.db import transaction

    from opmars.accounts.models import User
    from opmars.monitor import summaries
    from opmars.registry import actions
    from opmars.registry.models import Collective

    staff = User.objects.filter(is_staff=True).first()
    collective = Collective.objects.filter(municipality_id="GM0363", is_demo=True).first()
    write_times, catch_up_times = [], []
    for run in range(runs):
        receivers = summaries_receivers_off()
        started = time.perf_counter()
        with transaction.atomic():
            actions.save_yearly_facts(staff, collective, {"year": 2024, "members": 100 + run})
        written = time.perf_counter()
        summaries.catch_up()
        done = time.perf_counter()
        receivers()
        write_times.append((written - started) * 1000)
        catch_up_times.append((done - written) * 1000)
    write, catch_up = statistics.median(write_times), statistics.median(catch_up_times)
    print(
        f"\nOne write to an Amsterdam collective ({runs} runs): the write {write:.0f} ms, "
        f"its catch-up {catch_up:.0f} ms (medians)"
    )


def summaries_receivers_off():
    """Disconnect the catch-up from the commit signal, to time it apart; returns the undo."""
    from opmars.caching import changes
    from opmars.monitor import summaries

    uid = "monitor.summaries"  # as monitor/apps.py connects it
    changes.committed.disconnect(summaries.catch_up, dispatch_uid=uid)
    return lambda: changes.committed.connect(summaries.catch_up, dispatch_uid=uid)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scratch-runs", type=int, default=3)
    args = parser.parse_args()
    os.environ["OPMARS_DATA_DIR"] = str(Path(args.data_dir).resolve())
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opmars.settings")
    django.setup()
    from opmars.monitor import summaries

    started = time.perf_counter()
    if summaries.rebuild_if_stale():
        print(f"kept rows rebuilt in {time.perf_counter() - started:.1f} s\n")
    measure_reads(args.runs, args.scratch_runs)
    measure_catch_up(args.runs)


if __name__ == "__main__":
    main()
