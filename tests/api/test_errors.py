"""Every 4xx answer has one shape: {"errors": [{"field", "code", "message"}]}, message in Dutch.

Bad input is a 400 naming the parameter — never a 500 and never a silently empty list.
"""

import pytest

from tests.api.conftest import only_error

# At least one of these words shows that a message is Dutch and says what to do.
DUTCH_WORDS = {"moet", "mag", "geef", "gebruik", "kies", "onbekende", "niet", "geen", "kan", "zoek"}


def assert_dutch(message):
    words = set(message.lower().replace(".", " ").replace(",", " ").split())
    assert words & DUTCH_WORDS, message
    assert "input should" not in message.lower(), message


LIST_CASES = [
    ({"province": "PV99"}, "province", "onbekende_code"),
    ({"municipality": "GM9999"}, "municipality", "onbekende_code"),
    ({"works_in": "GM9999"}, "works_in", "onbekende_code"),
    ({"kind": "kerk"}, "kind", "onbekende_waarde"),
    ({"domain": "ruimtevaart"}, "domain", "onbekende_waarde"),
    ({"status": "dood"}, "status", "onbekende_waarde"),
    ({"limit": "abc"}, "limit", "geen_getal"),
    ({"limit": "100000"}, "limit", "buiten_bereik"),
    ({"limit": "0"}, "limit", "buiten_bereik"),
    ({"offset": "-1"}, "offset", "buiten_bereik"),
    ({"near": "52.37,4.89", "radius_km": "-1"}, "radius_km", "buiten_bereik"),
    ({"near": "48.85,2.35"}, "near", "buiten_nederland"),  # Paris
    ({"near": "amsterdam"}, "near", "ongeldig"),
    ({"sort": "populair"}, "sort", "onbekende_waarde"),
]


@pytest.mark.parametrize(("params", "field", "code"), LIST_CASES)
def test_bad_list_parameter_is_a_400_naming_it(api_get, db, params, field, code):
    error = only_error(api_get("/collectives", **params))
    assert (error["field"], error["code"]) == (field, code)
    assert field in error["message"]
    assert_dutch(error["message"])


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"radius_km": "10"}, "radius_km"),
        ({"sort": "distance"}, "sort"),
        ({"sort": "relevance"}, "sort"),
    ],
)
def test_parameters_that_need_another_say_which(api_get, db, params, field):
    error = only_error(api_get("/collectives", **params))
    assert error["field"] == field
    assert_dutch(error["message"])


def test_all_bad_parameters_are_reported_at_once(api_get, db):
    response = api_get("/collectives", province="PV99", limit="abc", kind="kerk")
    assert response.status_code == 400
    assert {e["field"] for e in response.json()["errors"]} == {"province", "limit", "kind"}


MAP_CASES = [
    ({"zoom": "abc"}, "zoom", "geen_getal"),
    ({}, "zoom", "ontbreekt"),
    ({"zoom": "21"}, "zoom", "buiten_bereik"),
    ({"zoom": "-1"}, "zoom", "buiten_bereik"),
    ({"zoom": "12"}, "bbox", "ontbreekt"),
    ({"zoom": "12", "bbox": "4.8,52.3,5.0"}, "bbox", "ongeldig"),
    ({"zoom": "12", "bbox": "vier,drie,twee,een"}, "bbox", "ongeldig"),
    ({"zoom": "12", "bbox": "5.0,52.3,4.8,52.4"}, "bbox", "buiten_bereik"),
    ({"zoom": "5", "kind": "kerk"}, "kind", "onbekende_waarde"),
    ({"zoom": "5", "near": "48.85,2.35"}, "near", "buiten_nederland"),
]


@pytest.mark.parametrize(("params", "field", "code"), MAP_CASES)
def test_bad_map_parameter_is_a_400_naming_it(api_get, db, params, field, code):
    error = only_error(api_get("/map", **params))
    assert (error["field"], error["code"]) == (field, code)
    assert field in error["message"]
    assert_dutch(error["message"])


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/collectives/bestaat-niet", "slug"),
        ("/municipalities/GM9999", "code"),
        ("/provinces/PV99", "code"),
        ("/bestaat-niet", "path"),
        ("/", "path"),
    ],
)
def test_unknown_things_are_a_404_in_the_shape(api_get, db, path, field):
    error = only_error(api_get(path), status=404)
    assert (error["field"], error["code"]) == (field, "niet_gevonden")
    assert_dutch(error["message"])


def test_messages_follow_the_language_of_the_client(client, db):
    dutch = only_error(client.get("/api/v1/collectives", {"limit": "abc"}))
    english = only_error(
        client.get("/api/v1/collectives", {"limit": "abc"}, HTTP_ACCEPT_LANGUAGE="en")
    )
    assert_dutch(dutch["message"])
    assert english["message"] != dutch["message"]
    assert english["code"] == dutch["code"] == "geen_getal"


def test_a_wrong_method_is_a_405_in_the_shape(client, db):
    response = client.delete("/api/v1/collectives")
    error = only_error(response, status=405)
    assert error["field"] == "method"
    assert "GET" in response["Allow"] and "POST" in response["Allow"]
    assert "DELETE" in error["message"]
