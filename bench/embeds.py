"""Embeds (issue 17): how long each kind of embed takes to compute, and how big it is, at
100,000 demo collectives. Floor: under 50 ms computed; under 20 KB of HTML and CSS without the
map (a municipality's map is a picture of its own, kaart.svg, measured on its own row).

Usage (from the repository root, in the virtualenv):

    python bench/embeds.py --count 100000 --runs 20 --data-dir /tmp/embeds-bench-100k

It makes (or reuses) a demo database with --count collectives in --data-dir and renders each
embed in this process through the whole middleware stack (Django's test client), never from
the page cache: every request carries a query parameter of its own. Two cases per embed:
"figures cached" is a new page on figures the monitor already keeps for this data generation
(what a visitor meets, since the monitor and every embed share them); "nothing cached" empties
the cache first, as after a write when nobody has asked yet. Medians and p95 in milliseconds.
The largest municipality (Amsterdam), the largest province (Zuid-Holland), the network with the
most members and the collective with the most yearly facts.
"""

import argparse
import gzip
import os
import re
import sys
from pathlib import Path

import benchlib

FLOOR_MS = 50
SIZE_LIMIT = 20 * 1024


def setup(data_dir, count):
    env = benchlib.data_env(data_dir)
    benchlib.ensure_demo(data_dir, count, env)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opmars.settings")
    sys.path.insert(0, str(benchlib.ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    # The data directory may predate the embeds' stylesheet: the pages link its hashed name.
    call_command("collectstatic", interactive=False, verbosity=0)


def targets():
    from django.db.models import Count

    from opmars.networks.models import Network
    from opmars.registry.models import Collective

    network = Network.objects.annotate(n=Count("membership")).order_by("-n").first()
    collective = (
        Collective.objects.filter(is_unlisted=False)
        .annotate(n=Count("facts"))
        .order_by("-n", "id")
        .first()
    )
    return [
        ("municipality (Amsterdam)", "/insluiten/gemeenten/GM0363/"),
        ("its map picture (kaart.svg)", "/insluiten/gemeenten/GM0363/kaart.svg"),
        ("province (Zuid-Holland)", "/insluiten/provincies/PV28/"),
        (
            f"network ({network.name}, {network.n:,} members)",
            "/insluiten/netwerken/" + network.slug + "/",
        ),
        ("collective", f"/insluiten/collectieven/{collective.slug}/"),
    ]


def page_bytes(page):
    """Bytes of the page's HTML and the CSS it links (the map is a picture of its own)."""
    from django.contrib.staticfiles.storage import staticfiles_storage

    css = sum(
        Path(staticfiles_storage.path(name)).stat().st_size
        for name in re.findall(r'<link rel="stylesheet" href="/static/([^"]+)"', page)
    )
    return len(page.encode()) + css


def measure(path, runs, cold):
    from django.core.cache import cache
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    counter = iter(range(10**9))

    def one():
        if cold:
            cache.clear()
        response = client.get(path, {"meting": next(counter)})
        assert response.status_code == 200, (path, response.status_code)
        return response

    page = one().content.decode()
    median, p95 = benchlib.timed(one, runs, warmup=2)
    return median, p95, page


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--data-dir", default="var/bench-embeds-100000")
    args = parser.parse_args()
    setup(args.data_dir, args.count)
    print(
        f"| embed ({args.count:,} collectives) | figures cached: median | p95 "
        "| nothing cached: median | p95 | size |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for label, path in targets():
        warm, warm95, page = measure(path, args.runs, cold=False)
        cold, cold95, _page = measure(path, max(5, args.runs // 4), cold=True)
        verdict = "met" if warm < FLOOR_MS else "MISSED"
        if path.endswith(".svg"):
            packed = len(gzip.compress(page.encode(), mtime=0))
            size = f"{len(page.encode()) / 1024:.1f} KiB ({packed / 1024:.1f} KiB gzipped)"
        else:
            small = page_bytes(page)
            size = f"{small / 1024:.1f} KiB HTML+CSS ({'met' if small < SIZE_LIMIT else 'MISSED'})"
        print(
            f"| {label} | {warm:.1f} ms ({verdict}) | {warm95:.1f} ms | {cold:.0f} ms "
            f"| {cold95:.0f} ms | {size} |"
        )


if __name__ == "__main__":
    main()
