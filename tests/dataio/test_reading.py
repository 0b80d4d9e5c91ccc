"""Reading messy spreadsheets: encodings, delimiters, numbers, dates, headers, limits."""

import zipfile
from datetime import date

import pytest
from openpyxl import Workbook

from opmars.common.formulas import guard_formula, unguard_formula
from opmars.dataio.fields import COLLECTIVE_SYNONYMS
from opmars.dataio.reading import (
    FileProblem,
    map_headers,
    parse_bool,
    parse_date,
    parse_number,
    read_rows,
)
from tests.dataio.helpers import ENERGY_CSV

pytestmark = pytest.mark.django_db


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def rows_of(path):
    header, rows = read_rows(path)
    return header, [cells for _number, cells in rows]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_encodings_and_delimiters(tmp_path, encoding, delimiter):
    text = delimiter.join(["Naam", "Gemeente"]) + "\r\n"
    text += delimiter.join(["Buurtcoöperatie Één", "Súdwest-Fryslân"]) + "\r\n"
    header, rows = rows_of(write(tmp_path, "f.csv", text, encoding))
    assert header == ["Naam", "Gemeente"]
    assert rows == [["Buurtcoöperatie Één", "Súdwest-Fryslân"]]


def test_empty_lines_are_skipped_and_quoted_delimiters_kept(tmp_path):
    text = 'naam;omschrijving\n\n"A";"x; y"\n;\n"B";""\n'
    _header, rows = rows_of(write(tmp_path, "f.csv", text))
    assert rows == [["A", "x; y"], ["B", ""]]


def test_row_numbers_are_the_spreadsheet_lines(tmp_path):
    path = write(tmp_path, "f.csv", "naam\n\nA\nB\n")
    _header, rows = read_rows(path)
    assert [n for n, _cells in rows] == [3, 4]


@pytest.mark.parametrize(
    ("text", "integer", "expected"),
    [
        ("1.234,5", False, 1234.5),
        ("1,234.5", False, 1234.5),
        ("1234", True, 1234),
        ("1.234", True, 1234),
        ("1,234", True, 1234),
        ("52,0866", False, 52.0866),
        ("52.086636", False, 52.086636),
        ("1.234.567", True, 1234567),
        ("€ 4.000", True, 4000),
        ("", True, None),
    ],
)
def test_numbers(text, integer, expected):
    assert parse_number(text, integer=integer) == expected


@pytest.mark.parametrize("text", ["twaalf", "1,5", "1.23.4", "12a"])
def test_not_whole_numbers(text):
    with pytest.raises(ValueError):
        parse_number(text, integer=True)


@pytest.mark.parametrize(
    "text", ["2017-04-25", "25-04-2017", "25-4-2017", "25/04/2017", "25.04.2017"]
)
def test_dates(text):
    assert parse_date(text) == date(2017, 4, 25)


def test_bools():
    assert parse_bool("Ja") is True and parse_bool("nee") is False and parse_bool("") is False
    with pytest.raises(ValueError):
        parse_bool("misschien")


@pytest.mark.parametrize(
    ("text", "guarded"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+31 6", "'+31 6"),
        ("@home", "'@home"),
        ("-kop", "'-kop"),
        ("-12", "-12"),
        ("Gewoon", "Gewoon"),
        ("'al", "'al"),
    ],
)
def test_formula_guard_round_trip(text, guarded):
    assert guard_formula(text) == guarded
    assert unguard_formula(guarded) == text


def test_headers_by_dutch_and_english_names_and_synonyms():
    mapping = map_headers(
        ["Naam", "KvK-nummer", "Municipality", "Breedtegraad", "longitude", "Iets anders"],
        COLLECTIVE_SYNONYMS,
    )
    assert [mapping.field_of(i) for i in range(6)] == [
        "name",
        "kvk_number",
        "municipality",
        "lat",
        "lon",
        None,
    ]
    assert mapping.unmapped_columns() == ["Iets anders"]


def test_header_mapping_can_be_adjusted():
    mapping = map_headers(["Naam", "Plaats"], COLLECTIVE_SYNONYMS, {"Plaats": "", "Naam": "name"})
    assert mapping.fields == {0: "name"}


def write_xlsx(tmp_path, rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    path = tmp_path / "f.xlsx"
    workbook.save(path)
    return path


def test_xlsx(tmp_path):
    path = write_xlsx(tmp_path, [["Naam", "Leden"], ["A", 12], [None, None], ["B", 3.0]])
    header, rows = rows_of(path)
    assert header == ["Naam", "Leden"]
    assert [[c for c in r] for r in rows] == [["A", 12], ["B", 3]]


def test_truncated_xlsx_is_a_clear_error(tmp_path):
    path = write_xlsx(tmp_path, [["Naam"], ["A"]])
    path.write_bytes(path.read_bytes()[:-200])
    with pytest.raises(FileProblem, match="beschadigd"):
        rows_of(path)


def test_zip_bomb_is_refused(tmp_path):
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "0" * 5_000_000)
    with pytest.raises(FileProblem, match="verdacht groot"):
        rows_of(path)


def test_too_many_rows(tmp_path, settings):
    settings.OPMARS_IMPORT_MAX_ROWS = 2
    path = write(tmp_path, "f.csv", "naam\nA\nB\nC\n")
    with pytest.raises(FileProblem, match="meer dan 2 rijen"):
        rows_of(path)


def test_too_big(tmp_path, settings):
    settings.OPMARS_IMPORT_MAX_MB = 0
    with pytest.raises(FileProblem, match="groter dan 0 MB"):
        rows_of(write(tmp_path, "f.csv", "naam\nA\n"))


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes(b"\x00\x01\x02 nonsense")
    with pytest.raises(FileProblem, match="geen CSV"):
        rows_of(path)


def test_the_real_energy_file_reads():
    header, rows = read_rows(ENERGY_CSV)
    assert header[0] == "naam"
    assert sum(1 for _ in rows) == 357
