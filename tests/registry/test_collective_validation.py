"""Every invalid field gets a Dutch message that names the field and says what to do."""

from datetime import date

import pytest

from opmars.registry import actions
from opmars.registry.models import Collective
from tests.conftest import collective_data


def errors_for(user, **overrides):
    with pytest.raises(actions.ActionError) as caught:
        actions.create_collective(user, collective_data(**overrides))
    return {e["field"]: e["message"] for e in caught.value.errors}


@pytest.mark.parametrize(
    "overrides,field,fragment",
    [
        ({"name": ""}, "name", "Vul de naam"),
        ({"kvk_number": "1234567"}, "kvk_number", "precies 8 cijfers"),
        ({"kvk_number": "1234567a"}, "kvk_number", "precies 8 cijfers"),
        ({"postcode": "12345"}, "postcode", "1234 AB"),
        ({"founded_year": 1799}, "founded_year", "tussen 1800"),
        ({"founded_year": date.today().year + 1}, "founded_year", "tussen 1800"),
        ({"municipality": "Bergen"}, "municipality", "Kies er één"),
        ({"municipality": "Atlantis"}, "municipality", "kennen we niet"),
        ({"municipality": "", "postcode": ""}, "municipality", "Vul de gemeente in"),
        ({"lat": 48.85, "lon": 2.35}, "lat", "niet in Nederland"),
        ({"lat": 52.1}, "lat", "én lengtegraad"),
        ({"kind": "sekte"}, "kind", ""),
        ({"website": "geen url"}, "website", "geldig webadres"),
        ({"founded_year": 2015, "status": "gestopt", "status_year": 2010}, "status_year", "vóór"),
    ],
)
def test_field_errors(editor_user, overrides, field, fragment):
    errors = errors_for(editor_user, **overrides)
    assert field in errors
    assert fragment in errors[field]


def test_kvk_number_is_unique(editor_user):
    actions.create_collective(editor_user, collective_data(kvk_number="12345678"))
    errors = errors_for(editor_user, kvk_number="1234 5678")
    assert "staat al bij een ander collectief" in errors["kvk_number"]


def test_all_errors_are_reported_at_once(editor_user):
    errors = errors_for(editor_user, name="", kvk_number="1", founded_year=1500)
    assert {"name", "kvk_number", "founded_year"} <= set(errors)


def test_a_domain_sent_twice_is_stored_once(client, editor_user):
    """A crafted form post (or API body) repeating a domain was a 500 on the unique constraint."""
    client.force_login(editor_user)
    data = collective_data(domains=["energie", "energie", "wonen"])
    response = client.post("/collectieven/nieuw/", data)
    assert response.status_code == 302, response.content
    created = Collective.objects.get(name=data["name"])
    assert sorted(d.domain for d in created.domains.all()) == ["energie", "wonen"]
