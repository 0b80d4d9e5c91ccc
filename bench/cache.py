"""What the cache saves: median time of representative requests, cold and warm, in one run.

    OPMARS_DATA_DIR=/path/to/demo python bench/cache.py [--runs 15]

Requests go through Django's test client in this process (no network, no server), against the
configured database. Cold: the cache emptied before the request. Warm: the same request again,
answered from the cache. Revalidated: a client sending the ETag it got, answered 304. Run it on a
local-memory cache: emptying a Redis cache would empty it for every server that shares it.
"""

import argparse
import os
import statistics
import time

REQUESTS = [
    "/api/v1/map?zoom=7",
    "/api/v1/municipalities",
    "/api/v1/stats/national",
    "/api/v1/collectives?q=energie",
    "/monitor/",
    "/gemeenten/",
]


def _timed(client, path, **headers):
    start = time.perf_counter()
    response = client.get(path, headers=headers)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code not in (200, 304):
        raise SystemExit(f"{path}: HTTP {response.status_code}")
    return elapsed, response


def measure(client, cache, path, runs):
    cold, warm, revalidated = [], [], []
    for _ in range(runs):
        cache.clear()
        elapsed, response = _timed(client, path)
        cold.append(elapsed)
        warm.append(_timed(client, path)[0])
        if response.has_header("ETag"):
            revalidated.append(_timed(client, path, if_none_match=response["ETag"])[0])
    return [statistics.median(times) if times else None for times in (cold, warm, revalidated)]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="repetitions per request")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opmars.settings")
    import django

    django.setup()
    from django.core.cache import cache
    from django.test import Client

    from opmars.registry.models import Collective

    client = Client(HTTP_HOST="localhost")
    print(f"{Collective.objects.count()} collectives; median of {args.runs} runs, in ms")
    print(f"{'request':34} {'cold':>8} {'warm':>8} {'304':>8} {'cold/warm':>10}")
    for path in REQUESTS:
        cold, warm, revalidated = measure(client, cache, path, args.runs)
        not_modified = f"{revalidated:8.1f}" if revalidated is not None else f"{'-':>8}"
        print(f"{path:34} {cold:8.1f} {warm:8.1f} {not_modified} {cold / warm:9.1f}×")


if __name__ == "__main__":
    main()
