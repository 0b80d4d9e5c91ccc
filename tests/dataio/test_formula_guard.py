"""The formula guard: every text a spreadsheet could run as a formula gets an apostrophe, plain
negative numbers stay numbers, and the importer gives back exactly the original text."""

import pytest
from hypothesis import given

from opmars.common.formulas import guard_formula, unguard_formula
from opmars.dataio.reading import cell_text
from tests.dataio.formula_rule import runs_as_formula, texts


@pytest.mark.parametrize(
    "text",
    [
        "-2+3+cmd|' /C calc'!A0",  # a minus and a digit do not make it a number
        '=HYPERLINK("https://example.org")',
        "+31 6 1234 5678",  # a phone number keeps its plus as text
        "+31",
        "@SUM(A1)",
        "-kop",
        "-",
        "-1e5",
        "-12 ",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_formulas_get_an_apostrophe(text):
    assert guard_formula(text) == "'" + text


@pytest.mark.parametrize("text", ["-12", "-3,5", "-3.5", "12", "Gewoon", " =1", "'al", ""])
def test_plain_numbers_and_other_text_stay_as_they_are(text):
    assert guard_formula(text) == text


@pytest.mark.parametrize("value", [-12, -3.5, None, True])
def test_values_that_are_not_text_stay_as_they_are(value):
    assert guard_formula(value) is value


def test_text_that_already_starts_with_an_apostrophe_before_a_formula_gets_one_more():
    assert guard_formula("'=1+1") == "''=1+1"
    assert unguard_formula("''=1+1") == "'=1+1"


@given(texts)
def test_no_guarded_text_runs_as_a_formula(text):
    guarded = guard_formula(text)
    assert not runs_as_formula(guarded)
    assert guarded in (text, "'" + text)


@given(texts)
def test_the_importer_strips_exactly_the_guard(text):
    assert unguard_formula(guard_formula(text)) == text


def test_an_imported_cell_loses_the_guard_after_trimming():
    assert cell_text(" '-2+3+cmd ") == "-2+3+cmd"
    assert cell_text("'Gewoon") == "'Gewoon"
