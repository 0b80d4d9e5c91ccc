"""Reconciliation (issue 17): a 1,000-row batch against the register, in process and over HTTP,
with the top-1 accuracy on the held-in rows (tests/reconcile/heldin.py: typos, abbreviations,
former municipality names). The floor: < 5 s for the batch at 100,000 collectives.

Usage (from the repository root, in the virtualenv):

    python bench/reconcile.py --data-dir /work/data-bench-100k --count 100000 --runs 5

The data directory gets a demo of --count collectives first if it has none (`opmars demo`).
Timed: building the index (once per data generation and server process), the batch in process
(matching only), and the batch over HTTP as OpenRefine sends it (a form POST of `queries` to
the production server, `opmars serve`), the first request of a fresh server (which builds its
index) apart from the medians of the runs after it.
"""

import argparse
import json
import statistics
import sys
import time
import urllib.parse
import urllib.request

import benchlib

sys.path.insert(0, str(benchlib.ROOT))


def held_in_rows(rows):
    from tests.reconcile import heldin

    return heldin.from_register(rows)


def accuracy(answers, expected):
    right = sum(
        1
        for key, slug in expected.items()
        if answers[key]["result"] and answers[key]["result"][0]["id"] == slug
    )
    return right / len(expected)


def post(url, queries):
    body = urllib.parse.urlencode({"queries": json.dumps(queries)}).encode()
    started = time.perf_counter()
    with urllib.request.urlopen(urllib.request.Request(url, data=body), timeout=120) as response:
        data = response.read()
    return time.perf_counter() - started, json.loads(data)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--count", type=int, default=100000)
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = benchlib.data_env(args.data_dir)
    benchlib.ensure_demo(args.data_dir, args.count, env)
    benchlib.setup_django(env)

    from opmars.accounts.policy import public_collectives
    from opmars.dataio import reconcile_views

    print(f"register: {public_collectives().count()} public collectives")
    rows = held_in_rows(args.rows)
    queries = {f"q{i}": query for i, (query, _slug) in enumerate(rows)}
    expected = {f"q{i}": slug for i, (_query, slug) in enumerate(rows)}
    print(f"batch: {len(queries)} rows")

    started = time.perf_counter()
    reconcile_views.current_index()
    print(f"index built in process: {time.perf_counter() - started:.2f} s")
    parsed = reconcile_views.read_batch(json.dumps(queries))
    times, cpu = [], []
    for _run in range(args.runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        answers = reconcile_views.answer_batch(parsed)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    print(
        f"in process: median {statistics.median(times):.2f} s, "
        f"max {max(times):.2f} s over {args.runs} runs; "
        f"CPU median {statistics.median(cpu):.2f} s"
    )
    print(f"top-1 accuracy: {accuracy(answers, expected):.1%}")
    names_only = {key: {"query": query["query"]} for key, query in queries.items()}
    plain = reconcile_views.answer_batch(reconcile_views.read_batch(json.dumps(names_only)))
    print(
        f"top-1 accuracy with the names alone (no municipality, no postcode): "
        f"{accuracy(plain, expected):.1%}"
    )

    with benchlib.opmars_server({**env, "OPMARS_RATE_RECONCILE": "0"}, workers=1) as server:
        url = server.base + "/api/reconcile"
        cold, answers = post(url, queries)
        print(f"HTTP, first batch of a fresh server (builds the index): {cold:.2f} s")
        times, cpu = [], []
        for _run in range(args.runs):
            before = server.cpu_seconds()
            times.append(post(url, queries)[0])
            cpu.append(server.cpu_seconds() - before)
        print(
            f"HTTP: median {statistics.median(times):.2f} s, "
            f"max {max(times):.2f} s over {args.runs} runs; "
            f"server CPU median {statistics.median(cpu):.2f} s"
        )
        print(f"top-1 accuracy over HTTP: {accuracy(answers, expected):.1%}")


if __name__ == "__main__":
    main()
