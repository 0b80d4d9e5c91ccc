"""A CSV file that mixes UTF-8 and Windows-1252 lines imports every line right, and the import
says so: the reader's warning is part of the import's report, in the dry run and the real run,
on the web pages and at the command line."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opmars.dataio.importing import ImportReport
from opmars.dataio.models import ImportRun
from opmars.registry.models import Collective
from tests.dataio.helpers import run
from tests.dataio.test_cli import opmars

pytestmark = pytest.mark.django_db

MIXED = (
    b"Naam;Soort;Rechtsvorm;Gemeente\r\n"
    + "Buurtcoöperatie Één;dorpsraad;vereniging;Súdwest-Fryslân\r\n".encode()
    + "Café De Zwaan;dorpsraad;vereniging;Ede\r\n".encode("cp1252")
)
WARNING = "Het bestand mengt tekensets (UTF-8 en Windows-1252)"


def mixed_file(tmp_path):
    path = tmp_path / "gemengd.csv"
    path.write_bytes(MIXED)
    return path


def test_the_dry_run_reports_the_warning(tmp_path):
    report = run(mixed_file(tmp_path), dry_run=True)
    (warning,) = report.warnings
    assert warning.startswith(WARNING) and warning.endswith(
        ": 3. Sla het bestand bij voorkeur op als CSV UTF-8."
    )
    assert not Collective.objects.exists()


def test_the_real_run_reports_it_and_imports_every_line_right(tmp_path):
    report = run(mixed_file(tmp_path))
    assert report.imported and report.warnings[0].startswith(WARNING)
    assert set(Collective.objects.values_list("name", flat=True)) == {
        "Buurtcoöperatie Één",
        "Café De Zwaan",
    }


def test_a_file_in_one_encoding_has_no_warning(tmp_path):
    path = tmp_path / "windows.csv"
    path.write_bytes(
        "Naam;Soort;Rechtsvorm;Gemeente\r\nCafé;dorpsraad;vereniging;Ede\r\n".encode("cp1252")
    )
    assert run(path, dry_run=True).warnings == []


def test_the_kept_report_keeps_the_warnings(tmp_path):
    report = run(mixed_file(tmp_path), dry_run=True)
    again = ImportReport.from_json(report.as_json())
    assert again.warnings == report.warnings
    # A report kept before warnings existed still reads, without any.
    old = {k: v for k, v in report.as_json().items() if k != "warnings"}
    assert ImportReport.from_json(old).warnings == []


def test_the_review_page_and_the_result_page_show_it(client, staff_user, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    client.force_login(staff_user)
    file = SimpleUploadedFile("gemengd.csv", MIXED, content_type="text/csv")
    client.post("/import/", {"file": file, "kind": "collectives"})
    run_ = ImportRun.objects.get()
    review = client.get(f"/import/{run_.pk}/").content.decode()
    assert WARNING in review and "als Windows-1252 zijn gelezen: 3." in review

    client.post(f"/import/{run_.pk}/importeren/")
    run_.refresh_from_db()
    assert run_.status == ImportRun.Status.DONE and run_.warnings[0].startswith(WARNING)
    done = client.get(f"/import/{run_.pk}/").content.decode()
    assert "is geïmporteerd" in done and WARNING in done


def test_the_command_line_prints_it(tmp_path, capsys):
    assert opmars("import", mixed_file(tmp_path), "--dry-run") == 0
    out = capsys.readouterr().out
    assert f"Let op: {WARNING}" in out
