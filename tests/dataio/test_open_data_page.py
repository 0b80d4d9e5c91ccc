"""/open-data/ offers the dumps the background task published in the data directory: the
latest with its licence, date, size and SHA-256, the earlier ones, and the data dictionary.
Staff start a new dump from the page; nobody else can, and no request makes one itself."""

import datetime
import hashlib
import io
import zipfile

import pytest

from opmars.dataio import opendata


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


@pytest.mark.django_db
def test_the_page_offers_the_latest_dump_with_its_checksum(client, data_dir, make_collective):
    make_collective(name="Energie Één")
    opendata.make_dump.enqueue()  # the demo and test settings run tasks at once
    latest = opendata.published_dumps()[0]
    page = client.get("/open-data/").content.decode()
    assert latest.sha256 in page and "CC-BY-4.0" in page
    assert f"/open-data/{latest.name}" in page
    response = client.get(f"/open-data/{latest.name}")
    data = b"".join(response.streaming_content)
    assert hashlib.sha256(data).hexdigest() == latest.sha256 and len(data) == latest.size
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "Energie Één" in archive.read("collectives.csv").decode("utf-8")
        assert archive.read("data_dictionary.csv").decode() == opendata.dictionary_csv()


@pytest.mark.django_db
def test_the_dictionary_downloads_without_a_dump(client, data_dir):
    page = client.get("/open-data/").content.decode()
    assert "nog geen dump" in page
    response = client.get("/open-data/data-dictionary.csv")
    assert response.content.decode() == opendata.dictionary_csv()
    assert "attachment" in response["Content-Disposition"]


@pytest.mark.django_db
def test_earlier_dumps_stay_on_offer_up_to_a_limit(client, data_dir, monkeypatch):
    monkeypatch.setattr(opendata, "KEEP_DUMPS", 2)
    names = []
    for second in range(3):
        moment = f"2026-01-01T00:00:0{second}+00:00"
        monkeypatch.setattr(
            opendata.timezone,
            "now",
            lambda m=moment: datetime.datetime.fromisoformat(m),
        )
        names.append(opendata.publish_dump().name)
    offered = [dump.name for dump in opendata.published_dumps()]
    assert offered == [names[2], names[1]]
    assert not (data_dir / "open-data" / names[0]).exists()
    assert names[1] in client.get("/open-data/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["../opmars.sqlite3", "opmars-open-data-x.zip", "geheim.zip"])
def test_only_published_dumps_download(client, data_dir, name):
    assert client.get(f"/open-data/{name}").status_code == 404


@pytest.mark.django_db
def test_staff_start_a_new_dump_others_cannot(client, data_dir, staff_user, editor_user):
    client.force_login(editor_user)
    response = client.post("/open-data/nieuwe-dump/", follow=True)
    assert "Alleen medewerkers" in response.content.decode()
    assert opendata.published_dumps() == []
    client.force_login(staff_user)
    assert "Maak een nieuwe dump" in client.get("/open-data/").content.decode()
    response = client.post("/open-data/nieuwe-dump/", follow=True)
    assert "wordt gemaakt" in response.content.decode()
    assert len(opendata.published_dumps()) == 1


def test_a_page_never_makes_a_dump(client, data_dir, monkeypatch, db):
    monkeypatch.setattr(opendata, "write_dump", lambda *a, **k: pytest.fail("made in a request"))
    assert client.get("/open-data/").status_code == 200


@pytest.mark.django_db
def test_a_new_dump_is_not_hidden_by_a_cached_page(client, data_dir, make_collective):
    """/open-data/ and the catalogue are cached per data generation; publishing a dump starts
    a new one, so the page names the new dump at once."""
    make_collective(name="Energie Één")
    client.get("/open-data/")  # cached now, without a dump
    opendata.publish_dump()
    latest = opendata.published_dumps()[0]
    assert latest.sha256 in client.get("/open-data/").content.decode()
