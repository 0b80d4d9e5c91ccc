"""The reconciliation service answers in the protocol's own shapes (W3C Entity Reconciliation
API 0.2, as OpenRefine uses it): manifest, queries by GET and POST, properties, limit, types."""

import json

import pytest

from tests.reconcile import schemas
from tests.reconcile.helpers import ask, features, top


def test_the_manifest_answers_a_get_without_queries(client, db):
    answer = client.get("/api/reconcile")
    assert answer.status_code == 200
    assert answer["Access-Control-Allow-Origin"] == "*"
    manifest = answer.json()
    schemas.check(schemas.MANIFEST, manifest)
    assert "0.2" in manifest["versions"]
    assert manifest["defaultTypes"] == [{"id": "collective", "name": "Burgercollectief"}]
    assert manifest["view"]["url"].endswith("/collectieven/{{id}}/")
    assert manifest["preview"]["url"].endswith("/api/reconcile/preview?id={{id}}")
    assert manifest["batchSize"] == 1000
    for kind in ("entity", "property", "type"):
        service = manifest["suggest"][kind]
        assert service["service_path"] == f"/api/reconcile/suggest/{kind}"


def test_the_manifest_as_jsonp_for_a_callback(client, db):
    answer = client.get("/api/reconcile", {"callback": "jQuery123_45"})
    text = answer.content.decode()
    assert text.startswith("/**/jQuery123_45(") and text.endswith(");")
    assert json.loads(text[len("/**/jQuery123_45(") : -2])["versions"]
    # Anything but a plain function name is not echoed into script.
    assert client.get("/api/reconcile", {"callback": "alert(1)//"}).json()["versions"]


@pytest.mark.parametrize("method", ["get", "post"])
def test_one_query_by_get_and_by_post(client, register, method):
    answer = ask(client, {"q0": {"query": "Buurtcoöperatie Oosterpark"}}, method)
    assert answer.status_code == 200
    assert answer["Access-Control-Allow-Origin"] == "*"
    schemas.check(schemas.RESULT_BATCH, answer.json())
    best = top(answer)
    assert best["id"] == register.park.slug
    assert best["name"] == "Buurtcoöperatie Oosterpark"
    assert best["match"] is True
    assert best["score"] > 90
    assert {"id": "collective", "name": "Burgercollectief"} in best["type"]
    assert {"id": "buurtcooperatie", "name": "Wijk- of buurtcoöperatie"} in best["type"]
    assert features(best)["name_score"] == 100


def test_a_batch_answers_every_query_by_its_key(client, register):
    answer = ask(
        client,
        {
            "q0": {"query": "Energiecoöperatie Oss", "type": "collective", "type_strict": "should"},
            "q1": {"query": "Plaatselijk Belang Vierlingsbeek"},
            "row-7": {"query": "Iets dat niet bestaat xyzzy"},
        },
    )
    batch = answer.json()
    schemas.check(schemas.RESULT_BATCH, batch)
    assert list(batch) == ["q0", "q1", "row-7"]
    assert top(answer, "q0")["id"] == register.oss.slug
    assert top(answer, "q1")["id"] == register.belang.slug
    assert all(c["match"] is False for c in batch["row-7"]["result"])


def test_a_former_municipality_name_picks_the_namesake_that_is_there_now(client, register):
    """Two "Energiecoöperatie …" records; the row says Boxmeer, now part of Land van Cuijk."""
    answer = ask(
        client,
        {
            "q0": {
                "query": "Energie Coöp.",
                "properties": [{"pid": "municipality", "v": "Boxmeer"}],
            }
        },
    )
    best = top(answer)
    assert best["id"] == register.boxmeer.slug
    assert features(best)["municipality_match"] is True
    assert "Boxmeer heet nu Land van Cuijk" in best["description"]
    answer = ask(
        client,
        {"q0": {"query": "Energiecooperatie", "properties": [{"pid": "gemeente", "v": "Oss"}]}},
    )
    assert top(answer)["id"] == register.oss.slug


def test_typos_and_abbreviations_still_find_the_record(client, register):
    answer = ask(
        client,
        {
            "q0": {
                "query": "Energie Coop. Boxmer",
                "properties": [{"pid": "municipality", "v": "GM1982"}],
            },
            "q1": {"query": "Ver. Plaatselyk Belang Vierlingsbeek"},
            "q2": {"query": "buurt cooperatie oosterprk"},
        },
    )
    assert top(answer, "q0")["id"] == register.boxmeer.slug
    assert top(answer, "q1")["id"] == register.belang.slug
    assert top(answer, "q2")["id"] == register.park.slug


def test_postcode_and_website_count_and_say_so(client, register):
    answer = ask(
        client,
        {
            "q0": {
                "query": "Energiecoöperatie",
                "properties": [
                    {"pid": "postcode", "v": "5831ab"},
                    {"pid": "website", "v": ["http://boxmeer-energie.nl/contact"]},
                ],
            }
        },
    )
    best = top(answer)
    assert best["id"] == register.boxmeer.slug
    found = features(best)
    assert found["postcode_match"] is True and found["website_match"] is True
    assert "zelfde postcode" in best["description"]
    assert "zelfde website" in best["description"]


def test_properties_alone_without_a_name(client, register):
    answer = ask(
        client, {"q0": {"properties": [{"pid": "website", "v": "www.boxmeer-energie.nl"}]}}
    )
    assert top(answer)["id"] == register.boxmeer.slug


def test_an_entity_value_and_an_unknown_property_are_accepted(client, register):
    answer = ask(
        client,
        {
            "q0": {
                "query": "Energiecoöperatie",
                "properties": [
                    {"pid": "municipality", "v": {"id": "GM0828", "name": "Oss"}},
                    {"pid": "P31", "v": 12},
                ],
            }
        },
    )
    assert top(answer)["id"] == register.oss.slug


def test_the_identifier_as_query_finds_the_record(client, register):
    answer = ask(client, {"q0": {"query": register.belang.slug}})
    assert top(answer)["id"] == register.belang.slug


def test_limit(client, register):
    answer = ask(client, {"q0": {"query": "Energiecoöperatie", "limit": 1}})
    assert len(answer.json()["q0"]["result"]) == 1
    answer = ask(client, {"q0": {"query": "Energiecoöperatie", "limit": 2.0}})
    assert len(answer.json()["q0"]["result"]) == 2
    answer = ask(client, {"q0": {"query": "Energiecoöperatie", "limit": 1000}})
    assert 2 <= len(answer.json()["q0"]["result"]) <= 25


def test_a_kind_as_type_lowers_the_others(client, register):
    plain = top(ask(client, {"q0": {"query": "Energiecoöperatie Oss"}}))
    typed = top(ask(client, {"q0": {"query": "Energiecoöperatie Oss", "type": ["dorpsraad"]}}))
    assert typed["id"] == plain["id"] == register.oss.slug
    assert features(typed)["type_match"] is False
    assert typed["score"] < plain["score"]
    assert typed["match"] is False
    same = top(ask(client, {"q0": {"query": "Energiecoöperatie Oss", "type": "energiecooperatie"}}))
    assert features(same)["type_match"] is True and same["score"] == plain["score"]


def test_a_new_record_is_found_without_a_restart(client, register, make_collective):
    assert top(ask(client, {"q0": {"query": "Repair Café Vierlingsbeek"}})) is None or (
        top(ask(client, {"q0": {"query": "Repair Café Vierlingsbeek"}}))["name"]
        != "Repair Café Vierlingsbeek"
    )
    made = make_collective(name="Repair Café Vierlingsbeek", municipality="GM1982")
    assert top(ask(client, {"q0": {"query": "Repair Café Vierlingsbeek"}}))["id"] == made.slug


def test_preflight_is_allowed_from_anywhere(client, db):
    answer = client.options("/api/reconcile")
    assert answer.status_code == 204
    assert answer["Access-Control-Allow-Origin"] == "*"
    assert "POST" in answer["Access-Control-Allow-Methods"]


def test_the_example_in_the_api_guide(client, register):
    """docs/api.md shows this request and this answer."""
    answer = ask(
        client,
        {
            "q0": {
                "query": "Energie Coöp. Boxmeer",
                "properties": [{"pid": "municipality", "v": "Boxmeer"}],
            }
        },
    )
    best = top(answer)
    assert best["id"] == register.boxmeer.slug == "energiecooperatie-boxmeer"
    assert (best["score"], best["match"]) == (100.0, True)
    assert best["description"] == (
        "Energiecoöperatie of energiecollectief, Land van Cuijk: naam lijkt 100%, "
        "zelfde gemeente (Boxmeer heet nu Land van Cuijk)"
    )
    assert best["features"] == [
        {"id": "name_score", "value": 100.0},
        {"id": "municipality_match", "value": True},
        {"id": "postcode_match", "value": False},
        {"id": "website_match", "value": False},
        {"id": "type_match", "value": True},
    ]
