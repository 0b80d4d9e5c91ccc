"""The Excel error report holds cells that XLSX cannot: a control character in a column name
or a value is dropped (as in the collectives export) before the formula guard looks, so the
report is written, and no control character hides a formula from the guard."""

import io

import pytest
from openpyxl import load_workbook

from opmars.dataio.cli import write_errors
from opmars.dataio.importing import RowError
from tests.dataio.helpers import write
from tests.dataio.test_cli import opmars

pytestmark = pytest.mark.django_db


def cells(data):
    sheet = load_workbook(io.BytesIO(data)).active
    return [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]


def test_control_characters_are_dropped_and_the_formula_behind_them_guarded():
    errors = [
        RowError(2, "Ge\x01meente", "\x02=SOM(A1)", "Onbekende gemeente\x0b."),
        RowError(3, "Naam", "Dorps\x1fraad", "Te lang."),
    ]
    out = io.BytesIO()
    write_errors(errors, out, "xlsx")
    assert cells(out.getvalue()) == [
        [2, "Gemeente", "'=SOM(A1)", "Onbekende gemeente."],
        [3, "Naam", "Dorpsraad", "Te lang."],
    ]


def test_the_csv_report_keeps_the_text_as_it_was():
    out = io.BytesIO()
    write_errors([RowError(2, "Naam", "Dorps\x1fraad", "Te lang.")], out, "csv")
    assert "Dorps\x1fraad" in out.getvalue().decode("utf-8-sig")


def test_the_command_line_writes_such_a_report(tmp_path):
    header = "Naam;Soort;Rechtsvorm;Gemeente\r\n"
    path = write(tmp_path, header + "Dorpsraad\x02;dorpsraad;vereniging;\x03=Nergens\r\n")
    report = tmp_path / "fouten.xlsx"
    assert opmars("import", path, "--dry-run", "--report", report) == 1
    rows = cells(report.read_bytes())
    assert [2, "Gemeente", "'=Nergens"] in [row[:3] for row in rows]
