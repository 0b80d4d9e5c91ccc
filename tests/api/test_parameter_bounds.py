"""Every integer the API reads is bounded in the schema and checked before the database sees it:
out of range is a 400 in the error shape (a 422 in a write body) on SQLite and PostgreSQL alike,
never a 500."""

import json

import pytest

from opmars.api import params
from opmars.api.params import MAX_OFFSET
from opmars.common.errors import QueryError
from opmars.registry import query
from opmars.registry.query import parse_query
from tests.api.conftest import only_error
from tests.api.test_write_facts import whole_year

PAST_INT64 = str(2**63)
PAST_INT32 = 2**31


def integer_schemas(node, where=""):
    """(where, schema) of every integer in an OpenAPI document or part of one."""
    if isinstance(node, dict):
        if node.get("type") == "integer":
            yield where, node
        for key, value in node.items():
            yield from integer_schemas(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from integer_schemas(value, f"{where}/{index}")


def test_every_integer_the_api_reads_has_both_bounds(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    paths = {path: {m: op.get("parameters", []) for m, op in ops.items()}
             for path, ops in schema["paths"].items()}  # fmt: skip
    bodies = {
        name: schema["components"]["schemas"][name] for name in ("CollectiveIn", "YearlyFactsIn")
    }
    read = list(integer_schemas(paths)) + list(integer_schemas(bodies))
    assert len(read) > 10
    unbounded = [where for where, s in read if "minimum" not in s or "maximum" not in s]
    assert unbounded == []


@pytest.mark.parametrize("path", ["/questions", "/knowledge", "/collectives"])
@pytest.mark.parametrize("offset", [PAST_INT64, str(MAX_OFFSET + 1), "-1"])
def test_an_offset_out_of_range_is_a_400(api_get, db, path, offset):
    error = only_error(api_get(path, offset=offset))
    assert (error["field"], error["code"]) == ("offset", "buiten_bereik")


@pytest.mark.parametrize("path", ["/questions", "/knowledge"])
def test_the_last_offset_is_an_empty_page(api_get, db, path):
    assert api_get(path, offset=str(MAX_OFFSET)).json()["items"] == []


def test_the_api_and_the_directory_share_the_offset_bound(db):
    assert parse_query({"offset": str(MAX_OFFSET)}).offset == MAX_OFFSET
    with pytest.raises(QueryError):
        parse_query({"offset": str(MAX_OFFSET + 1)})


def test_the_api_and_the_directory_share_the_page_size_bound():
    assert params.MAX_LIMIT == query.MAX_LIMIT


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/stats/national", {"year": PAST_INT64}, "year"),
        ("/stats/national", {"year": "0"}, "year"),
        ("/map", {"zoom": PAST_INT64}, "zoom"),
        ("/questions", {"limit": PAST_INT64}, "limit"),
        ("/collectives/bestaat-niet/peers", {"limit": "51"}, "limit"),
    ],
)
def test_other_integers_out_of_range_are_a_400(api_get, db, path, params, field):
    error = only_error(api_get(path, **params))
    assert (error["field"], error["code"]) == (field, "buiten_bereik")


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/collectives", {"status": ""}, "status"),
        ("/collectives", {"kind": ","}, "kind"),
        ("/collectives", {"sort": ""}, "sort"),
        ("/map", {"zoom": "5", "domain": ""}, "domain"),
    ],
)
def test_a_choice_sent_empty_is_a_400(api_get, db, path, params, field):
    error = only_error(api_get(path, **params))
    assert (error["field"], error["code"]) == (field, "leeg")


def test_empty_choices_are_reported_with_the_other_errors(api_get, db):
    response = api_get("/collectives", status="", limit="0")
    assert response.status_code == 400
    assert {e["field"] for e in response.json()["errors"]} == {"status", "limit"}


def test_an_unknown_format_is_a_400(api_get, db):
    error = only_error(api_get("/collectives", format="xml"))
    assert (error["field"], error["code"]) == ("format", "onbekende_waarde")


@pytest.mark.parametrize("path", ["/knowledge?type=", "/questions?kind="])
def test_an_empty_vocabulary_value_is_a_400(client, db, path):
    only_error(client.get("/api/v1" + path))


@pytest.fixture
def own_collective(make_collective):
    return make_collective(name="Buurtcoöperatie Grens", founded_year=1990)


@pytest.mark.parametrize("members", [PAST_INT32, 2**63])
def test_facts_past_their_range_are_a_422_on_either_database(
    api_write, write_token, own_collective, members
):
    _token, secret = write_token
    path = f"/collectives/{own_collective.slug}/facts/2024"
    error = only_error(api_write("PUT", path, whole_year(members=members), secret), 422)
    assert error["field"] == "members"
    assert "Hoogstens 10.000.000" in error["message"]


@pytest.mark.parametrize("year", [PAST_INT64, "0"])
def test_a_facts_year_out_of_range_is_a_400(api_write, write_token, own_collective, year):
    _token, secret = write_token
    path = f"/collectives/{own_collective.slug}/facts/{year}"
    response = api_write("PUT", path, whole_year(), secret)
    error = only_error(response)
    assert (error["field"], error["code"]) == ("year", "buiten_bereik")


def test_a_founded_year_past_a_small_integer_is_the_forms_422(
    api_write, write_token, own_collective
):
    _token, secret = write_token
    response = api_write(
        "PATCH", f"/collectives/{own_collective.slug}", {"founded_year": 40000}, secret
    )
    assert only_error(response, 422)["field"] == "founded_year"


@pytest.mark.parametrize("path", ["/sroi/calculate", "/collectives"])
def test_a_body_over_the_upload_limit_is_a_413_in_the_shape(
    client, db, settings, write_token, path
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    _token, secret = write_token
    body = json.dumps({"name": "x" * 2000})
    response = client.post(
        f"/api/v1{path}", body, content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )  # fmt: skip
    error = only_error(response, status=413)
    assert (error["field"], error["code"]) == ("body", "te_groot")
    assert "1000" in error["message"]


def test_a_radius_below_100_m_is_a_400_not_a_division_by_zero(api_get, own_collective):
    path = f"/collectives/{own_collective.slug}/peers"
    error = only_error(api_get(path, radius_km="5e-324"))
    assert (error["field"], error["code"]) == ("radius_km", "buiten_bereik")


def test_an_empty_number_is_a_400(api_get, db):
    error = only_error(api_get("/collectives", radius_km=""))
    assert (error["field"], error["code"]) == ("radius_km", "leeg")


def test_a_fact_must_be_a_json_number(api_write, write_token, own_collective):
    _token, secret = write_token
    path = f"/collectives/{own_collective.slug}/facts/2024"
    error = only_error(api_write("PUT", path, whole_year(members=True), secret), 422)
    assert (error["field"], error["code"]) == ("members", "geen_getal")


def test_a_domain_sent_twice_is_stored_once(api_write, write_token, own_collective):
    _token, secret = write_token
    body = {"domains": ["energie", "energie", "wonen"]}
    response = api_write("PATCH", f"/collectives/{own_collective.slug}", body, secret)
    assert response.status_code == 200, response.content
    assert sorted(response.json()["domains"]) == ["energie", "wonen"]
