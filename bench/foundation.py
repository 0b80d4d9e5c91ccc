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
import gzip
import json
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

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


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
        elapsed = time.perf_counter() - started
        encoding = response.headers.get("Content-Encoding")
    data = gzip.decompress(body) if encoding == "gzip" else body
    return elapsed, len(body), json.loads(data)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def measure_http(base, path, runs):
    for _ in range(3):
        fetch(base + path)
    times, size = [], 0
    for _ in range(runs):
        elapsed, size, _data = fetch(base + path)
        times.append(elapsed * 1000)
    return statistics.median(times), percentile(times, 95), size


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
    run = raw_sql_timer(path)
    for _ in range(3):
        run()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def ensure_demo(data_dir, count, env):
    db = Path(data_dir) / "opmars.sqlite3"
    if db.exists():
        return
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "opmars.cli", "demo", "--count", str(count), "--no-serve"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"demo with {count} collectives made in {time.perf_counter() - started:.0f} s")


def wait_for(base, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            fetch(base + "/api/v1/provinces")
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("server did not start")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--data-dir", default=f"var/bench-{100_000}")
    args = parser.parse_args()
    env = {**os.environ, "OPMARS_DATA_DIR": str(Path(args.data_dir).resolve())}
    env.pop("DATABASE_URL", None)
    os.environ.update(
        {"OPMARS_DATA_DIR": env["OPMARS_DATA_DIR"], "DJANGO_SETTINGS_MODULE": "opmars.settings"}
    )
    os.environ.pop("DATABASE_URL", None)
    ensure_demo(args.data_dir, args.count, env)

    import django

    django.setup()
    from opmars.registry.models import Collective

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "opmars.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base)
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
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
