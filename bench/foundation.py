"""Benchmark of the foundation's floors (issue 2): directory API and country-zoom map data.

Usage (from the repository root, in the virtualenv):

    python bench/foundation.py --count 100000 --runs 30

It makes (or reuses) a demo database with --count collectives in --data-dir, starts the
production server (`opmars serve`) on a free port, and for each request of a fixed set measures
the HTTP latency (median and p95 over --runs, after 3 warm-up calls) and the bytes on the wire
with gzip accepted. As the floor it times the same question as raw SQL in-process (the SQL the
ORM generates, run by the sqlite3 module), and prints a Markdown table with the ratio.
"""

import argparse
import sqlite3
import statistics

import benchlib

DIRECTORY_REQUESTS = [
    "/api/v1/collectives?q=zonnepanelen&province=PV26",
    "/api/v1/collectives?q=zorg&status=actief&sort=name",
    "/api/v1/collectives?kind=dorpsraad&province=PV21&sort=-founded_year",
    "/api/v1/collectives?q=buurt&domain=zorg_welzijn&limit=50&offset=100",
    "/api/v1/collectives?near=52.09,5.12&radius_km=25&kind=energiecooperatie",
    "/api/v1/collectives?municipality=GM0363&q=energie",
]
MAP_REQUESTS = [
    "/api/v1/map?zoom=7",
    "/api/v1/map?zoom=7&kind=energiecooperatie",
    "/api/v1/map?zoom=8&q=zorg",
]


def measure_http(base, path, runs):
    median, p95 = benchlib.timed(lambda: benchlib.fetch(base + path), runs)
    return median, p95, benchlib.fetch(base + path)[1]


def raw_sql_timer(path):
    """The SQL the ORM runs for the same request (count and page), replayed by the sqlite3
    module without Django: the database's floor."""
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from opmars.registry.models import Collective
    from opmars.registry.query import filter_collectives, order_collectives, parse_query

    query = parse_query(RequestFactory().get(path).GET)
    matching = filter_collectives(query, Collective.objects.all())
    page = order_collectives(query, matching)[query.offset : query.offset + query.limit]
    with CaptureQueriesContext(connection) as captured:
        matching.count()
        list(page.values_list("id", "name", "slug"))
    statements = [q["sql"] for q in captured.captured_queries]
    db = sqlite3.connect(connection.settings_dict["NAME"])
    django_functions(db)

    def run():
        for sql in statements:
            db.execute(sql).fetchall()

    return run


def django_functions(db):
    # Django registers these on its own SQLite connections; the raw floor needs them too.
    import math

    for name, fn in {
        "RADIANS": math.radians,
        "SIN": math.sin,
        "COS": math.cos,
        "ASIN": math.asin,
        "SQRT": math.sqrt,
    }.items():
        db.create_function(
            name, 1, lambda x, fn=fn: None if x is None else fn(x), deterministic=True
        )
    db.create_function("POWER", 2, lambda x, y: None if x is None else x**y, deterministic=True)


def measure_raw(path, runs):
    return benchlib.timed(raw_sql_timer(path), runs)[0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--data-dir", default=f"var/bench-{100_000}")
    args = parser.parse_args()
    env = benchlib.data_env(args.data_dir)
    benchlib.ensure_demo(args.data_dir, args.count, env)
    benchlib.setup_django(env)
    from opmars.registry.models import Collective

    with benchlib.opmars_server(env) as server:
        base = server.base
        print(
            f"{Collective.objects.count()} collectives; {args.runs} runs per request; times in ms\n"
        )
        print("| request | HTTP median | HTTP p95 | bytes (gzip) | raw SQL median | ratio |")
        print("|---|---:|---:|---:|---:|---:|")
        medians = {"directory": [], "map": []}
        for group, paths in (("directory", DIRECTORY_REQUESTS), ("map", MAP_REQUESTS)):
            for path in paths:
                median, p95, size = measure_http(base, path, args.runs)
                raw = measure_raw(path, args.runs) if group == "directory" else None
                medians[group].append(median)
                raw_text = f"{raw:.1f}" if raw is not None else "–"
                ratio = f"{median / raw:.1f}×" if raw else "–"
                print(f"| `{path}` | {median:.1f} | {p95:.1f} | {size:,} | {raw_text} | {ratio} |")
        print(
            f"\ndirectory: median of medians {statistics.median(medians['directory']):.1f} ms; "
            f"map: median of medians {statistics.median(medians['map']):.1f} ms"
        )


if __name__ == "__main__":
    main()
