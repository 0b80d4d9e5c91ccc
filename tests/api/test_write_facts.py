"""PUT /api/v1/collectives/{slug}/facts/{year} creates or replaces one whole year's facts: every
figure must be in the body (null: unknown, never 0), so a figure left out by mistake never erases
a stored one. The facts form validates, an audit event names the token's user, and a body the
schema or the form refuses is a 422 naming each field (a bad path parameter is a 400)."""

from opmars.registry.models import YearlyFacts
from opmars.registry.schemas import YearlyFactsIn
from tests.api.conftest import events_by, only_error


def whole_year(**figures):
    """A PUT body: every figure, unknown (null) unless given."""
    return {name: None for name in YearlyFactsIn.model_fields} | figures


def test_a_year_is_created_then_replaced_whole(api_write, write_token, make_collective):
    collective = make_collective()
    path = f"/collectives/{collective.slug}/facts/2024"
    first = api_write("PUT", path, whole_year(members=120, income_grants=5000), write_token[1])
    assert first.status_code == 200, first.content
    assert first.json()["members"] == 120
    assert first.json()["income_total"] == 5000
    second = api_write("PUT", path, whole_year(volunteers=14), write_token[1])
    assert second.json()["members"] is None
    facts = YearlyFacts.objects.get(collective=collective, year=2024)
    assert (facts.members, facts.volunteers, facts.income_grants) == (None, 14, None)


def test_a_figure_left_out_is_a_422_and_erases_nothing(api_write, write_token, make_collective):
    collective = make_collective()
    path = f"/collectives/{collective.slug}/facts/2024"
    api_write("PUT", path, whole_year(members=120, volunteers=14), write_token[1])
    body = whole_year(members=130)
    del body["volunteers"]
    error = only_error(api_write("PUT", path, body, write_token[1]), 422)
    assert error == {
        "field": "volunteers",
        "code": "ontbreekt",
        "message": "Geef volunteers op; stuur null als je het niet weet.",
    }
    facts = YearlyFacts.objects.get(collective=collective, year=2024)
    assert (facts.members, facts.volunteers) == (120, 14)


def test_saving_facts_is_audited_with_the_user_as_actor(
    api_write, write_token, make_collective, editor_user
):
    collective = make_collective()
    path = f"/collectives/{collective.slug}/facts/2023"
    api_write("PUT", path, whole_year(members=80), write_token[1])
    event = events_by(editor_user).get(action="facts.save", target_id=collective.slug)
    assert event.changes == {"year": 2023, "members": [None, 80]}


def test_invalid_facts_are_a_422_naming_each_field_in_dutch(
    api_write, write_token, make_collective
):
    collective = make_collective(founded_year=2015)
    path = f"/collectives/{collective.slug}/facts/2010"
    response = api_write("PUT", path, whole_year(members=-3), write_token[1])
    assert response.status_code == 422, response.content
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert errors == {
        "year": "Het jaar ligt vóór het oprichtingsjaar (2015).",
        "members": "Vul 0 of meer in.",
    }
    assert not YearlyFacts.objects.filter(collective=collective).exists()


def test_an_unknown_key_is_a_422_naming_it(api_write, write_token, make_collective):
    collective = make_collective()
    path = f"/collectives/{collective.slug}/facts/2024"
    body = whole_year(members=40) | {"leden": 40}
    error = only_error(api_write("PUT", path, body, write_token[1]), 422)
    assert error == {
        "field": "leden",
        "code": "onbekend_veld",
        "message": "leden is geen veld van deze body. Kijk op /api/v1/docs welke velden er zijn.",
    }
    assert not YearlyFacts.objects.filter(collective=collective).exists()


def test_a_figure_of_the_wrong_type_is_a_422(api_write, write_token, make_collective):
    collective = make_collective()
    path = f"/collectives/{collective.slug}/facts/2024"
    error = only_error(api_write("PUT", path, whole_year(members="40"), write_token[1]), 422)
    assert (error["field"], error["code"]) == ("members", "geen_getal")


def test_a_year_that_is_not_a_number_is_a_400(api_write, write_token, make_collective):
    collective = make_collective()
    path = f"/collectives/{collective.slug}/facts/vorig-jaar"
    response = api_write("PUT", path, whole_year(), write_token[1])
    assert only_error(response)["field"] == "year"
