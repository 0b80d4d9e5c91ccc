"""The monitor's CSV downloads (the report's appendix and each chart's table): whatever text a
cell holds, what a spreadsheet opens is a plain number or text that does not start like a
formula."""

import csv
import io
from types import SimpleNamespace
from unittest import mock

from django.test import RequestFactory
from hypothesis import given

from opmars.monitor import metrics, present, report, views
from tests.dataio.formula_rule import runs_as_formula, texts


def cells_of(text):
    rows = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";")
    return [cell for row in rows for cell in row]


def assert_safe(cells):
    assert not [cell for cell in cells if runs_as_formula(cell)]


@given(texts, texts)
def test_report_appendix_csv(name, description):
    rows = [["slug", name, description, "-2+3+cmd|' /C calc'!A0", -12, 2024]]
    with mock.patch.object(report, "appendix_rows", return_value=rows):
        assert_safe(cells_of(report.appendix_csv(area=None, year=2024)))


@given(texts, texts)
def test_chart_csv(code, label):
    area = SimpleNamespace(code="GM0001", name="Ergens")
    chart = ("titel", ["code", "omschrijving", "actief"], [[code, label, -3]], None)
    request = RequestFactory().get("/monitor/gemeenten/GM0001/grafiek/soorten.csv?jaar=2024")
    with (
        mock.patch.object(present, "area_for", return_value=area),
        mock.patch.object(metrics, "valid_year", return_value=True),
        mock.patch.object(metrics, "summary", return_value={}),
        mock.patch.object(present, "chart_data", return_value=chart),
    ):
        # Past the data-version pin: nothing here is read from the database.
        response = views.chart.__wrapped__(request, "gemeenten", "GM0001", "soorten", "csv")
    assert_safe(cells_of(response.content.decode()))
