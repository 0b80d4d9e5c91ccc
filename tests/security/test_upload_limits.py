"""Uploads cannot write outside the import folder whatever their name, and a zip-bomb
spreadsheet is refused from the zip directory alone, before anything is unpacked."""

import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opmars.dataio import reading
from opmars.dataio.models import ImportRun

pytestmark = pytest.mark.django_db

HOSTILE_NAMES = [
    "../../../../etc/cron.d/opmars.csv",
    "..\\..\\windows\\system32\\x.csv",
    "/etc/passwd",
    "dorpen.csv/../../../x.csv",
    "naam met\x00nul.csv",
    "....//....//x.csv",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_hostile_file_name_stays_inside_the_import_folder(
    client, staff_user, settings, name, tmp_path
):
    settings.DATA_DIR = tmp_path
    client.force_login(staff_user)
    upload = SimpleUploadedFile(name, b"naam;gemeente\nDorpsbelang;Loppersum\n")
    response = client.post("/import/", {"file": upload, "kind": "collectives"})
    assert response.status_code in (200, 302)
    folder = (tmp_path / "imports").resolve()
    for run in ImportRun.objects.all():
        stored = Path(run.stored_file).resolve()
        assert stored.parent == folder
        assert "/" not in run.file_name and "\x00" not in run.file_name
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert all(p.resolve().parent == folder for p in written)


def test_a_file_over_the_size_limit_is_refused(client, staff_user, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.OPMARS_IMPORT_MAX_MB = 1
    client.force_login(staff_user)
    big = SimpleUploadedFile("groot.csv", b"naam\n" + b"x" * (1024 * 1024 + 10))
    response = client.post("/import/", {"file": big, "kind": "collectives"})
    assert "groter dan 1 MB" in response.text
    assert not ImportRun.objects.exists()


def test_a_zip_bomb_is_refused_without_unpacking_it(tmp_path, monkeypatch):
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", "0" * 20_000_000)

    def never(self):
        raise AssertionError("the archive was unpacked")

    monkeypatch.setattr(zipfile.ZipFile, "testzip", never)
    with pytest.raises(reading.FileProblem, match="verdacht groot"):
        reading.read_rows(path)
