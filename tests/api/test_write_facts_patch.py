"""PATCH /api/v1/collectives/{slug}/facts/{year} changes only the figures in the body; the others
keep their value, null makes one unknown. A year without facts is made with PUT (PATCH: 404)."""

from opmars.registry.models import YearlyFacts
from tests.api.conftest import events_by, only_error
from tests.api.test_write_facts import whole_year


def test_only_the_figures_sent_change(api_write, write_token, make_collective, editor_user):
    collective = make_collective()
    path = f"/collectives/{collective.slug}/facts/2024"
    api_write("PUT", path, whole_year(members=120, volunteers=14), write_token[1])
    response = api_write("PATCH", path, {"members": 125}, write_token[1])
    assert response.status_code == 200, response.content
    assert (response.json()["members"], response.json()["volunteers"]) == (125, 14)
    facts = YearlyFacts.objects.get(collective=collective, year=2024)
    assert (facts.members, facts.volunteers) == (125, 14)
    events = events_by(editor_user).filter(action="facts.save", target_id=collective.slug)
    assert events.latest("pk").changes == {"year": 2024, "members": [120, 125]}


def test_null_makes_a_figure_unknown(api_write, write_token, make_collective):
    collective = make_collective()
    path = f"/collectives/{collective.slug}/facts/2024"
    api_write("PUT", path, whole_year(members=120, volunteers=14), write_token[1])
    response = api_write("PATCH", path, {"volunteers": None}, write_token[1])
    assert (response.json()["members"], response.json()["volunteers"]) == (120, None)


def test_a_year_without_facts_is_a_404(api_write, write_token, make_collective):
    collective = make_collective()
    path = f"/collectives/{collective.slug}/facts/2024"
    error = only_error(api_write("PATCH", path, {"members": 5}, write_token[1]), 404)
    assert error["field"] == "year"
    assert "PUT" in error["message"]
    assert not YearlyFacts.objects.exists()


def test_invalid_and_unknown_fields_are_a_422(api_write, write_token, make_collective):
    collective = make_collective()
    path = f"/collectives/{collective.slug}/facts/2024"
    api_write("PUT", path, whole_year(members=120), write_token[1])
    unknown = only_error(api_write("PATCH", path, {"leden": 5}, write_token[1]), 422)
    assert (unknown["field"], unknown["code"]) == ("leden", "onbekend_veld")
    negative = only_error(api_write("PATCH", path, {"members": -1}, write_token[1]), 422)
    assert negative["field"] == "members"
    assert YearlyFacts.objects.get(collective=collective, year=2024).members == 120
