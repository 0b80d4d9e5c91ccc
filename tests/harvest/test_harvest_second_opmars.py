"""Harvesting a real second Opmars: one started by the test on loopback, the way the README
starts it (`opmars demo --count 30 --no-serve`, then `opmars serve`), in its own data directory.
The source's address is its /open-data/ page; the harvest takes the newest dump offered there.
Slow (the demo is generated first), but no browser."""

import csv
import io
import os
import subprocess
import zipfile

import pytest

from opmars.harvest.actions import harvest
from opmars.harvest.models import FieldProvenance, HarvestedRecord, HarvestSource
from opmars.registry.models import Collective
from tests.browser.journeys.conftest import _free_port, _opmars_command, _wait_until_up


@pytest.fixture(scope="module")
def second_opmars(tmp_path_factory):
    home = tmp_path_factory.mktemp("second-opmars")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "OPMARS_", "DATABASE_URL", "PYTHONPATH"))
    }
    env["OPMARS_DATA_DIR"] = str(home / "data")
    command = _opmars_command()
    demo = subprocess.run(
        [command, "demo", "--count", "30", "--no-serve"],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
    )
    assert demo.returncode == 0, demo.stdout[-2000:] + demo.stderr[-3000:]
    port = _free_port()
    log = home / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [command, "serve", "--port", str(port), "--workers", "1"],
            cwd=home,
            env=env | {"OPMARS_DEMO": "1"},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, server, log)
        yield url, home / "data" / "open-data"
    finally:
        server.terminate()
        server.wait(timeout=20)


def _rows_in_dump(folder):
    newest = max(folder.glob("opmars-open-data-*.zip"))
    with zipfile.ZipFile(newest) as archive:
        text = archive.read("collectives.csv").decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_harvest_a_second_opmars(second_opmars, db):
    url, dumps = second_opmars
    rows = _rows_in_dump(dumps)
    assert len(rows) >= 30
    source = HarvestSource.objects.create(
        name="Tweede Opmars", url=url + "/open-data/", kind="opmars"
    )

    assert harvest(source), source.last_message

    source.refresh_from_db()
    assert source.counts["rijen"] == len(rows)
    assert source.counts["nieuw"] == len(rows)
    assert Collective.objects.count() == len(rows)
    assert set(Collective.objects.values_list("source", flat=True)) == {"uit bron Tweede Opmars"}
    assert Collective.objects.filter(is_demo=True).count() == len(rows)  # all fictitious
    assert HarvestedRecord.objects.filter(source=source).count() == len(rows)
    assert FieldProvenance.objects.filter(source=source, field="name").count() == len(rows)
    names = sorted(Collective.objects.values_list("name", flat=True))
    assert names == sorted(r["name"] for r in rows)

    # Once more, with nothing changed there: nothing changes here.
    assert harvest(source), source.last_message
    source.refresh_from_db()
    assert source.counts["nieuw"] == 0
    assert source.counts["bijgewerkt"] == 0
    assert source.counts["ongewijzigd"] == len(rows)
    assert Collective.objects.count() == len(rows)


def test_harvest_a_second_opmars_through_its_api(second_opmars, db):
    url, dumps = second_opmars
    rows = {r["slug"]: r for r in _rows_in_dump(dumps)}
    source = HarvestSource.objects.create(name="Tweede Opmars (API)", url=url + "/", kind="api")

    assert harvest(source), source.last_message

    source.refresh_from_db()
    assert source.counts["nieuw"] == source.counts["rijen"] == len(rows)
    linked = HarvestedRecord.objects.filter(source=source).select_related("collective")
    assert {record.remote_id for record in linked} == set(rows)
    for record in linked:
        there, here = rows[record.remote_id], record.collective
        assert (here.name, here.kind, here.municipality_id, here.founded_year) == (
            there["name"],
            there["kind"],
            there["municipality"],
            int(there["founded_year"]) if there["founded_year"] else None,
        )
        assert here.is_demo  # the demo mark travels with the record
