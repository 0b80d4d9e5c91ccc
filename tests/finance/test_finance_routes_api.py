"""GET /api/v1/finance-routes with its filters, and GET /api/v1/collectives/{slug}/finance-routes
with the reasons."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def routes(make_route):
    return [
        make_route(),  # Gelderland, energiecooperatie, cooperatie_ua, startfase
        make_route(name="Zorgfonds", level="landelijk", area="", kinds=["zorgcooperatie"],
                   legal_forms=[], phases=[], amount_min="", amount_max=""),
        make_route(name="Utrechtse lening", route_type="lening", area="Utrecht", kinds=[],
                   legal_forms=[], phases=["groeifase"], is_ongoing="", closes="31-12-2099"),
    ]  # fmt: skip


def names(answer):
    return [item["name"] for item in answer.json()["items"]]


def test_the_shape_of_a_route(client, routes):
    answer = client.get("/api/v1/finance-routes")
    assert answer.status_code == 200
    body = answer.json()
    assert body["count"] == 3
    item = next(i for i in body["items"] if i["name"] == "Startfonds Energie")
    assert item == {
        "id": routes[0].pk,
        "name": "Startfonds Energie",
        "provider": "Fonds Gelderse Energie",
        "route_type": "fonds",
        "area": {"level": "provinciaal", "code": "PV25", "name": "Gelderland"},
        "kinds": ["energiecooperatie"],
        "legal_forms": ["cooperatie_ua"],
        "phases": ["startfase"],
        "amount_min": 5000,
        "amount_max": 50000,
        "opens": "2025-01-01",
        "closes": None,
        "ongoing": True,
        "description": "Voor de eerste stappen van een energiecoöperatie.",
        "source_url": "https://www.example.org/startfonds",
        "last_checked": "2026-03-01",
        "url": f"http://testserver/financiering/{routes[0].pk}/",
        "demo": False,
    }
    zorg = next(i for i in body["items"] if i["name"] == "Zorgfonds")
    assert zorg["amount_min"] is None and zorg["area"] == {
        "level": "landelijk", "code": None, "name": "landelijk",
    }  # fmt: skip


def test_filters(client, routes):
    assert names(client.get("/api/v1/finance-routes?kind=zorgcooperatie")) == [
        "Utrechtse lening", "Zorgfonds",
    ]  # fmt: skip
    assert names(client.get("/api/v1/finance-routes?legal_form=stichting")) == [
        "Utrechtse lening", "Zorgfonds",
    ]  # fmt: skip
    assert names(client.get("/api/v1/finance-routes?phase=startfase")) == [
        "Startfonds Energie", "Zorgfonds",
    ]  # fmt: skip
    # Oost Gelre lies in Gelderland: national routes and Gelderland's, not Utrecht's.
    assert names(client.get("/api/v1/finance-routes?municipality=GM1586")) == [
        "Startfonds Energie", "Zorgfonds",
    ]  # fmt: skip
    assert names(client.get("/api/v1/finance-routes?kind=energiecooperatie&phase=groeifase")) == [
        "Utrechtse lening",
    ]  # fmt: skip


def test_unknown_filter_values_are_refused_by_name(client, routes):
    answer = client.get("/api/v1/finance-routes?kind=ruimtevaart&municipality=GM9999")
    assert answer.status_code == 400
    errors = answer.json()["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [
        ("kind", "invalid_choice"), ("municipality", "not_found"),
    ]  # fmt: skip
    assert "'ruimtevaart' kennen we niet als soort collectief" in errors[0]["message"]


def test_archived_and_closed_routes_are_not_listed(client, routes, staff_user, make_route):
    from opmars.finance import actions

    actions.archive_route(staff_user, routes[1])
    make_route(name="Gesloten", is_ongoing="", opens="01-01-2024", closes="31-12-2024")
    assert names(client.get("/api/v1/finance-routes")) == ["Startfonds Energie", "Utrechtse lening"]


def test_a_collectives_routes_with_reasons(client, routes, make_collective):
    coop = make_collective(kind="energiecooperatie", legal_form="cooperatie_ua",
                           municipality="GM1586", founded_year=None)  # fmt: skip
    answer = client.get(f"/api/v1/collectives/{coop.slug}/finance-routes")
    assert answer.status_code == 200
    body = answer.json()
    assert body["collective"] == {"slug": coop.slug, "name": coop.name, "phase": None}
    assert body["count"] == 1
    (item,) = body["items"]
    assert item["route"]["name"] == "Startfonds Energie"
    assert item["fit"] == "past misschien"
    assert item["reasons"] == [
        "energiecoöperatie of energiecollectief", "coöperatie U.A.", "Gelderland",
    ]  # fmt: skip
    assert item["doubts"] and item["reason"].startswith("past misschien: energiecoöperatie")


def test_an_unknown_collective(client):
    answer = client.get("/api/v1/collectives/bestaat-niet/finance-routes")
    assert answer.status_code == 404
    assert answer.json()["errors"][0]["field"] == "slug"
