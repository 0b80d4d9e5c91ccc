"""Preview (a small HTML card for OpenRefine's frame) and suggest (entities by prefix,
properties, types); an unlisted collective appears in none of them, nor in query results."""

from opmars.registry.models import Collective
from tests.reconcile import schemas
from tests.reconcile.helpers import ask


def test_preview_is_a_small_card_that_may_be_framed(client, register):
    answer = client.get("/api/reconcile/preview", {"id": register.boxmeer.slug})
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/html")
    assert answer["Access-Control-Allow-Origin"] == "*"
    assert "X-Frame-Options" not in answer
    assert "frame-ancestors 'none'" not in answer.get("Content-Security-Policy", "")
    html = answer.content.decode()
    assert "Energiecoöperatie Boxmeer" in html
    assert "Land van Cuijk" in html
    assert f"/collectieven/{register.boxmeer.slug}/" in html
    assert len(answer.content) < 2000


def test_preview_escapes_what_it_shows(client, register):
    Collective.objects.filter(pk=register.park.pk).update(name='Park <script>alert("x")</script>')
    html = client.get("/api/reconcile/preview", {"id": register.park.slug}).content.decode()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    missing = client.get("/api/reconcile/preview", {"id": "<img src=x>"})
    assert missing.status_code == 404
    assert "<img" not in missing.content.decode()


def test_suggest_entity_by_prefix(client, register):
    answer = client.get("/api/reconcile/suggest/entity", {"prefix": "energieco"})
    assert answer["Access-Control-Allow-Origin"] == "*"
    body = answer.json()
    schemas.check(schemas.SUGGEST, body)
    assert [r["id"] for r in body["result"]] == [register.boxmeer.slug, register.oss.slug]
    assert (
        body["result"][0]["description"] == "Energiecoöperatie of energiecollectief, Land van Cuijk"
    )
    second = client.get("/api/reconcile/suggest/entity", {"prefix": "Energieco", "cursor": 1})
    assert [r["id"] for r in second.json()["result"]] == [register.oss.slug]
    by_id = client.get("/api/reconcile/suggest/entity", {"prefix": register.belang.slug})
    assert by_id.json()["result"][0]["id"] == register.belang.slug


def test_suggest_property_and_type(client, db):
    properties = client.get("/api/reconcile/suggest/property", {"prefix": "ge"}).json()
    schemas.check(schemas.SUGGEST, properties)
    assert [p["id"] for p in properties["result"]] == ["municipality"]
    every = client.get("/api/reconcile/suggest/property", {"prefix": ""}).json()["result"]
    assert {p["id"] for p in every} == {"municipality", "postcode", "website"}
    types = client.get("/api/reconcile/suggest/type", {"prefix": "energie"}).json()
    schemas.check(schemas.SUGGEST, types)
    assert [t["id"] for t in types["result"]] == ["energiecooperatie"]


def test_an_unlisted_collective_never_comes_back(client, register):
    hidden = register.hidden
    answer = ask(
        client,
        {
            "q0": {"query": hidden.name},
            "q1": {"query": hidden.slug},
            "q2": {"query": "Moestuin", "properties": [{"pid": "municipality", "v": "Amsterdam"}]},
        },
    )
    for key in ("q0", "q1", "q2"):
        assert hidden.slug not in [c["id"] for c in answer.json()[key]["result"]]
    suggest = client.get("/api/reconcile/suggest/entity", {"prefix": "Moestuin"}).json()
    assert suggest["result"] == []
    suggest = client.get("/api/reconcile/suggest/entity", {"prefix": hidden.slug}).json()
    assert suggest["result"] == []
    assert client.get("/api/reconcile/preview", {"id": hidden.slug}).status_code == 404


def test_an_unlisted_collective_stays_out_for_its_own_editor_too(client, register, editor_user):
    """The service shows the public register, whoever asks."""
    client.force_login(editor_user)
    answer = ask(client, {"q0": {"query": register.hidden.name}})
    assert register.hidden.slug not in [c["id"] for c in answer.json()["q0"]["result"]]
