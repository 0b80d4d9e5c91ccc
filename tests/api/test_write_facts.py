"""PUT /api/v1/collectives/{slug}/facts/{year} creates or replaces one year's facts, with the
facts form's validation and an audit event whose actor is the token's user."""

from opmars.registry.models import YearlyFacts
from tests.api.conftest import events_by, only_error


def test_a_year_is_created_then_replaced_whole(api_write, write_token, make_collective):
    collective = make_collective()
    path = f"/collectives/{collective.slug}/facts/2024"
    first = api_write("PUT", path, {"members": 120, "income_grants": 5000}, write_token[1])
    assert first.status_code == 200, first.content
    assert first.json()["members"] == 120
    assert first.json()["income_total"] == 5000
    second = api_write("PUT", path, {"volunteers": 14}, write_token[1])
    assert second.json()["members"] is None
    facts = YearlyFacts.objects.get(collective=collective, year=2024)
    assert (facts.members, facts.volunteers, facts.income_grants) == (None, 14, None)


def test_saving_facts_is_audited_with_the_user_as_actor(
    api_write, write_token, make_collective, editor_user
):
    collective = make_collective()
    api_write("PUT", f"/collectives/{collective.slug}/facts/2023", {"members": 80}, write_token[1])
    event = events_by(editor_user).get(action="facts.save", target_id=collective.slug)
    assert event.changes == {"year": 2023, "members": [None, 80]}


def test_invalid_facts_are_named_in_dutch(api_write, write_token, make_collective):
    collective = make_collective(founded_year=2015)
    response = api_write(
        "PUT", f"/collectives/{collective.slug}/facts/2010", {"members": -3}, write_token[1]
    )
    assert response.status_code == 400
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert errors == {
        "year": "Het jaar ligt vóór het oprichtingsjaar (2015).",
        "members": "Vul 0 of meer in.",
    }
    assert not YearlyFacts.objects.filter(collective=collective).exists()


def test_a_year_that_is_not_a_number_is_a_400(api_write, write_token, make_collective):
    collective = make_collective()
    response = api_write(
        "PUT", f"/collectives/{collective.slug}/facts/vorig-jaar", {}, write_token[1]
    )
    assert only_error(response)["field"] == "year"
