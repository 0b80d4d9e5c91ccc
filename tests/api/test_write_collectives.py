"""With a write token a program registers and changes collectives through the same service
functions as the forms: the same Dutch validation per field, the same audit events."""

from opmars.registry.models import Collective
from tests.api.conftest import events_by, only_error

NEW = {
    "name": "Zonnedak Lombok",
    "kind": "energiecooperatie",
    "legal_form": "cooperatie_ua",
    "municipality": "Utrecht",
    "works_in": ["GM0363"],
    "founded_year": 2019,
    "domains": ["energie"],
    "description": "Zonnepanelen op de daken van de buurt.",
    "characteristics": {"is_local": True, "is_democratic": True},
}


def test_a_write_token_registers_a_collective_with_its_user_as_editor(
    api_write, write_token, editor_user
):
    response = api_write("POST", "/collectives", NEW, write_token[1])
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["slug"] == "zonnedak-lombok"
    assert response["Location"] == "/api/v1/collectives/zonnedak-lombok"
    assert body["municipality"] == {"code": "GM0344", "name": "Utrecht"}
    assert body["works_in"] == [{"code": "GM0363", "name": "Amsterdam"}]
    assert body["status"] == "actief"
    assert body["characteristics"]["is_local"] is True
    assert body["characteristics"]["is_open"] is False
    collective = Collective.objects.get(slug="zonnedak-lombok")
    assert list(collective.editors.all()) == [editor_user]
    event = events_by(editor_user).get(action="collective.create", target_id="zonnedak-lombok")
    assert event.changes["name"] == "Zonnedak Lombok"


def test_an_update_changes_only_the_fields_sent_and_is_audited(
    api_write, write_token, make_collective, editor_user
):
    collective = make_collective(founded_year=2015, description="Oud.")
    response = api_write(
        "PATCH", f"/collectives/{collective.slug}", {"founded_year": 2012}, write_token[1]
    )
    assert response.status_code == 200, response.content
    assert response.json()["founded_year"] == 2012
    assert response.json()["description"] == "Oud."
    event = events_by(editor_user).get(action="collective.update", target_id=collective.slug)
    assert event.changes == {"founded_year": [2015, 2012]}


def test_null_empties_a_field(api_write, write_token, make_collective):
    collective = make_collective(founded_year=2015)
    response = api_write(
        "PATCH", f"/collectives/{collective.slug}", {"founded_year": None}, write_token[1]
    )
    assert response.json()["founded_year"] is None


def test_every_invalid_field_is_named_in_dutch(api_write, write_token):
    wrong = {**NEW, "founded_year": 1700, "kvk_number": "123", "website": "geen adres"}
    response = api_write("POST", "/collectives", wrong, write_token[1])
    assert response.status_code == 422
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert errors == {
        "founded_year": f"Het oprichtingsjaar moet tussen 1800 en {_this_year()} liggen.",
        "kvk_number": "Een KvK-nummer heeft precies 8 cijfers.",
        "website": "Vul een geldig webadres in, zoals https://voorbeeld.nl.",
    }
    assert not Collective.objects.filter(name=NEW["name"]).exists()


def test_a_missing_name_is_asked_for(api_write, write_token):
    body = {key: value for key, value in NEW.items() if key != "name"}
    error = only_error(api_write("POST", "/collectives", body, write_token[1]), 422)
    assert error == {
        "field": "name",
        "code": "required",
        "message": "Vul de naam van het collectief in.",
    }


def test_an_unknown_key_is_named(api_write, write_token):
    error = only_error(api_write("POST", "/collectives", {**NEW, "leden": 4}, write_token[1]), 422)
    assert error["field"] == "leden"
    assert error["code"] == "onbekend_veld"


def test_a_wrong_type_is_named_before_the_form_runs(api_write, write_token):
    error = only_error(
        api_write("POST", "/collectives", {**NEW, "domains": "energie"}, write_token[1]), 422
    )
    assert error == {
        "field": "domains",
        "code": "geen_lijst",
        "message": 'domains moet een lijst zijn, zoals ["a", "b"].',
    }


def test_a_body_that_is_not_json_is_a_400(client, write_token):
    response = client.post(
        "/api/v1/collectives",
        "{name: kapot",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {write_token[1]}",
    )
    assert only_error(response)["code"] == "geen_json"


def test_an_unknown_slug_is_a_404(api_write, write_token):
    response = api_write("PATCH", "/collectives/bestaat-niet", {"name": "x"}, write_token[1])
    assert only_error(response, 404)["field"] == "slug"


def _this_year():
    from datetime import date

    return date.today().year


def test_a_body_that_is_not_an_object_is_a_422(api_write, write_token, make_collective):
    collective = make_collective(founded_year=2015)
    response = api_write("PATCH", f"/collectives/{collective.slug}", [2012], write_token[1])
    assert only_error(response, 422) == {
        "field": "body",
        "code": "geen_object",
        "message": "body moet een JSON-object {...} zijn.",
    }


def test_the_schema_names_what_a_new_collective_needs(client, db):
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["NewCollectiveIn"]
    assert schema["required"] == ["name", "kind", "legal_form"]
    assert {"required": ["postcode"]} in schema["anyOf"]
