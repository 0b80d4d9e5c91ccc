"""Exports (issue 18): the whole list as CSV at 100,000 collectives, against its own raw SQL.
The floor: the CSV export of all rows in at most 2x its raw SQL and under 60 MB peak memory.

Usage (from the repository root, in the virtualenv):

    python bench/export.py --data-dir /work/data-bench-100k --runs 5

The data directory is made when it has no database: `opmars demo --count 10000 --no-serve` in
--source (default: the data directory's name with -10k), then `bench/make_scale_data.py --times
10` copies it to 100,000. With --database-url (PostgreSQL) the demo is made in that database and
its collectives are copied there in SQL the same way (bench/make_scale_data.py's rules).

Timed in process, alternating, medians of --runs after one warm-up each:
- Opmars: `exporting.export` of the directory's list for an anonymous visitor into a spooled
  temporary file, the function and the file the download view (`/export/collectieven.csv`) uses;
- raw SQL: the same SELECT (exporting._select) through a plain cursor of the same connection,
  CHUNK rows at a time, written with csv.writer into the same kind of file; no domains, areas
  of work or formula guard, so this is the floor.
Peak memory is measured in a fresh process per format: the Python heap's peak during one export
(tracemalloc) and the growth of the process's maximum resident set.
"""

import argparse
import csv
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import benchlib

sys.path.insert(0, str(benchlib.ROOT))

SPOOL = 8 * 1024 * 1024  # as opmars/dataio/views.py


def ensure_data(args, env):
    if args.database_url:
        benchlib.ensure_demo(args.data_dir, args.source_count, env)
        replicate_postgres(args.database_url, args.times)
        return
    if (Path(args.data_dir) / "opmars.sqlite3").exists():
        return
    source = args.source or f"{args.data_dir.rstrip('/')}-10k"
    benchlib.ensure_demo(source, args.source_count, benchlib.data_env(source))
    subprocess.run(
        [sys.executable, str(benchlib.ROOT / "bench" / "make_scale_data.py")]
        + ["--source", source, "--times", str(args.times), "--data-dir", args.data_dir],
        check=True,
    )


def replicate_postgres(database_url, times):
    """make_scale_data.py's copies, in PostgreSQL: once, when only the demo is there."""
    import psycopg

    sys.path.insert(0, str(benchlib.ROOT / "bench"))
    from make_scale_data import CHANGED, LINKS

    url = database_url.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(url) as db:
        base = db.execute("SELECT max(id) FROM registry_collective").fetchone()[0]
        if db.execute("SELECT count(*) FROM registry_collective").fetchone()[0] > base // 2 * 3:
            return  # copied already (the copies' ids start above the demo's)

        def columns(table):
            rows = db.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
                "AND is_generated = 'NEVER' ORDER BY ordinal_position",
                [table],
            )
            return [row[0] for row in rows]

        def sql(text):  # make_scale_data's :name parameters in psycopg's form
            for name in ("offset", "copy", "base"):
                text = text.replace(f":{name}", f"%({name})s")
            return text

        for copy in range(1, times):
            offset = {"offset": base * copy, "copy": copy, "base": base}
            names = columns("registry_collective")
            values = [CHANGED.get(name, name) for name in names]
            db.execute(
                sql(
                    f"INSERT INTO registry_collective ({', '.join(names)}) "
                    f"SELECT {', '.join(values)} FROM registry_collective WHERE id <= :base"
                ),
                offset,
            )
            for table in LINKS:
                kept = [c for c in columns(table) if c not in ("id", "collective_id")]
                db.execute(
                    sql(
                        f"INSERT INTO {table} (collective_id, {', '.join(kept)}) "
                        f"SELECT collective_id + :offset, {', '.join(kept)} FROM {table} "
                        f"WHERE collective_id <= :base"
                    ),
                    offset,
                )
        db.commit()
        db.execute("ANALYZE")
    print(f"copied the demo {times - 1} times in PostgreSQL")


def listed():
    from django.contrib.auth.models import AnonymousUser
    from django.http import QueryDict

    from opmars.dataio import exporting

    return exporting.collectives_for(QueryDict(), AnonymousUser())


def opmars_export(fmt):
    from opmars.dataio import exporting

    with tempfile.SpooledTemporaryFile(max_size=SPOOL) as out:
        count = exporting.export(listed(), fmt, out)
        return count, out.tell()


def raw_sql():
    from django.db import connections

    from opmars.dataio import exporting

    queryset = listed()
    sql, params = exporting._select(queryset)
    with tempfile.SpooledTemporaryFile(max_size=SPOOL) as out:
        text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
        writer = csv.writer(text, delimiter=";")
        count = 0
        with connections[queryset.db].chunked_cursor() as cursor:
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(exporting.CHUNK):
                writer.writerows(rows)
                count += len(rows)
        text.detach()
        return count, out.tell()


def timed(function, runs):
    function()  # warm-up
    times = []
    for _run in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def memory(fmt):
    """In this (fresh) process: one export after a warm-up of 10 rows, its memory."""
    import tracemalloc

    from opmars.dataio import exporting

    with tempfile.SpooledTemporaryFile(max_size=SPOOL) as out:
        exporting.export(listed()[:10], fmt, out)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    opmars_export(fmt)
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    tracemalloc.start()
    opmars_export(fmt)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"rss_growth_mb": grown / 1024, "heap_peak_mb": peak / 2**20}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--source", help="data directory of the 10,000 demo to copy")
    parser.add_argument("--source-count", type=int, default=10000)
    parser.add_argument("--times", type=int, default=10)
    parser.add_argument("--database-url", help="PostgreSQL instead of the SQLite file")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--formats", default="csv,csv-open,json,geojson")
    parser.add_argument("--memory-of", help=argparse.SUPPRESS)  # the child process's part
    args = parser.parse_args()
    env = benchlib.data_env(args.data_dir, args.database_url)
    if args.memory_of:
        benchlib.setup_django(env)
        print(json.dumps(memory(args.memory_of)))
        return
    ensure_data(args, env)
    benchlib.setup_django(env)
    from django.db import connection

    from opmars.registry.models import Collective

    total, shown = Collective.objects.count(), listed().count()
    print(f"{connection.vendor}: {total} collectives, {shown} listed")
    formats = args.formats.split(",")
    results = {fmt: [] for fmt in formats}
    results["raw SQL"] = []
    for fmt in formats:
        opmars_export(fmt)  # warm-up
    raw_sql()
    for _run in range(args.runs):  # alternating, so a busy moment hits both
        for fmt in formats:
            started = time.perf_counter()
            count, size = opmars_export(fmt)
            results[fmt].append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        raw_count, _size = raw_sql()
        results["raw SQL"].append((time.perf_counter() - started) * 1000)
    assert count == raw_count, (count, raw_count)
    raw = statistics.median(results["raw SQL"])
    print(f"{count} rows; medians of {args.runs} runs (ms), peak memory in a fresh process")
    for fmt, times in results.items():
        line = f"{fmt:10} median {statistics.median(times):8.0f}  min {min(times):8.0f}"
        if fmt != "raw SQL":
            line += f"  {statistics.median(times) / raw:4.2f}x raw SQL"
            child = subprocess.run(
                [sys.executable, __file__, "--data-dir", args.data_dir, "--memory-of", fmt]
                + (["--database-url", args.database_url] if args.database_url else []),
                env={**os.environ},
                capture_output=True,
                text=True,
                check=True,
            )
            used = json.loads(child.stdout.strip().splitlines()[-1])
            line += (
                f"  heap peak {used['heap_peak_mb']:5.1f} MB"
                f"  RSS growth {used['rss_growth_mb']:5.1f} MB"
            )
        print(line, flush=True)


if __name__ == "__main__":
    main()
