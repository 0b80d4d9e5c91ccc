"""A cell too long to be real (a 5 MB description, or an unclosed quote that swallows the rest
of the file) stops the import with a Dutch message naming the row, the column and the limit."""

import pytest

from opmars.dataio.reading import CELL_MAX_CHARS, FileProblem, read_rows
from tests.dataio.helpers import run

pytestmark = pytest.mark.django_db

LIMIT = "100.000"


def write(tmp_path, text):
    path = tmp_path / "lijst.csv"
    path.write_text(text, encoding="utf-8")
    return path


def problem(path):
    _header, rows = read_rows(path)
    with pytest.raises(FileProblem) as raised:
        list(rows)
    return str(raised.value)


def test_a_five_megabyte_cell(tmp_path):
    path = write(tmp_path, "Naam;Omschrijving\r\nA;kort\r\nB;" + "x" * 5_000_000 + "\r\n")
    message = problem(path)
    assert message.startswith("Rij 3, kolom ‘Omschrijving’: de cel is langer dan 100.000 tekens")
    assert "field larger" not in message


def test_an_unclosed_quote_names_where_it_starts_to_swallow(tmp_path):
    rows = "".join(f"Dorp {i};Ede\r\n" for i in range(20_000))
    message = problem(write(tmp_path, 'Naam;Gemeente\r\nA;"Ede\r\n' + rows))
    assert "kolom ‘Gemeente’" in message and LIMIT in message
    assert "aanhalingsteken" in message


def test_a_cell_at_the_limit_is_read(tmp_path):
    path = write(tmp_path, "Naam;Omschrijving\r\nA;" + "x" * CELL_MAX_CHARS + "\r\n")
    _header, rows = read_rows(path)
    assert [len(cells[1]) for _number, cells in rows] == [CELL_MAX_CHARS]


def test_the_import_report_carries_the_message(tmp_path):
    path = write(tmp_path, "Naam;Omschrijving\r\nB;" + "x" * 200_000 + "\r\n")
    report = run(path, dry_run=True)
    assert report.problem.startswith("Rij 2, kolom ‘Omschrijving’")
