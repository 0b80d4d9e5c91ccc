"""Matching financing routes to one collective (issue 16 floor: < 20 ms median with 1,000 routes
and 100,000 collectives).

Usage (from the repository root, in the virtualenv), against a database of 100,000 collectives,
e.g. a 10,000 demo scaled up ten times:

    OPMARS_DATA_DIR=/tmp/finbench-10k opmars demo --count 10000 --no-serve
    python bench/make_scale_data.py --source /tmp/finbench-10k --times 10 \\
        --data-dir /tmp/finbench-100k
    OPMARS_DATA_DIR=/tmp/finbench-100k python bench/finance_routes.py --routes 1000 --runs 200

Replaces the register's routes with --routes fictitious ones drawn with a fixed seed (a fifth
national, two fifths provincial, two fifths municipal; about half limited to one to three
kinds, a third to some legal forms, a third to one or two phases; some closed, some not yet
open, most doorlopend), then times opmars.finance.matching.routes_for (the query for the routes
of the collective's place, loading them, checking kind, legal form and phase, wording the
reasons, sorting) for --runs collectives picked with a fixed seed, after 5 warm-up calls, and
prints the median, p95 and maximum and how many routes matched. Also times routes_for_area for
one municipality and the whole country (the reports' use).
"""

import argparse
import datetime
import os
import random
import statistics
import time


def make_routes(count, seed):
    from django.db import transaction

    from opmars.finance.models import FinanceRoute, Level, Phase, RouteType
    from opmars.geo.models import Municipality, Province
    from opmars.registry.vocab import Kind, LegalForm

    rng = random.Random(seed)
    provinces = list(Province.objects.values_list("code", flat=True))
    municipalities = list(Municipality.objects.values_list("code", "province_id"))
    today = datetime.date.today()
    routes = []
    for i in range(count):
        draw = rng.random()
        level = (
            Level.LANDELIJK
            if draw < 0.2
            else Level.PROVINCIAAL
            if draw < 0.6
            else Level.GEMEENTELIJK
        )
        province = municipality = None
        if level == Level.PROVINCIAAL:
            province = rng.choice(provinces)
        elif level == Level.GEMEENTELIJK:
            municipality, province = rng.choice(municipalities)
        state = rng.random()
        opens = today + datetime.timedelta(days=30) if state < 0.05 else None
        closes = today - datetime.timedelta(days=10) if state > 0.95 else None
        if 0.75 < state <= 0.95:
            closes = today + datetime.timedelta(days=rng.randint(1, 700))
        routes.append(
            FinanceRoute(
                name=f"Benchroute {i} (fictief)",
                provider="Benchfonds (fictief)",
                route_type=rng.choice(RouteType.values),
                level=level,
                province_id=province,
                municipality_id=municipality,
                kinds=rng.sample(Kind.values, rng.randint(1, 3)) if rng.random() < 0.5 else [],
                legal_forms=rng.sample(LegalForm.values, rng.randint(1, 4))
                if rng.random() < 0.33
                else [],
                phases=rng.sample(Phase.values, rng.randint(1, 2)) if rng.random() < 0.33 else [],
                amount_min=rng.choice([None, 500, 5000]),
                amount_max=rng.choice([None, 10000, 100000]),
                opens=opens,
                closes=closes,
                is_ongoing=closes is None,
                source_url=f"https://example.org/fictief/bench/{i}",
                last_checked=today,
                is_demo=True,
            )
        )
    with transaction.atomic():
        FinanceRoute.objects.all().delete()
        FinanceRoute.objects.bulk_create(routes, batch_size=500)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--routes", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opmars.settings")
    import django

    django.setup()
    from opmars.finance import matching
    from opmars.finance.models import FinanceRoute
    from opmars.monitor.metrics import Area
    from opmars.registry.models import Collective

    make_routes(args.routes, args.seed)
    ids = list(Collective.objects.values_list("id", flat=True))
    rng = random.Random(args.seed)
    chosen = list(
        Collective.objects.filter(pk__in=rng.sample(ids, args.runs + 5)).select_related(
            "municipality"
        )
    )
    rng.shuffle(chosen)
    timings, found = [], []
    for i, collective in enumerate(chosen):
        started = time.perf_counter()
        matches = matching.routes_for(collective)
        elapsed = (time.perf_counter() - started) * 1000
        if i >= 5:  # the first calls warm caches (translations, page cache)
            timings.append(elapsed)
            found.append(len(matches))
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"collectives in database: {len(ids)}, routes: {FinanceRoute.objects.count()}")
    print(
        f"routes_for, {len(timings)} collectives: median {statistics.median(timings):.1f} ms, "
        f"p95 {p95:.1f} ms, max {timings[-1]:.1f} ms; "
        f"routes that fit: median {statistics.median(found):.0f}, max {max(found)}"
    )
    year = datetime.date.today().year
    for area in (
        Area("municipality", "GM0363", "Amsterdam", None, params={"municipality": "GM0363"}),
        Area("national", "NL", "Nederland", None, params={}),
    ):
        started = time.perf_counter()
        rows = matching.routes_for_area(area, year)
        elapsed = (time.perf_counter() - started) * 1000
        label = f"routes_for_area({area.scope} {area.code}, {year})"
        print(f"{label}: {elapsed:.0f} ms, {len(rows)} routes")


if __name__ == "__main__":
    main()
