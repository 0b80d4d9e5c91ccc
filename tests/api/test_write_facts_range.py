"""A count of people is at most 10 million (decision 0037): the API's body schema says so, and
the facts form refuses more with a 422 naming the field, on every database."""

import pytest

from opmars.registry import actions
from opmars.registry.models import MAX_PEOPLE, YearlyFacts
from opmars.registry.schemas import YearlyFactsIn, YearlyFactsPatch
from tests.api.test_write_facts import whole_year

TOO_MANY = 99_999_999_999


@pytest.mark.parametrize("schema", [YearlyFactsIn, YearlyFactsPatch])
def test_the_body_schema_shows_the_bound(schema):
    members = schema.model_json_schema()["properties"]["members"]["anyOf"][0]
    assert (members["minimum"], members["maximum"]) == (0, MAX_PEOPLE)


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
def test_99_999_999_999_members_is_a_422(api_write, write_token, make_collective, method):
    collective = make_collective()
    path = f"/collectives/{collective.slug}/facts/2024"
    api_write("PUT", path, whole_year(members=40), write_token[1])
    body = whole_year(members=TOO_MANY) if method == "PUT" else {"members": TOO_MANY}
    response = api_write(method, path, body, write_token[1])
    assert response.status_code == 422, response.content
    [error] = response.json()["errors"]
    assert error["field"] == "members"
    assert error["code"] == "max_value"
    assert YearlyFacts.objects.get(collective=collective, year=2024).members == 40


def test_the_action_refuses_it_too(editor_user, make_collective):
    collective = make_collective()
    with pytest.raises(actions.ActionError) as refused:
        actions.save_yearly_facts(editor_user, collective, {"year": 2024, "members": TOO_MANY})
    assert [e["field"] for e in refused.value.errors] == ["members"]
    assert not YearlyFacts.objects.exists()
