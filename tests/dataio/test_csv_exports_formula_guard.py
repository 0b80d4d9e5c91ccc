"""Every CSV (and XLSX) that Opmars writes: whatever text a cell holds, what a spreadsheet
opens is a plain number or text that does not start like a formula."""

import csv
import datetime
import io
import zipfile
from unittest import mock

from hypothesis import given, settings
from openpyxl import load_workbook

from opmars.accounts import auditlog
from opmars.dataio import exporting, opendata
from opmars.dataio.cli import write_errors
from opmars.dataio.importing import RowError
from opmars.impact.calculator import to_csv
from tests.dataio.formula_rule import runs_as_formula, texts


def cells_of(text, delimiter=","):
    rows = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=delimiter)
    return [cell for row in rows for cell in row]


def assert_safe(cells):
    assert not [cell for cell in cells if runs_as_formula(cell)]


def record(text):
    """A collective whose every exported field (lists too) holds the text."""
    return {**{name: text for name in exporting.COLUMNS}, "domains": [text, text]}


@given(texts)
def test_collectives_csv(text):
    for write, delimiter in ((exporting.write_csv, ";"), (exporting.write_open_csv, ",")):
        out = io.BytesIO()
        list(write([record(text)], out))
        assert_safe(cells_of(out.getvalue().decode("utf-8-sig"), delimiter=delimiter))


@settings(max_examples=40, deadline=None)
@given(texts)
def test_collectives_xlsx(text):
    out = io.BytesIO()
    list(exporting.write_xlsx([record(text)], out))
    sheet = load_workbook(out).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell for cell in cells if cell.data_type == "f"]
    assert_safe(cell.value for cell in cells)


@settings(deadline=None)
@given(texts)
def test_hsds_tables(text):
    out = io.BytesIO()
    list(exporting.write_hsds([record(text)], out))
    with zipfile.ZipFile(out) as archive:
        for name in exporting.HSDS_TABLES:
            assert_safe(cells_of(archive.read(name).decode("utf-8")))


@given(texts, texts)
def test_open_data_tables(first, second):
    assert_safe(cells_of(opendata._table(["a", "b"], [[first, second], [second, 1]])))


@given(texts, texts)
def test_import_error_report_csv(column, value):
    out = io.BytesIO()
    write_errors([RowError(2, column, value, "Onbekende gemeente.")], out, "csv")
    assert_safe(cells_of(out.getvalue().decode("utf-8-sig"), delimiter=";"))


@given(texts)
def test_impact_calculator_csv(name):
    data = {"outcomes": [{"name": name, "index": 0, "gross": -1.5, "net_first_year": 1.0,
                          "present_value": 1.0, "counted_value": 1.0, "share": 0.5}],
            "settings": {"discount_rate": 0.0225, "convention": "platform"}}  # fmt: skip
    assert_safe(cells_of(to_csv(data), delimiter=";"))


@given(texts, texts)
def test_audit_log_csv(text, other):
    row = {
        "created_at": datetime.datetime(2025, 1, 2, 3, 4, tzinfo=datetime.UTC),
        "actor": text,
        "action": other,
        "target": text,
        "changes": [{"field": other, "before": text, "after": [other, text]}],
    }
    with mock.patch.object(auditlog, "rows", return_value=[row]):
        assert_safe(cells_of(auditlog.csv_text([], viewer=None), delimiter=";"))


def test_the_minus_formula_from_issue_21_is_guarded_in_the_collectives_export():
    attack = "-2+3+cmd|' /C calc'!A0"
    out = io.BytesIO()
    list(exporting.write_csv([record(attack)], out))
    assert "'" + attack in cells_of(out.getvalue().decode("utf-8-sig"), delimiter=";")
