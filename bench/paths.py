"""How long chosen paths take computed in process: the Django test client, the cache emptied
before every request (so each answer is computed, as the first after a write), the median of
--runs after one untimed request.

Usage (from the repository root, in the virtualenv, on a database made by `opmars demo` or
bench/make_scale_data.py):

    OPMARS_DATA_DIR=/tmp/b1m python bench/paths.py '/collectieven/?q=zorg&status=actief' ...

Prints a Markdown table row per path. With DATABASE_URL set it measures PostgreSQL.
"""

import argparse
import os
import statistics
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opmars.settings")
    import django

    django.setup()
    from django.core.cache import cache
    from django.test import Client

    client = Client()
    print("| path | computed, median |\n| --- | ---: |")
    for path in args.paths:
        cache.clear()
        status = client.get(path, HTTP_HOST="localhost").status_code
        if status != 200:
            raise SystemExit(f"{path}: {status}")
        times = []
        for _ in range(args.runs):
            cache.clear()
            started = time.perf_counter()
            client.get(path, HTTP_HOST="localhost")
            times.append((time.perf_counter() - started) * 1000)
        print(f"| `{path}` | {statistics.median(times):.0f} ms |")


if __name__ == "__main__":
    main()
