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
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PAGES = [
    ("national monitor", "/monitor/", 0.3),
    ("province monitor (Zuid-Holland)", "/monitor/provincies/PV28/", None),
    ("municipality monitor (Amsterdam)", "/monitor/gemeenten/GM0363/", None),
    ("stats API, national", "/api/v1/stats/national", None),
]
# Amsterdam has the most inhabitants and, in the demo, the most collectives.
PDF = ("PDF report, Amsterdam", "/monitor/gemeenten/GM0363/rapport.pdf", 3.0)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url):
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        body = response.read()
    return time.perf_counter() - started, len(body)


def ensure_demo(data_dir, count, env):
    if (Path(data_dir) / "opmars.sqlite3").exists():
        return
    subprocess.run(
        [sys.executable, "-m", "opmars.cli", "demo", "--count", str(count), "--no-serve"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def wait_for(base, timeout=90):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            fetch(base + "/api/v1/provinces")
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("server did not start")


def measure(base, path, runs):
    first, size = fetch(base + path)
    times = sorted(fetch(base + path)[0] for _ in range(runs))
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    return first, statistics.median(times), p95, size


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--data-dir", default="var/bench-monitor-100000")
    args = parser.parse_args()
    env = {**os.environ, "OPMARS_DATA_DIR": str(Path(args.data_dir).resolve())}
    env.pop("DATABASE_URL", None)
    ensure_demo(args.data_dir, args.count, env)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "opmars.cli", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base)
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
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
