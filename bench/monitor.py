"""Benchmark of the monitor's floors (issue 4): the national monitor page and the municipality
PDF report for the largest municipality, with 100,000 demo collectives.

Usage (from the repository root, in the virtualenv):

    python bench/monitor.py --count 100000 --runs 20

It makes (or reuses) a demo database with --count collectives in --data-dir, starts the
production server (`opmars serve --workers 1`, so every request after the first meets a warm
cache) on a free port, and prints the first request's time and the median and p95 of --runs
further requests for each page. Floors: national monitor < 300 ms median after the first request;
PDF report of the largest municipality < 3 s.
"""

import argparse

import benchlib

PAGES = [
    ("national monitor", "/monitor/", 0.3),
    ("province monitor (Zuid-Holland)", "/monitor/provincies/PV28/", None),
    ("municipality monitor (Amsterdam)", "/monitor/gemeenten/GM0363/", None),
    ("stats API, national", "/api/v1/stats/national", None),
]
# Amsterdam has the most inhabitants and, in the demo, the most collectives.
PDF = ("PDF report, Amsterdam", "/monitor/gemeenten/GM0363/rapport.pdf", 3.0)


def measure(base, path, runs):
    first, size, _body = benchlib.fetch(base + path)
    median, p95 = benchlib.timed(lambda: benchlib.fetch(base + path), runs, warmup=0)
    return first, median / 1000, p95 / 1000, size


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--data-dir", default="var/bench-monitor-100000")
    args = parser.parse_args()
    env = benchlib.data_env(args.data_dir)
    benchlib.ensure_demo(args.data_dir, args.count, env)
    with benchlib.opmars_server(env, workers=1) as server:
        base = server.base
        print(f"| page ({args.count:,} collectives) | first | median | p95 | size | floor |")
        print("| --- | ---: | ---: | ---: | ---: | --- |")
        for label, path, floor in [*PAGES, PDF]:
            first, median, p95, size = measure(base, path, args.runs)
            verdict = "" if floor is None else ("met" if median < floor else "MISSED")
            floor_text = "" if floor is None else f"< {floor * 1000:.0f} ms {verdict}"
            print(
                f"| {label} | {first * 1000:.0f} ms | {median * 1000:.0f} ms | "
                f"{p95 * 1000:.0f} ms | {size / 1024:.0f} KiB | {floor_text} |"
            )


if __name__ == "__main__":
    main()
