"""The OpenAPI schema, the interactive docs (offline) and docs/api.md agree with the code."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def schema(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_the_schema_has_every_endpoint(schema):
    assert set(schema["paths"]) == {
        "/api/v1/collectives",
        "/api/v1/collectives/{slug}",
        "/api/v1/collectives/{slug}/facts/{year}",
        "/api/v1/collectives/{slug}/events",
        "/api/v1/collectives/{slug}/events/{event_id}",
        "/api/v1/municipalities",
        "/api/v1/municipalities/{code}",
        "/api/v1/provinces",
        "/api/v1/provinces/{code}",
        "/api/v1/sdgs",
        "/api/v1/vocabularies",
        "/api/v1/map",
        "/api/v1/outlines/municipalities",
        "/api/v1/outlines/provinces",
        "/api/v1/networks",
        "/api/v1/networks/{slug}",
        "/api/v1/collectives/{slug}/peers",
        "/api/v1/knowledge",
        "/api/v1/questions",
        "/api/v1/sroi/calculate",
        "/api/v1/indicators",
        "/api/v1/collectives/{slug}/impact",
        "/api/v1/stats/national",
        "/api/v1/stats/provinces/{code}",
        "/api/v1/stats/municipalities/{code}",
        "/api/v1/stats/networks/{slug}",
    }


def test_the_error_shape_is_declared(schema):
    error_response = schema["components"]["schemas"]["ErrorResponse"]
    item = schema["components"]["schemas"]["ErrorItem"]
    assert error_response["properties"]["errors"]["items"]["$ref"].endswith("/ErrorItem")
    assert set(item["required"]) == {"field", "code", "message"}


def test_every_operation_with_parameters_declares_its_4xx_in_the_error_shape(schema):
    for path, method, operation in operations(schema):
        if not operation.get("parameters"):
            continue
        errors = {code: r for code, r in operation["responses"].items() if code.startswith("4")}
        assert errors, (method, path)
        for response in errors.values():
            ref = response["content"]["application/json"]["schema"]["$ref"]
            assert ref.endswith("/ErrorResponse"), (method, path)


def test_list_filters_are_documented_with_their_values(schema):
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/collectives"]["get"]["parameters"]}
    assert {
        "q",
        "kind",
        "domain",
        "province",
        "municipality",
        "works_in",
        "network",
        "status",
    } <= set(parameters)
    assert {"near", "radius_km", "sort", "limit", "offset"} <= set(parameters)
    assert "energiecooperatie" in parameters["kind"]["schema"]["items"]["enum"]
    assert parameters["limit"]["schema"]["maximum"] == 500
    map_parameters = {p["name"] for p in schema["paths"]["/api/v1/map"]["get"]["parameters"]}
    assert {"zoom", "bbox", "kind", "q", "near"} <= map_parameters


def test_interactive_docs_are_served_without_a_cdn(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
    assert external == []
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200


def test_every_path_and_method_is_in_the_api_guide(schema):
    guide = (ROOT / "docs" / "api.md").read_text()
    for path, method, _operation in operations(schema):
        assert f"{method.upper()} {path}" in guide, (method, path)


def test_exactly_the_writes_need_a_bearer_token(schema):
    secured = {
        (method, path) for path, method, operation in operations(schema) if "security" in operation
    }
    assert secured == {
        ("post", "/api/v1/collectives"),
        ("patch", "/api/v1/collectives/{slug}"),
        ("put", "/api/v1/collectives/{slug}/facts/{year}"),
        ("patch", "/api/v1/collectives/{slug}/facts/{year}"),
        ("post", "/api/v1/collectives/{slug}/events"),
        ("patch", "/api/v1/collectives/{slug}/events/{event_id}"),
    }
    scheme = schema["components"]["securitySchemes"]["WriteToken"]
    assert scheme == {"type": "http", "scheme": "bearer"}
