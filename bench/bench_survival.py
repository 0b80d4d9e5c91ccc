"""Benchmark of cohort survival (issue 14): the national table (five-year cohorts, share not
stopped after 1, 5 and 10 years with the numbers at risk) at 100,000 demo collectives. Floor:
median under 200 ms.

Usage (from the repository root, in the virtualenv):

    python bench/bench_survival.py --data-dir /tmp/opm-survival-100k --count 100000 --runs 30

It makes (or reuses) a demo database with --count collectives in --data-dir (add
--database-url for PostgreSQL). A demo made before the demo recorded life events has none: then
the benchmark records each collective's first events as the demo and every other way in does
(registry.history.record_new: its founding, and its stop or dormancy) and runs ANALYZE, once.
It times in-process, after 3 warm-up calls, `survival.cohort_survival(national())` (the one
aggregate query and the product-limit fold), the query alone, and for comparison a province
and a municipality, and prints a Markdown table of medians and p95s.
"""

import argparse
import time

import benchlib

FLOOR_MS = 200


def ensure_events(batch=5000):
    """Record the first life events of collectives that have none (a demo made before the
    demo recorded them), as registry.history.record_new does for every new collective."""
    from django.db import connection, transaction

    from opmars.registry import history
    from opmars.registry.models import Collective, LifeEvent

    without = Collective.objects.exclude(id__in=LifeEvent.objects.values("collective_id"))
    ids = list(without.order_by("id").values_list("id", flat=True))
    if not ids:
        return
    started = time.perf_counter()
    fields = ("id", "founded_year", "status", "status_year", "legal_form", "created_at")
    for start in range(0, len(ids), batch):
        chunk = list(Collective.objects.filter(id__in=ids[start : start + batch]).only(*fields))
        with transaction.atomic():
            history.record_new(chunk, history.SOURCE_DEMO)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"life events recorded for {len(ids):,} collectives without any "
        f"({time.perf_counter() - started:.0f} s)\n"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", default="var/bench-survival-100000")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    env = benchlib.data_env(args.data_dir, args.database_url)
    benchlib.ensure_demo(args.data_dir, args.count, env)
    benchlib.setup_django(env)
    ensure_events()

    from django.db import connection
    from django.db.models import Count

    from opmars.monitor import metrics, survival
    from opmars.registry.models import Collective, LifeEvent

    national = metrics.national()
    baseline = metrics.collectives(national).order_by().values_list("founded_year")
    cases = [
        ("national cohort survival", lambda: survival.cohort_survival(national), FLOOR_MS),
        ("national, the query alone", lambda: survival.first_stops(national), None),
        ("national, one-year cohorts", lambda: survival.cohort_survival(national, 1), None),
        # The machine's pace: a plain GROUP BY of the same collectives by founding year.
        (
            "for scale: national count by founding year",
            lambda: list(baseline.annotate(n=Count("id"))),
            None,
        ),
    ]
    for label, area in (
        ("province (Zuid-Holland)", metrics.province_area("PV28")),
        ("municipality (Amsterdam)", metrics.municipality_area("GM0363")),
    ):
        cases.append((label, lambda area=area: survival.cohort_survival(area), None))

    collectives = Collective.objects.count()
    stops = LifeEvent.objects.filter(kind="gestopt").count()
    print(
        f"{collectives:,} collectives, {LifeEvent.objects.count():,} life events "
        f"({stops:,} stops), {connection.vendor}; {args.runs} runs after 3 warm-up calls\n"
    )
    print("| what | median | p95 | floor |")
    print("| --- | ---: | ---: | --- |")
    for label, function, floor in cases:
        median, p95 = benchlib.timed(function, args.runs, warmup=3)
        verdict = ""
        if floor is not None:
            verdict = f"< {floor} ms " + ("met" if median < floor else "MISSED")
        print(f"| {label} | {median:.1f} ms | {p95:.1f} ms | {verdict} |")
    table = survival.cohort_survival(national)
    print("\ncohort | founded | S(1) n(1) | S(5) n(5) | S(10) n(10)")
    for row in table["cohorts"]:
        cells = " | ".join(f"{p['survival']} {p['at_risk']}" for p in row["points"])
        print(f"{row['label']} | {row['founded']} | {cells}")


if __name__ == "__main__":
    main()
