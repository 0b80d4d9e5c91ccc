"""A source that is down, slow, malformed, too large, whose columns changed or whose rows are
invalid: the harvest stops with a clear message on the source, and the database is exactly as
it was (the records, their provenance, the links to the source and the last good counts)."""

import socket

import pytest

from opmars.accounts.models import AuditEvent
from opmars.dataio.models import DuplicateCandidate
from opmars.harvest.actions import harvest
from opmars.harvest.models import FieldProvenance, HarvestedRecord
from opmars.registry.models import Collective

from .conftest import COLUMNS, csv_text, dump, row

GOOD = [row("a", "Wijkkracht Noord"), row("b", "Zonnedak Oost")]
CHANGED = [row("a", "Wijkkracht Noord", description="Nieuw"), row("c", "Nieuw Collectief")]


def state():
    return (
        list(Collective.objects.order_by("pk").values()),
        list(FieldProvenance.objects.order_by("pk").values()),
        list(HarvestedRecord.objects.order_by("pk").values()),
        list(DuplicateCandidate.objects.order_by("pk").values()),
        AuditEvent.objects.count(),
    )


def _refused_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again: nothing listens there


def _renamed():
    columns = ["naam" if c == "name" else c for c in COLUMNS]
    return dump(CHANGED, columns)


def _large():
    return b"PK" + b"x" * (1024 * 1024 + 10)


def _not_a_dump_zip():
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("something.csv", "a,b\n")
    return out.getvalue()


def _invalid_rows():
    return dump(
        [
            row("a", "Wijkkracht Noord", description="Nieuw"),
            row("c", "Nieuw Collectief", municipality="Atlantis"),
            row("d", "", kind="geen_soort"),
        ]
    )


CASES = {
    "down": (None, "niet bereikbaar"),
    "slow": (dump(CHANGED), "antwoordde niet binnen 1 seconden"),
    "malformed zip": (b"PK\x03\x04 dit is geen zip", "geen geldig zip-bestand"),
    "zip without collectives": (_not_a_dump_zip(), "geen collectives.csv"),
    "too large": (_large(), "groter dan 1 MB"),
    "renamed column": (_renamed(), "deze kolommen ontbreken: name"),
    "ragged rows": (None, "Het bestand is niet goed gevormd"),
    "invalid rows": (_invalid_rows(), "er is niets overgenomen"),
    "not found": (b"", "foutcode 404"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_source_stops_and_changes_nothing(case, server, source, settings):
    settings.OPMARS_HARVEST_TIMEOUT = 1
    settings.OPMARS_HARVEST_MAX_MB = 1
    server.files["/dump.zip"] = dump(GOOD)
    assert harvest(source)
    source.refresh_from_db()
    good_counts = dict(source.counts)
    before = state()

    body, expected = CASES[case]
    if case == "down":
        source.url = f"http://127.0.0.1:{_refused_port()}/dump.zip"
    elif case == "slow":
        server.files["/dump.zip"] = body
        server.slow["/dump.zip"] = 3
    elif case == "ragged rows":
        text = csv_text(CHANGED) + "te,weinig,cellen\n"
        source.kind, source.url = "csv", server.url + "/list.csv"
        server.files["/list.csv"] = text.encode()
    elif case == "not found":
        source.url = server.url + "/weg.zip"
    else:
        server.files["/dump.zip"] = body

    assert harvest(source) is False

    source.refresh_from_db()
    assert source.last_status == "failed"
    assert expected in source.last_message
    assert source.counts == good_counts
    assert state() == before
    if case == "invalid rows":
        assert "rij 3 (Nieuw Collectief), municipality" in source.last_message
        assert "rij 4 (zonder naam), name" in source.last_message


def test_the_message_shows_on_the_source_page(server, source, client, staff_user):
    server.files["/dump.zip"] = dump(CHANGED, ["naam" if c == "name" else c for c in COLUMNS])
    assert harvest(source) is False
    client.force_login(staff_user)

    page = client.get(f"/bronnen/{source.pk}/").content.decode()

    assert "deze kolommen ontbreken: name" in page
    assert "Er is niets overgenomen" in page


def test_a_fault_of_ours_midway_also_leaves_nothing_behind(server, source, monkeypatch):
    server.files["/dump.zip"] = dump(GOOD)

    def broken(*args):
        raise RuntimeError("kapot")

    # The first record is written, then the run breaks: the transaction takes it back.
    monkeypatch.setattr("opmars.harvest.actions.Run.provenance", broken)
    assert harvest(source) is False

    source.refresh_from_db()
    assert source.last_status == "failed"
    assert "Er ging iets mis bij het verwerken van de bron (RuntimeError)" in source.last_message
    assert not Collective.objects.exists()
    assert not AuditEvent.objects.filter(action="collective.harvest.create").exists()
