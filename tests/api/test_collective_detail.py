"""GET /api/v1/collectives/{slug}: the full public profile, and nothing that is not public."""

import datetime

from opmars.networks.models import Membership, Network
from opmars.registry import actions
from opmars.registry.vocab import CHARACTERISTICS
from tests.api.conftest import only_error


def test_profile_has_the_list_fields_and_the_public_details(api_get, make_collective):
    c = make_collective(
        name="Energiecoöperatie Zon",
        kind="energiecooperatie",
        municipality="GM0344",
        works_in="GM0363, GM0014",
        description="Wij leggen zonnepanelen op scholen.",
        website="https://zon.example.org",
        source="Eigen opgave",
        is_open=False,
    )
    body = api_get(f"/collectives/{c.slug}").json()
    assert body["slug"] == c.slug
    assert body["municipality"] == {"code": "GM0344", "name": "Utrecht"}
    assert body["url"] == f"/collectieven/{c.slug}/"
    assert body["description"] == "Wij leggen zonnepanelen op scholen."
    assert body["website"] == "https://zon.example.org"
    assert body["works_in"] == [
        {"code": "GM0363", "name": "Amsterdam"},
        {"code": "GM0014", "name": "Groningen"},
    ]
    assert body["source"] == "Eigen opgave"
    assert body["demo"] is False
    assert body["is_verified"] is False
    assert body["last_verified"] is None
    assert body["facts"] == []
    assert body["networks"] == []


def test_characteristics_are_the_six_booleans(api_get, make_collective):
    c = make_collective(is_open=False, is_democratic=False)
    characteristics = api_get(f"/collectives/{c.slug}").json()["characteristics"]
    assert list(characteristics) == [code for code, _label, _help in CHARACTERISTICS]
    assert characteristics["is_open"] is False
    assert characteristics["is_democratic"] is False
    assert characteristics["is_voluntary"] is True


def test_networks_are_listed_by_name(api_get, make_collective):
    c = make_collective()
    for slug in ["lsa", "cooplink"]:  # reference umbrellas, present after migrate
        Membership.objects.create(network=Network.objects.get(slug=slug), collective=c)
    networks = api_get(f"/collectives/{c.slug}").json()["networks"]
    assert [n["slug"] for n in networks] == ["cooplink", "lsa"]


def test_yearly_facts_keep_unknown_values_null(api_get, make_collective, editor_user):
    c = make_collective(founded_year=2015)
    actions.save_yearly_facts(editor_user, c, {"year": 2023, "members": 120, "income_grants": 5000})
    actions.save_yearly_facts(editor_user, c, {"year": 2022, "members": 100, "volunteers": 0})
    facts = api_get(f"/collectives/{c.slug}").json()["facts"]
    assert [f["year"] for f in facts] == [2022, 2023]
    assert facts[0]["volunteers"] == 0
    assert facts[1]["volunteers"] is None
    assert facts[1]["income_grants"] == 5000
    assert facts[1]["income_sales"] is None
    assert facts[1]["income_total"] == 5000
    assert facts[0]["income_total"] is None


def test_verification_is_shown(api_get, make_collective, staff_user):
    c = make_collective()
    actions.verify_collective(staff_user, c)
    body = api_get(f"/collectives/{c.slug}").json()
    assert body["is_verified"] is True
    assert datetime.date.fromisoformat(body["last_verified"]) == c.last_verified


def test_demo_profile_says_so(api_get, make_demo_collective):
    c = make_demo_collective()
    assert api_get(f"/collectives/{c.slug}").json()["demo"] is True


def test_contact_address_is_never_shown(api_get, make_collective):
    c = make_collective(contact_email="bestuur@geheim.example.org")
    response = api_get(f"/collectives/{c.slug}")
    assert "contact_email" not in response.json()
    assert b"geheim.example.org" not in response.content


def test_unknown_slug_is_a_404_in_the_error_shape(api_get, db):
    error = only_error(api_get("/collectives/bestaat-niet"), status=404)
    assert error["field"] == "slug"
    assert error["code"] == "niet_gevonden"
    assert "bestaat-niet" in error["message"]
