"""A token never gives more than its user may: read tokens cannot write, and a write token
changes only the collectives its user edits (403 otherwise, in the error shape)."""

from opmars.accounts.tokens import create_token
from opmars.registry.models import Collective, YearlyFacts
from opmars.registry.schemas import YearlyFactsIn
from tests.api.conftest import only_error

NEW = {
    "name": "Dorpsraad Test",
    "kind": "dorpsraad",
    "legal_form": "vereniging",
    "municipality": "GM0344",
}


def test_a_read_token_cannot_write(api_write, editor_user):
    _token, secret = create_token(editor_user, "alleen lezen", "read")
    error = only_error(api_write("POST", "/collectives", NEW, secret), 403)
    assert error["code"] == "alleen_lezen"
    assert not Collective.objects.filter(name="Dorpsraad Test").exists()


def test_a_read_token_is_not_needed_for_reading(client, make_collective):
    collective = make_collective()
    assert client.get(f"/api/v1/collectives/{collective.slug}").status_code == 200


def test_another_users_collective_cannot_be_changed(api_write, make_collective, other_user):
    collective = make_collective(description="Van Anouk.")
    _token, secret = create_token(other_user, "indringer", "write")
    response = api_write("PATCH", f"/collectives/{collective.slug}", {"description": "x"}, secret)
    error = only_error(response, 403)
    assert error["message"] == "Je bent geen redacteur van dit collectief."
    collective.refresh_from_db()
    assert collective.description == "Van Anouk."


def test_another_users_facts_cannot_be_written(api_write, make_collective, other_user):
    collective = make_collective()
    _token, secret = create_token(other_user, "indringer", "write")
    body = {name: None for name in YearlyFactsIn.model_fields} | {"members": 1}
    response = api_write("PUT", f"/collectives/{collective.slug}/facts/2024", body, secret)
    assert only_error(response, 403)["code"] == "geen_toegang"
    assert not YearlyFacts.objects.filter(collective=collective).exists()


def test_the_permission_is_checked_before_the_body(api_write, make_collective, other_user):
    collective = make_collective()
    _token, secret = create_token(other_user, "indringer", "write")
    response = api_write("PATCH", f"/collectives/{collective.slug}", {"founded_year": 1}, secret)
    assert only_error(response, 403)["code"] == "geen_toegang"


def test_staff_may_change_any_collective(api_write, make_collective, staff_user):
    collective = make_collective()
    _token, secret = create_token(staff_user, "beheer", "write")
    response = api_write("PATCH", f"/collectives/{collective.slug}", {"founded_year": 2001}, secret)
    assert response.status_code == 200
