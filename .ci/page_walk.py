"""Fetch every kind of page of a running Opmars once, as a newcomer's browser would.

Usage: python page_walk.py http://127.0.0.1:PORT
Exits 1 (and lists every failure) when a page answers anything but 2xx, when a PDF is not a
PDF, or when a CSV or JSON answer is not what it says. Standard library only: it runs in the
newcomer's environment, where the checkout is not importable.
"""

import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

KINDS = {
    "pdf": lambda body: body.startswith(b"%PDF-"),
    "csv": lambda body: b"," in body.split(b"\n", 1)[0] or b";" in body.split(b"\n", 1)[0],
    "json": lambda body: json.loads(body) is not None,
    "html": lambda body: b"<html" in body[:500].lower(),
    "xlsx": lambda body: body.startswith(b"PK"),
}


def fetch(base, path):
    request = urllib.request.Request(urllib.parse.urljoin(base, path))
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_until_up(base, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base, timeout=5).close()
            return
        except urllib.error.HTTPError:
            return  # it answers; the walk reports what
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.5)
    sys.exit(f"{base} did not answer within {seconds} s")


def first_item(base, path):
    status, body = fetch(base, path)
    if status != 200:
        sys.exit(f"{path}: {status}, cannot find a record to walk")
    return json.loads(body)["items"][0]


def pages(base):
    """(path, kind) of every page type, with records picked from the API."""
    collective = first_item(base, "/api/v1/collectives?limit=1")
    municipality = collective["municipality"]["code"]
    province = collective["province"]["code"]
    network = first_item(base, "/api/v1/networks?limit=1")["slug"]
    slug = collective["slug"]
    yield from [
        ("/", "html"),
        ("/collectieven/", "html"),
        ("/collectieven/?q=energie&sort=name", "html"),
        (f"/collectieven/{slug}/", "html"),
        (f"/collectieven/{slug}/impact/", "html"),
        (f"/monitor/collectieven/{slug}/rapport.pdf", "pdf"),
        ("/gemeenten/", "html"),
        (f"/gemeenten/{municipality}/", "html"),
        ("/provincies/", "html"),
        (f"/provincies/{province}/", "html"),
        ("/kaart/", "html"),
        ("/monitor/", "html"),
        ("/monitor/definities/", "html"),
        (f"/monitor/gemeenten/{municipality}/", "html"),
        (f"/monitor/provincies/{province}/", "html"),
        (f"/monitor/netwerken/{network}/", "html"),
        ("/rekenhulp/", "html"),
        ("/methode/", "html"),
        ("/kennis/", "html"),
        ("/vragen/", "html"),
        ("/netwerken/", "html"),
        (f"/netwerken/{network}/", "html"),
        ("/api/v1/docs", "html"),
        ("/api/v1/openapi.json", "json"),
        ("/api/v1/collectives?limit=5", "json"),
        ("/export/collectieven.csv?kind=energiecooperatie", "csv"),
        ("/export/collectieven.xlsx?kind=energiecooperatie", "xlsx"),
        ("/export/collectieven.json?kind=energiecooperatie", "json"),
        ("/export/collectieven.geojson?kind=energiecooperatie", "json"),
        ("/export/collectieven.jsonld?kind=energiecooperatie", "json"),
    ]
    for scope, code in (
        ("gemeenten", municipality),
        ("provincies", province),
        ("netwerken", network),
    ):
        yield f"/monitor/{scope}/{code}/rapport/", "html"
        yield f"/monitor/{scope}/{code}/rapport.pdf", "pdf"
        yield f"/monitor/{scope}/{code}/rapport.csv", "csv"


def main(base):
    wait_until_up(base)
    failures = []
    count = 0
    for path, kind in pages(base):
        count += 1
        status, body = fetch(base, path)
        try:
            looks_right = KINDS[kind](body)
        except ValueError:
            looks_right = False
        verdict = "ok" if 200 <= status < 300 and looks_right else "FAILED"
        print(f"{verdict:6} {status} {kind:4} {len(body):>9} B  {path}")
        if verdict != "ok":
            failures.append(path)
    print(f"{count - len(failures)} pages ok, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
