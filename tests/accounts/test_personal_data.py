"""A user downloads everything Opmars holds about them as one JSON file."""

import json

from opmars.accounts.models import Claim
from opmars.api.models import ApiToken


def test_the_download_holds_account_roles_requests_and_own_audit_events(world, client_as):
    Claim.objects.create(collective=world.b, user=world.editor_a, role="penningmeester")
    ApiToken.objects.create(
        user=world.editor_a,
        name="Ledenadministratie",
        scope="write",
        prefix="opm_abc",
        secret_hash="x" * 64,
    )
    response = client_as(world.editor_a).get("/account/mijn-gegevens.json")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "anouk@example.org"
    assert data["account"]["audit_pseudonym"].startswith("u-")
    assert {c["slug"] for c in data["roles"]["edited_collectives"]} == {world.a.slug, world.u.slug}
    assert data["claims"][0]["role"] == "penningmeester"
    actions = {e["action"] for e in data["audit_events"]}
    assert {"collective.create", "impact.report.save"} <= actions
    assert data["api_tokens"][0]["name"] == "Ledenadministratie"
    assert "x" * 64 not in json.dumps(data)  # never the hash of a secret
    assert "password" not in json.dumps(data)


def test_it_holds_nothing_of_other_people(world, client_as):
    data = json.loads(client_as(world.editor_b).get("/account/mijn-gegevens.json").content)
    text = json.dumps(data)
    assert "anouk@example.org" not in text and world.a.slug not in text


def test_it_needs_a_login(world, client):
    assert client.get("/account/mijn-gegevens.json").status_code == 302
