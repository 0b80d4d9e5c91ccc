"""National scale, measured (issue 7): Opmars against Datasette and raw SQL, under load, and as
the data grows. See docs/performance.md for the figures and how to read them.

Usage (from the repository root, in the virtualenv with the `bench` extra installed):

    python bench/scale.py latency --data-dir /work/data-bench-100k --count 100000
    python bench/scale.py latency --data-dir /work/data-bench-pg \
        --database-url postgres://postgres@127.0.0.1:5432/h_bench --count 100000
    python bench/scale.py load --data-dir /work/data-bench-100k
    python bench/scale.py scaling --data-dir /work/data-bench-10k --data-dir \
        /work/data-bench-100k --data-dir /work/data-bench-1m

latency: for every workload of bench/workloads.py, interleaved per run, the HTTP time of Opmars'
production server (`opmars serve`, granian, 2 workers) and of Datasette serving the same SQLite
file (immutable, the `fts_table` metadata on Opmars' FTS5 index), each after warm-up calls; and
the floor: the SQL statements Django ran for the same request (captured in-process once, with
an empty cache) replayed through the bare database driver. On PostgreSQL only Opmars and the
floor. load: wrk from a second process on loopback with bench/mix.lua, stepping the number of
connections (with --cold: a server just started on an emptied cache, no warm-up: the first
--seconds of its life, the cold start). fresh: each path of the load mix computed in process
with an emptied cache, slowest first (what a write costs). scaling: `latency` over several data
directories, then the growth per workload.
Results are also written as JSON to bench/results/ (not committed).
"""

import argparse
import contextlib
import itertools
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import benchlib
import workloads

RESULTS = benchlib.ROOT / "bench" / "results"


def datasette_server(database, env):
    """Datasette on the same SQLite file, configured for speed as its documentation advises:
    immutable (no change checks, counted once), no facet suggestions, and a time limit long
    enough that no question here is cut off."""
    port = benchlib.free_port()
    RESULTS.mkdir(parents=True, exist_ok=True)
    metadata = RESULTS / "datasette-metadata.json"
    metadata.write_text(
        json.dumps(
            {
                "databases": {
                    workloads.DB: {
                        "tables": {
                            "registry_collective": {
                                "fts_table": "registry_collective_fts",
                                "fts_pk": "id",
                            }
                        }
                    }
                }
            }
        )
    )
    command = [sys.executable, "-m", "datasette", "serve", "-i", str(database)]
    command += ["--port", str(port), "--metadata", str(metadata)]
    for name, value in {
        "sql_time_limit_ms": 120_000,
        "suggest_facets": "off",
        "default_facet_size": 0,
        "max_returned_rows": 1000,
    }.items():
        command += ["--setting", name, str(value)]
    return benchlib.running(command, env, "/-/versions.json", port)


def captured_statements(path):
    """The SELECTs Django runs for `path`, in-process, with an empty cache (the whole work)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = Client().get(path, HTTP_HOST="127.0.0.1")
        if response.streaming:
            b"".join(response.streaming_content)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code} in-process")
    statements = [q["sql"] for q in captured.captured_queries]
    return [sql for sql in statements if sql.lstrip("( ").startswith("SELECT")]


def raw_runner(statements):
    """Replay the statements through the bare driver connection (sqlite3 with the functions
    Django registers, or psycopg): no ORM, no Python objects beyond the driver's tuples."""
    from django.db import connection

    connection.ensure_connection()
    driver = connection.connection

    def run():
        cursor = driver.cursor()
        for statement in statements:
            cursor.execute(statement)
            cursor.fetchall()
        cursor.close()

    return run


def a_write(collective_pk=None):
    """What a write to a collective's record does to the caches: a new data generation, queued
    as every service function queues it (the data are left alone), and the kept figures'
    catch-up after it. About one collective, or about none, which renews every answer."""
    from django.db import transaction

    from opmars.caching import changes

    with transaction.atomic():
        changes.record_write(collective_pk)


def a_facts_save(actor, collective):
    """A real yearly-facts save through the service function, as an editor's in March: its
    lock, validation, audit event, kept figures' catch-up and scopes. It saves the last
    year's figures as they are, so the data stay those of the demo."""
    from opmars.registry import actions

    year = collective.facts.order_by("-year").values_list("year", flat=True).first()
    actions.update_yearly_facts(actor, collective, year, {})


def a_facts_import(actor, pks):
    """A real import of yearly facts (opmars.dataio), as a network admin's of their members:
    each collective's last year, its members one more or one less than stored, so that every
    row changes and the data stay near the demo's."""
    import tempfile

    from opmars.dataio.import_run import Options, import_file
    from opmars.registry.models import YearlyFacts

    rows = ["slug;jaar;leden"]
    latest = YearlyFacts.objects.filter(collective_id__in=pks).order_by("collective_id", "-year")
    seen = set()
    for slug, year, members in latest.values_list("collective__slug", "year", "members"):
        if slug not in seen:
            seen.add(slug)
            rows.append(f"{slug};{year};{(members or 0) + (1 if (members or 0) % 2 == 0 else -1)}")
    with tempfile.NamedTemporaryFile("w", suffix=".csv", encoding="utf-8") as file:
        file.write("\r\n".join(rows) + "\r\n")
        file.flush()
        options = Options(file_name="leden.csv", kind="facts", dry_run=False)
        report = import_file(file.name, actor, options)
    assert report.imported, report.problem or report.error_rows[:3]


IMPORT_ROWS = 12


def writer(about):
    """(the collectives to write about: up to 10,000 with yearly facts, in random order; the
    write, called with one of them) for --write-about: a yearly-facts save, an import of the
    facts of twelve collectives (that one and the next eleven), a write to the collective's
    record, or a write about no collective."""
    from opmars.accounts.models import User
    from opmars.registry.models import Collective, YearlyFacts

    with_facts = Collective.objects.filter(pk__in=YearlyFacts.objects.values("collective_id"))
    pks = list(with_facts.order_by("?").values_list("pk", flat=True)[:10_000])
    staff = User.objects.filter(is_staff=True).order_by("pk").first()
    if about == "facts":
        return pks, lambda pk: a_facts_save(staff, Collective.objects.get(pk=pk))
    if about == "facts-import":
        at = {pk: i for i, pk in enumerate(pks)}
        return pks, lambda pk: a_facts_import(staff, pks[at[pk] : at[pk] + IMPORT_ROWS])
    return pks, lambda pk: a_write(pk if about == "collective" else None)


def http_runner(base, path):
    return lambda: benchlib.fetch(base + path)


def summary(per_sample, pooled_times):
    """The mean of the samples' medians (the average request of the fixed set, so ratios
    compare the same set) and the p95 over every timed request."""
    result = {"median": statistics.mean(per_sample), "per_sample": per_sample}
    if pooled_times:
        result["p95"] = benchlib.percentile(pooled_times, 95)
    return result


def measure_workload(samples, opmars, cached, datasette, runs):
    """Interleaved per run, so the servers meet the same moments of a noisy machine. `opmars`
    is asked right after a write (a new data generation, made here untimed), so it computes its
    answer as the first visitor after any write would get it; `cached` is the same server as
    deployed, whose repeated answers come from its cache."""
    pooled = {"opmars": [], "cached": [], "datasette": []}
    medians = {"opmars": [], "cached": [], "datasette": [], "raw": []}
    first = []
    for op_path, ds_path in samples:
        raw = raw_runner(captured_statements(op_path))
        first.append(benchlib.timed(http_runner(opmars, op_path), 1, warmup=0)[0])
        fetchers = {"opmars": http_runner(opmars, op_path), "cached": http_runner(cached, op_path)}
        if datasette:
            fetchers["datasette"] = http_runner(datasette, ds_path)
        for fetcher in fetchers.values():
            for _ in range(2):
                fetcher()
        slow = first[-1] > 1000  # fewer runs and one warm-up: a million rows take minutes
        sample_runs = max(3, runs // 4) if slow else runs
        times = {name: [] for name in fetchers}
        for _ in range(sample_runs):
            for name, fetcher in fetchers.items():
                if name == "opmars":
                    a_write()
                times[name].append(benchlib.timed(fetcher, 1, warmup=0)[0])
        for name in fetchers:
            pooled[name] += times[name]
            medians[name].append(statistics.median(times[name]))
        medians["raw"].append(benchlib.timed(raw, sample_runs, warmup=1 if slow else 3)[0])
    result = {
        "opmars": summary(medians["opmars"], pooled["opmars"]),
        "opmars_first": statistics.mean(first),
        "cached": summary(medians["cached"], pooled["cached"]),
        "raw": summary(medians["raw"], []),
    }
    if datasette:
        result["datasette"] = summary(medians["datasette"], pooled["datasette"])
    return result


def latency(args):
    env = benchlib.data_env(args.data_dir[0], args.database_url)
    benchlib.ensure_demo(args.data_dir[0], args.count, env)
    benchlib.setup_django(env)
    from django.db import connection

    from opmars.registry.models import Collective

    count = Collective.objects.count()
    on_sqlite = connection.vendor == "sqlite"
    sets = [w for w in workloads.all_workloads() if not args.only or args.only in w[0]]
    results = {"count": count, "vendor": connection.vendor, "runs": args.runs, "workloads": {}}
    name_of_run = f"latency-{connection.vendor}-{count}-{time.strftime('%Y%m%d-%H%M%S')}"
    # Answers right after a write: no stale answer may be served, every one is computed.
    computed_env = {**env, "OPMARS_CACHE_STALE_SECONDS": "0"}
    # Repeated requests from the cache; the writes made for `opmars` must not expire them.
    cached_env = {**env, "OPMARS_CACHE_STALE_SECONDS": "3600"}
    with (
        benchlib.opmars_server(computed_env) as opmars,
        benchlib.opmars_server(cached_env) as cached,
    ):
        datasette = (
            datasette_server(connection.settings_dict["NAME"], env)
            if on_sqlite and not args.no_datasette
            else _nothing()
        )
        with datasette as ds_server:
            ds_base = ds_server.base if ds_server else None
            for name, samples in sets:
                started = time.perf_counter()
                results["workloads"][name] = measure_workload(
                    samples, opmars.base, cached.base, ds_base, args.runs
                )
                print(f"  {name}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
                # Saved after every workload: at a million rows one run takes the better part
                # of an hour, and what was measured survives an interruption.
                save(results, name_of_run)
    print(latency_table(results))
    return results


class _nothing:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def latency_table(results):
    with_ds = any("datasette" in w for w in results["workloads"].values())
    head = "| workload | Opmars computed | p95 | first request | Opmars cached | p95 |"
    head += (
        " Datasette | Datasette p95 | computed / Datasette | cached / Datasette |"
        if with_ds
        else ""
    )
    head += " raw SQL | computed / raw SQL |"
    lines = [
        f"{results['count']:,} collectives on {results['vendor']}, {results['runs']} runs per "
        "request; times in ms: the mean over the workload's requests of each one's median. "
        "Computed: the first request after a write; cached: as deployed, repeated requests",
        "",
        head,
        "|---" + "|---:" * (head.count("|") - 2) + "|",
    ]
    for name, w in results["workloads"].items():
        op, raw = w["opmars"], w["raw"]["median"]
        cells = [name, f"{op['median']:.1f}", f"{op['p95']:.1f}", f"{w['opmars_first']:.0f}"]
        hit = w.get("cached", {"median": float("nan"), "p95": float("nan")})
        cells += [f"{hit['median']:.1f}", f"{hit['p95']:.1f}"]
        if with_ds:
            ds = w["datasette"]
            cells += [f"{ds['median']:.1f}", f"{ds['p95']:.1f}", ratio(op["median"], ds["median"])]
            cells.append(ratio(hit["median"], ds["median"]))
        cells += [f"{raw:.1f}", ratio(op["median"], raw)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def ratio(a, b):
    return f"{a / b:.2f}×" if b else "–"


def save(results, name):
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(results, indent=2))


def load_paths():
    """The request mix, expanded to 100 lines in its proportions: 40 directory pages and
    searches, 20 collective pages, 20 map data, 10 municipality statistics, 10 monitor and API
    lists."""
    directory = [op for op, _ds in workloads.directory()] + [
        "/collectieven/",
        "/collectieven/?kind=energiecooperatie",
        "/api/v1/collectives?q=energie",
    ]
    collectives = [f"/collectieven/{slug}/" for _pk, slug, *_ in workloads.sample_collectives(20)]
    maps = [op for op, _ds in workloads.country_map()] + [
        "/api/v1/map?zoom=11&bbox=4.85,52.33,4.95,52.40",
    ]
    stats = [op for op, _ds in workloads.municipality_stats()]
    lists = ["/monitor/", "/api/v1/stats/national", "/api/v1/networks", "/api/v1/collectives"]
    mix = []
    for share, paths in ((40, directory), (20, collectives), (20, maps), (10, stats), (10, lists)):
        mix += [paths[i % len(paths)] for i in range(share)]
    return mix


def fresh(args):
    """Each distinct path of the load mix computed fresh in this process (the cache emptied
    before every request), median of --runs, slowest first: what one write costs when every
    answer that follows it is asked for again."""
    env = benchlib.data_env(args.data_dir[0], args.database_url)
    os.environ["OPMARS_DEMO"] = "1"
    benchlib.setup_django(env)
    from django.core.cache import cache
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_ENCODING="gzip")
    mix = load_paths()
    rows = []
    for path in sorted(set(mix)):
        times = []
        for _ in range(args.runs):
            cache.clear()
            started = time.perf_counter()
            status = client.get(path).status_code
            times.append((time.perf_counter() - started) * 1000)
        rows.append((statistics.median(times), mix.count(path), status, path))
    print("| computed (median ms) | share of the mix (%) | status | path |")
    print("|---:|---:|---:|---|")
    for ms, share, status, path in sorted(rows, reverse=True):
        print(f"| {ms:.1f} | {share} | {status} | `{path}` |")


def renewed(args):
    """Which paths of the load mix one write renews: every path cached, one write of the kind
    --write-about names, then every path asked twice; those computed again (the first answer
    slower than 5 ms and than three times the second, from the cache) with their time, for
    --runs writes."""
    env = benchlib.data_env(args.data_dir[0], args.database_url)
    os.environ["OPMARS_DEMO"] = "1"
    os.environ["OPMARS_CACHE_STALE_SECONDS"] = "0"
    benchlib.setup_django(env)
    from django.test import Client

    from opmars.registry.models import Collective

    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_ENCODING="gzip")
    paths = sorted(set(load_paths()))
    pks, write = writer(args.write_about)
    for collective in Collective.objects.filter(pk__in=pks[: args.runs]):
        for path in paths:
            client.get(path)
        started = time.perf_counter()
        write(collective.pk)
        wrote = (time.perf_counter() - started) * 1000
        again = []
        for path in paths:
            first, cached = (_timed_get(client, path) for _ in range(2))
            if first > max(5, 3 * cached):  # computed, not served from the cache
                again.append(f"`{path}` {first:.0f} ms")
        slow = ", ".join(again)
        print(f"- {collective.municipality_id}, the write {wrote:.0f} ms; computed again: {slow}")


def _timed_get(client, path):
    started = time.perf_counter()
    client.get(path)
    return (time.perf_counter() - started) * 1000


def wrk(base, connections, seconds, paths_file):
    threads = min(2, connections)
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
        + ["-s", str(benchlib.ROOT / "bench" / "mix.lua"), base, "--", str(paths_file)],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
    ).stdout
    return json.loads(out[out.index("{") : out.rindex("}") + 1])


def load(args):
    env = benchlib.data_env(args.data_dir[0], args.database_url)
    benchlib.setup_django(env)
    from opmars.registry.models import Collective

    RESULTS.mkdir(parents=True, exist_ok=True)
    paths_file = RESULTS / "mix-paths.txt"
    paths_file.write_text("\n".join(load_paths()) + "\n")
    results = {"count": Collective.objects.count(), "write_every": args.write_every, "steps": []}
    if args.cold:
        from django.core.cache import cache

        cache.clear()  # the shared cache, when there is one; a worker's own starts empty
    with (
        benchlib.opmars_server(env, workers=args.workers, threads=args.threads) as server,
        writes(args.write_every, args.write_about),
    ):
        # Every path answers 200 before any load; asked a few times, so that each worker
        # (with its own local-memory cache) has most of them in its cache, as after a while.
        for path in [] if args.cold else sorted(set(load_paths())) * 4:
            benchlib.fetch(server.base + path)
        for connections in args.connections:
            cpu_before = server.cpu_seconds()
            step = wrk(server.base, connections, args.seconds, paths_file)
            step["connections"] = connections
            # The server's own CPU per request: what the mix costs, whatever else runs.
            step["cpu_ms"] = 1000 * (server.cpu_seconds() - cpu_before) / max(1, step["requests"])
            results["steps"].append(step)
            print(
                f"  {connections} connections: {step['rps']:.0f} req/s, "
                f"p99 {step['p99_ms']:.0f} ms",
                file=sys.stderr,
            )
    save(results, f"load-{results['count']}-{time.strftime('%Y%m%d-%H%M%S')}")
    print(load_table(results, args))


@contextlib.contextmanager
def writes(every, about="collective"):
    """Every `every` seconds, in a thread beside the load, a write about one collective, each
    time another: `about="facts"` a real yearly-facts save (its figures as they were), about
    `"collective"` what a write to its record does to the caches (the data left alone); with
    `about="nothing"`, a write that names no collective (a network's edit), which renews every
    cached answer."""
    if not every:
        yield
        return
    from django.db import connection

    pks, write_one = writer(about)
    stop = threading.Event()

    def write():
        for pk in itertools.cycle(pks):
            if stop.wait(every):
                break
            write_one(pk)
        connection.close()

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def load_table(results, args):
    about = {
        "facts": "a yearly-facts save",
        "facts-import": f"an import of {IMPORT_ROWS} collectives' yearly facts",
        "collective": "a write to a collective's record",
        "nothing": "a write about no collective",
    }[args.write_about]
    written = f"{about} every {args.write_every:g} s" if args.write_every else "no writes"
    lines = [
        f"{results['count']:,} collectives; wrk, {args.seconds} s per step, {args.workers} "
        f"granian workers of {args.threads} threads, {written}"
        f"{', cold start' if args.cold else ''}; latency in ms",
        "",
        "| connections | requests/s | median | p90 | p99 | max | requests | non-2xx | errors "
        "| server CPU per request | estimate: requests/s on 2 free cores |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in results["steps"]:
        lines.append(
            f"| {s['connections']} | {s['rps']:.0f} | {s['p50_ms']:.1f} | {s['p90_ms']:.1f} | "
            f"{s['p99_ms']:.1f} | {s['max_ms']:.0f} | {s['requests']:,} | {s['non2xx']} | "
            f"{s['socket_errors']} | {s['cpu_ms']:.1f} ms | {2000 / s['cpu_ms']:.0f} |"
        )
    return "\n".join(lines)


def scaling(args):
    per_size = []
    for data_dir in args.data_dir:
        previous = latest_results(data_dir) if args.reuse else None
        if previous is None:
            command = [sys.executable, __file__, "latency", "--data-dir", data_dir]
            command += ["--runs", str(args.runs), "--count", "0"]
            if args.no_datasette:
                command.append("--no-datasette")
            subprocess.run(command, env=benchlib.data_env(data_dir), check=True)
            previous = latest_results(data_dir)
        per_size.append(previous)
    print(scaling_table(per_size))


def latest_results(data_dir):
    """The latest `latency` figures of each workload for the number of collectives in this
    data directory (a run with --only updates just its workloads), or None."""
    import sqlite3

    db = sqlite3.connect(Path(data_dir) / "opmars.sqlite3")
    count = db.execute("select count(*) from registry_collective").fetchone()[0]
    db.close()
    found = sorted(RESULTS.glob(f"latency-sqlite-{count}-*.json"))
    if not found:
        return None
    merged = {"count": count, "workloads": {}}
    for path in found:
        merged["workloads"].update(json.loads(path.read_text())["workloads"])
    return merged


def scaling_table(per_size):
    """Per workload the times at each size and, per step, how much each grew for ten times the
    data (10× is linear): Opmars / Datasette / raw SQL, so the database's own growth shows."""
    sizes = [r["count"] for r in per_size]
    head = "| workload | " + " | ".join(f"{n:,}" for n in sizes) + " | growth per 10× data |"
    lines = [
        "Opmars in ms (Datasette; raw SQL); growth: Opmars / Datasette / raw SQL",
        "",
        head,
        "|---" + "|---:" * (len(sizes) + 1) + "|",
    ]
    for name in per_size[0]["workloads"]:
        rows = [r["workloads"][name] for r in per_size]
        cells = [
            f"{w['opmars']['median']:.1f} ({_ds(w):.0f}; {w['raw']['median']:.1f})" for w in rows
        ]
        steps = [
            " / ".join(
                f"{_growth(a[k]['median'], b[k]['median'], na, nb):.1f}×" if k in a else "–"
                for k in ("opmars", "datasette", "raw")
            )
            for a, b, na, nb in zip(rows, rows[1:], sizes, sizes[1:], strict=False)
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " | " + "; ".join(steps) + " |")
    return "\n".join(lines)


def _ds(w):
    return w["datasette"]["median"] if "datasette" in w else float("nan")


def _growth(before, after, n_before, n_after):
    """The factor for ten times the data, from any ratio of sizes."""
    return (after / before) ** (1 / max(1e-9, _log10(n_after / n_before)))


def _log10(x):
    import math

    return math.log10(x)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part", choices=["latency", "load", "scaling", "fresh", "renewed"])
    parser.add_argument("--data-dir", action="append", required=True)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--count", type=int, default=100_000, help="demo size if none there yet")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per sample")
    parser.add_argument("--no-datasette", action="store_true")
    parser.add_argument("--only", help="latency: only workloads whose name contains this")
    parser.add_argument(
        "--reuse", action="store_true", help="scaling: use the latest latency result per size"
    )
    parser.add_argument("--seconds", type=int, default=20, help="load: seconds per step")
    parser.add_argument(
        "--write-about",
        choices=["facts", "facts-import", "collective", "nothing"],
        default="collective",
        help="load: each write a yearly-facts save, an import of twelve collectives' yearly "
        "facts, a write to a collective's record (each time another collective), or one about "
        "no collective",
    )
    parser.add_argument("--workers", type=int, default=2, help="load: granian workers")
    parser.add_argument("--threads", type=int, default=2, help="load: threads per worker")
    parser.add_argument(
        "--cold", action="store_true", help="load: an emptied cache and no warm-up (cold start)"
    )
    parser.add_argument(
        "--connections", type=int, nargs="+", default=[1, 2, 4, 8, 16, 32, 64], help="load steps"
    )
    parser.add_argument(
        "--write-every",
        type=float,
        default=0,
        help="load: seconds between writes during the load (each about another collective, "
        "as a yearly-facts save: every answer that shows many collectives is renewed); 0: none",
    )
    args = parser.parse_args()
    {"latency": latency, "load": load, "scaling": scaling, "fresh": fresh, "renewed": renewed}[
        args.part
    ](args)


if __name__ == "__main__":
    main()
