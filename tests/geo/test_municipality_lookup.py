"""What people type leads to today's municipality, or to the candidates to choose from."""

import pytest

from opmars.geo.lookup import normalise_postcode, resolve_municipality
from opmars.geo.shapes import in_netherlands, municipality_code_at


@pytest.mark.parametrize("text", ["GM0363", "gm0363", "0363", "363", "Amsterdam", " amsterdam "])
def test_code_or_current_name(db, text):
    assert resolve_municipality(text).municipality.code == "GM0363"


def test_everyday_name_alias(db):
    assert resolve_municipality("Den Haag").municipality.name == "'s-Gravenhage"


def test_diacritics_do_not_matter(db):
    assert resolve_municipality("Sudwest-Fryslan").municipality.code == "GM1900"


def test_merged_name_and_code_lead_to_today(db):
    by_name = resolve_municipality("Appingedam")
    by_code = resolve_municipality("GM0003")
    assert by_name.municipality.name == by_code.municipality.name == "Eemsdelta"
    assert "opgegaan in Eemsdelta" in by_name.note


def test_split_municipality_offers_the_choices(db):
    result = resolve_municipality("Haaren")
    assert result.municipality is None
    assert {m.name for m in result.candidates} == {"Boxtel", "Oisterwijk", "Tilburg", "Vught"}
    assert "Kies er één" in result.error and "Vught (GM0865)" in result.error


def test_ambiguous_name_lists_candidates(db):
    result = resolve_municipality("Bergen")
    assert {m.code for m in result.candidates} == {"GM0373", "GM0893"}


def test_unknown_name_gets_a_dutch_error(db):
    result = resolve_municipality("Atlantis")
    assert result.municipality is None and not result.candidates
    assert "kennen we niet" in result.error


@pytest.mark.parametrize(
    "raw,expected",
    [("1234ab", "1234 AB"), ("1234 AB", "1234 AB"), (" 1234  ab ", "1234 AB"), ("1234", "1234")],
)
def test_postcode_is_normalised(raw, expected):
    assert normalise_postcode(raw) == expected


@pytest.mark.parametrize("raw", ["0123 AB", "12345", "AB 1234", "1234 A", ""])
def test_invalid_postcode(raw):
    assert normalise_postcode(raw) is None


def test_point_in_polygon():
    assert municipality_code_at(52.3731, 4.8922) == "GM0363"  # Dam, Amsterdam
    assert municipality_code_at(53.0583, 4.7978) == "GM0448"  # Den Burg, Texel


def test_points_outside_the_netherlands():
    assert in_netherlands(52.37, 4.89)
    assert not in_netherlands(50.85, 4.35)  # Brussels
    assert not in_netherlands(48.85, 2.35)  # Paris
    assert not in_netherlands(52.5, 3.0)  # North Sea


def test_ten_boer_despite_the_defective_2014_names(db):
    # The 2014 postcode file calls Ten Boer's postcodes "Glas"; it merged into Groningen in 2019.
    assert resolve_municipality("Ten Boer").municipality.name == "Groningen"
