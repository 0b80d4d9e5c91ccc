"""The CSV files people open in a spreadsheet (a report's appendix, a chart's table, the
calculator's result) open in Dutch Excel as columns: UTF-8 with a byte-order mark, semicolons,
decimal commas, formulas guarded. The calculator's file says which discount rate and
convention its figures used."""

import csv
import io

import pytest

from opmars.common.spreadsheet import dutch_cell, dutch_csv
from tests.impact.test_calculator_page import ROW


def table(text):
    assert text.startswith("\ufeff"), "without a BOM Excel reads UTF-8 as Windows-1252"
    return list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))


def test_cells_take_decimal_commas_and_the_guard():
    assert dutch_cell(0.0225) == "0,0225"
    assert dutch_cell(13124.999999999998) == "13125"
    assert dutch_cell(12) == 12 and dutch_cell(None) is None
    assert dutch_cell(float("nan")) == ""
    assert dutch_cell("=1+1") == "'=1+1" and dutch_cell("-3,5") == "-3,5"


def test_a_file_is_semicolon_separated_with_a_bom():
    text = dutch_csv(["naam", "leden"], [["Zonnig; Samen", 1.5]])
    assert table(text) == [["naam", "leden"], ["Zonnig; Samen", "1,5"]]


@pytest.mark.django_db
def test_a_reports_appendix_and_a_charts_table_open_as_columns(client, make_collective):
    code = make_collective(name="Energie Één").municipality.code
    appendix = table(client.get(f"/monitor/gemeenten/{code}/rapport.csv").content.decode())
    assert len(appendix[0]) > 5 and any("Energie Één" in row for row in appendix)
    chart = table(client.get("/monitor/grafiek/nederland/NL/soorten.csv").content.decode())
    assert chart[0] == ["code", "omschrijving", "actief"]


@pytest.mark.django_db
def test_the_calculators_file_names_its_rate_and_convention(client):
    data = {"rows": "1", **ROW, "grants": "4000", "discount_rate": "3.5"}
    text = client.post("/rekenhulp/", {**data, "convention": "sroi_guide", "action": "csv"})
    rows = dict(row for row in table(text.content.decode()) if len(row) == 2)
    assert rows["discontovoet"] == "0,035" and rows["conventie"] == "sroi_guide"
    assert "," in rows["present_value"] or rows["present_value"].isdigit()


@pytest.mark.django_db
def test_the_audit_log_opens_as_columns(client, staff_user, make_collective):
    make_collective(name="Energie Één", actor=staff_user)
    client.force_login(staff_user)
    log = table(client.get("/account/logboek.csv").content.decode())
    assert log[0] == ["tijdstip", "wie", "handeling", "object", "veld", "voor", "na"]
    assert len(log) > 1 and all(len(row) == 7 for row in log)
