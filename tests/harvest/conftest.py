"""A small HTTP server on loopback that serves what a test puts in it, and dumps built the
way another Opmars publishes them (collectives.csv in a zip)."""

import csv
import io
import threading
import time
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from opmars.harvest.fetching import REQUIRED
from opmars.harvest.models import HarvestSource

COLUMNS = REQUIRED["opmars"]


def row(slug, name, **overrides):
    values = {
        "slug": slug,
        "name": name,
        "kind": "buurtcooperatie",
        "legal_form": "cooperatie_ua",
        "kvk_number": "",
        "municipality": "GM0363",
        "works_in": "",
        "postcode": "1011",
        "founded_year": "2015",
        "status": "actief",
        "status_year": "",
        "domains": "zorg_welzijn",
        "description": "Wij helpen buren.",
        "website": "",
        "is_voluntary": "ja",
        "is_not_for_profit": "ja",
        "has_societal_goal": "ja",
        "is_open": "ja",
        "is_democratic": "ja",
        "is_local": "ja",
        "demo": "nee",
    }
    values.update(overrides)
    return values


def csv_text(rows, columns=COLUMNS):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows([r.get(c, "") for c in COLUMNS] for r in rows)
    return "\ufeff" + out.getvalue()


def dump(rows, columns=COLUMNS):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("collectives.csv", csv_text(rows, columns))
        archive.writestr("README.txt", "test")
    return out.getvalue()


def refusal(source):
    """The message a harvest that must fail left on its source."""
    from opmars.harvest.actions import harvest

    assert harvest(source) is False
    source.refresh_from_db()
    return source.last_message


class Files:
    """What the server answers: path -> bytes; a path in `slow` sleeps first."""

    def __init__(self):
        self.files, self.slow = {}, {}


@pytest.fixture
def server():
    files = Files()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            time.sleep(files.slow.get(self.path, 0))
            body = files.files.get(self.path)
            if body is None:
                self.send_response(404)
                self.end_headers()
                return
            self.send_response(200)
            kind = "application/zip" if body.startswith(b"PK") else "text/csv"
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    files.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield files
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def source(db, server):
    return HarvestSource.objects.create(
        name="Buurtregister", url=server.url + "/dump.zip", kind="opmars", interval_hours=24
    )
