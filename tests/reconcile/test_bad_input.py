"""Malformed or too large query batches get the protocol's HTTP status (400, or 413 for a batch
larger than the manifest's batchSize) with the site's error shape and a Dutch message, never
a 500."""

import json

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reconcile import schemas
from tests.reconcile.helpers import ask


def refused(answer, status=400):
    assert answer.status_code == status, answer.content[:300]
    assert answer["Access-Control-Allow-Origin"] == "*"
    body = answer.json()
    schemas.check(schemas.ERROR, body)
    return body["errors"][0]


@pytest.mark.parametrize(
    ("queries", "field"),
    [
        ("{not json", "queries"),
        ('["Dorpsraad"]', "queries"),
        ('"Dorpsraad"', "queries"),
        ("null", "queries"),
        ('{"q0": "Dorpsraad"}', "queries.q0"),
        ('{"q0": {}}', "queries.q0.query"),
        ('{"q0": {"query": ""}}', "queries.q0.query"),
        ('{"q0": {"query": 12}}', "queries.q0.query"),
        ('{"q0": {"query": "x", "limit": "3"}}', "queries.q0.limit"),
        ('{"q0": {"query": "x", "limit": 0}}', "queries.q0.limit"),
        ('{"q0": {"query": "x", "limit": 2.5}}', "queries.q0.limit"),
        ('{"q0": {"query": "x", "limit": true}}', "queries.q0.limit"),
        ('{"q0": {"query": "x", "limit": NaN}}', "queries.q0.limit"),
        ('{"q0": {"query": "x", "limit": -Infinity}}', "queries.q0.limit"),
        ('{"q0": {"query": "x", "type": 3}}', "queries.q0.type"),
        ('{"q0": {"query": "x", "type": ["a", 3]}}', "queries.q0.type"),
        ('{"q0": {"query": "x", "type_strict": "must"}}', "queries.q0.type_strict"),
        ('{"q0": {"query": "x", "properties": {"pid": "postcode"}}}', "queries.q0.properties"),
        ('{"q0": {"query": "x", "properties": [{"v": "1234"}]}}', "queries.q0.properties.0"),
        ('{"q0": {"query": "x", "properties": [{"pid": "postcode"}]}}', "queries.q0.properties.0"),
        (
            '{"q0": {"query": "x", "properties": [{"pid": "gemeente", "v": {"name": "Oss"}}]}}',
            "queries.q0.properties.0.v",
        ),
        (
            '{"q0": {"query": "x", "properties": [{"pid": "gemeente", "v": [[1]]}]}}',
            "queries.q0.properties.0.v",
        ),
        ('{"q0": {"query": "x", "sort": "name"}}', "queries.q0.sort"),
        ('{"q0": {"query": "' + "x" * 501 + '"}}', "queries.q0.query"),
        ("[" * 100_000 + "]" * 100_000, "queries"),
    ],
)
def test_malformed_batches_are_refused_with_the_reason(client, db, queries, field):
    error = refused(client.post("/api/reconcile", {"queries": queries}))
    assert error["field"] == field
    assert error["message"]


def test_a_huge_number_is_no_crash(client, db):
    huge = "9" * 1000
    for spec in (
        '{"query": "x", "limit": HUGE}',
        '{"query": "x", "properties": [{"pid": "postcode", "v": HUGE}]}',
    ):
        queries = '{"q0": ' + spec.replace("HUGE", huge) + "}"
        # A limit that large is the largest limit; a value that long is refused (400).
        assert client.post("/api/reconcile", {"queries": queries}).status_code in (200, 400)


def test_a_get_with_a_malformed_batch_is_refused_too(client, db):
    error = refused(client.get("/api/reconcile", {"queries": "{"}))
    assert error["code"] == "geen_json"


def test_more_queries_than_the_batch_size_is_413(client, db):
    batch = {f"q{i}": {"query": "Dorpsraad"} for i in range(1001)}
    error = refused(ask(client, batch), status=413)
    assert "hoogstens 1000" in error["message"]


def test_a_body_too_large_is_413(client, db):
    huge = json.dumps({"q0": {"query": "x"}, "pad": "y" * 3_000_000})
    error = refused(client.post("/api/reconcile", {"queries": huge}), status=413)
    assert error["code"] == "te_groot"


def test_a_post_without_queries_is_400(client, db):
    assert refused(client.post("/api/reconcile", {}))["field"] == "queries"


def test_data_extension_is_not_offered(client, db):
    assert refused(client.post("/api/reconcile", {"extend": "{}"}))["field"] == "extend"


def test_other_methods_are_405(client, db):
    refused(client.delete("/api/reconcile"), status=405)


def test_suggest_with_a_bad_cursor_is_400(client, db):
    refused(client.get("/api/reconcile/suggest/entity", {"prefix": "a", "cursor": "x"}))


@override_settings(OPMARS_RATE_LIMITS={"reconcile": "2/m", "search": "600/m"})
def test_too_many_batches_are_429(client, db):
    for _ in range(2):
        assert ask(client, {"q0": {"query": "Dorpsraad"}}).status_code == 200
    answer = ask(client, {"q0": {"query": "Dorpsraad"}})
    refused(answer, status=429)
    assert int(answer["Retry-After"]) >= 1


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
QUERY = st.fixed_dictionaries(
    {},
    optional={
        "query": JSON | st.text(max_size=30),
        "type": JSON,
        "limit": JSON,
        "type_strict": JSON,
        "properties": st.lists(
            st.fixed_dictionaries(
                {}, optional={"pid": JSON | st.sampled_from(["postcode", "gemeente"]), "v": JSON}
            ),
            max_size=3,
        )
        | JSON,
    },
)


@override_settings(OPMARS_RATE_LIMITS={"reconcile": "0", "search": "0"})
@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=st.dictionaries(st.text(max_size=5), QUERY | JSON, max_size=4))
def test_any_json_gets_an_answer_or_a_refusal_never_a_crash(client, register, batch):
    answer = client.post("/api/reconcile", {"queries": json.dumps(batch)})
    assert answer.status_code in (200, 400), answer.content[:300]
    if answer.status_code == 200:
        schemas.check(schemas.RESULT_BATCH, answer.json())
    else:
        schemas.check(schemas.ERROR, answer.json())
