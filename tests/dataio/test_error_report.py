"""The error report of an import, as CSV and as Excel: row, column, value and why, every error,
with formulas in cells defused."""

import csv
import io

import pytest
from openpyxl import load_workbook

from opmars.dataio.models import ImportRun
from tests.dataio.helpers import BRAM_CSV, upload, write
from tests.dataio.test_cli import opmars

pytestmark = pytest.mark.django_db

FORMULA_ROW = "Dorpsraad Formule;dorpsraad;vereniging;=SOM(A1);;1999;;\r\n"


def test_web_error_report_as_csv_and_excel(client, staff_user, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    client.force_login(staff_user)
    upload(client, BRAM_CSV + FORMULA_ROW)
    run = ImportRun.objects.get()
    page = client.get(f"/import/{run.pk}/").content.decode()
    assert f"/import/{run.pk}/fouten.xlsx" in page and f"/import/{run.pk}/fouten.csv" in page

    text = client.get(f"/import/{run.pk}/fouten.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["rij", "kolom", "waarde", "fout"]
    assert any(r[1] == "Gemeente" and r[2] == "Haaren" for r in rows)

    response = client.get(f"/import/{run.pk}/fouten.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [["" if c.value is None else c.value for c in row] for row in sheet.iter_rows()]
    assert cells[0] == ["rij", "kolom", "waarde", "fout"] and cells[1:] == [
        [int(r[0]), *r[1:]] for r in rows[1:]
    ]
    assert ["'=SOM(A1)"] == [row[2] for row in cells if "SOM" in str(row[2])]


def test_cli_writes_the_report_as_excel_when_asked(tmp_path):
    path = write(tmp_path, BRAM_CSV)
    report = tmp_path / "fouten.xlsx"
    assert opmars("import", path, "--dry-run", "--report", report) == 1
    sheet = load_workbook(report).active
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert any(v[1] == "Gemeente" and v[2] == "Haaren" for v in values)
