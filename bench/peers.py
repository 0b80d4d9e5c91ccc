"""Benchmark of peer matching ('leer van elkaar') at demo scale (issue 5 floor: < 200 ms median).

Usage (from the repository root, in the virtualenv), against a demo database made with
`OPMARS_DATA_DIR=/tmp/opmbench opmars demo --count 100000 --no-serve`:

    OPMARS_DATA_DIR=/tmp/opmbench python bench/peers.py --runs 60

Times opmars.networks.peers.find_peers (candidate selection with the indexes, loading the
candidates, scoring, wording the reasons) in-process for --runs collectives picked with a fixed
seed, after 5 warm-up calls, and prints the median, p95 and maximum and the candidate counts.
The API endpoint adds only JSON serialisation to this.
"""

import argparse
import os
import random
import statistics
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--radius-km", type=float, default=50)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opmars.settings")
    import django

    django.setup()
    from opmars.networks import peers
    from opmars.registry.models import Collective

    ids = list(Collective.objects.values_list("id", flat=True))
    rng = random.Random(args.seed)
    chosen = Collective.objects.filter(pk__in=rng.sample(ids, args.runs + 5))
    query = peers.PeerQuery(limit=10, radius_km=args.radius_km)
    timings = []
    for i, collective in enumerate(chosen):
        started = time.perf_counter()
        peers.find_peers(collective, query)
        if i >= 5:  # the first calls warm caches (stemmer, page cache)
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"collectives in database: {len(ids)}")
    print(f"runs: {len(timings)}, radius {args.radius_km} km, limit 10")
    print(f"median {statistics.median(timings):.0f} ms, p95 {p95:.0f} ms, max {timings[-1]:.0f} ms")


if __name__ == "__main__":
    main()
