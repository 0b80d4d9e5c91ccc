"""A very similar name just across a municipality border is a likely duplicate too; the same
name far away is not. The queue shows why a pair looks alike, in words."""

import pytest

from opmars.dataio.models import DuplicateCandidate
from tests.dataio.helpers import run, write

pytestmark = pytest.mark.django_db

HEADER = "naam;gemeente;lat;lon;adres_openbaar\n"


def test_similar_name_across_the_border_is_queued_far_away_is_not(
    tmp_path, staff_user, make_collective, client
):
    near = make_collective(
        name="Energiecoöperatie De Hondsrug", municipality="Groningen",
        lat=53.1700, lon=6.6000, address_is_public=True,
    )  # fmt: skip
    make_collective(
        name="Energiecooperatie Hondsrug", municipality="Maastricht",
        lat=50.8500, lon=5.6900, address_is_public=True,
    )  # fmt: skip
    rows = "Energiecoöperatie Hondsrug;Tynaarlo;53.1500;6.6200;ja\n"  # about 2.6 km away
    assert run(write(tmp_path, HEADER + rows), staff_user).imported
    candidate = DuplicateCandidate.objects.get()
    assert near.pk in (candidate.first_id, candidate.second_id)
    assert candidate.reason == "naam_dichtbij"

    client.force_login(staff_user)
    page = client.get("/import/dubbelen/").content.decode()
    assert "bijna dezelfde naam, vlak over de gemeentegrens" in page
    assert "naam_dichtbij" not in page


def test_reasons_are_shown_in_words(staff_user, make_collective, client):
    a, b = make_collective(name="Een"), make_collective(name="Twee")
    DuplicateCandidate.objects.create(first=a, second=b, reason="website", score=100)
    client.force_login(staff_user)
    page = client.get("/import/dubbelen/").content.decode()
    assert "(dezelfde website)" in page


def test_the_fast_score_is_the_token_sort_ratio():
    from rapidfuzz import fuzz

    from opmars.dataio.duplicates import sorted_key
    from opmars.text import name_key

    pairs = [
        ("Dorpsraad Oosterend", "Dorpsraad Oostereind"),
        ("Energiecoöperatie De Hondsrug", "Hondsrug Energiecooperatie"),
        ("Zorg & Welzijn 't Gooi", "zorg en welzijn gooi"),
    ]
    for a, b in pairs:
        expected = fuzz.token_sort_ratio(name_key(a), name_key(b))
        assert fuzz.ratio(sorted_key(a), sorted_key(b)) == pytest.approx(expected)
