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
        "/api/v1/municipalities/{code}/rights",
        "/api/v1/finance-routes",
        "/api/v1/collectives/{slug}/finance-routes",
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
        "/api/v1/knowledge-sharers",
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


def docs_page(client, language="nl"):
    response = client.get("/api/v1/docs", headers={"accept-language": language})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    return response.content.decode()


def test_the_docs_page_is_offline_and_needs_no_script(client, db):
    html = docs_page(client)
    external = re.findall(r'(?:src|href|action)="(https?://[^"]+)"', html)
    assert external == []
    # Only the site's own files (no viewer that builds the page in the browser).
    scripts = re.findall(r"<script[^>]*>", html)
    assert all('src="/static/' in tag for tag in scripts), scripts
    assert "swagger" not in html.lower() and "redoc" not in html.lower()
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert stylesheets and all(href.startswith("/static/") for href in stylesheets)
    assert "<style" not in html and " style=" not in html
    for href in stylesheets:
        assert client.get(href).status_code == 200


def test_the_docs_page_follows_the_site_language(client, db):
    html = docs_page(client)
    assert '<html lang="nl">' in html
    assert "<h1>API-documentatie</h1>" in html
    # The schema's own texts are English and say so.
    assert '<p class="api-summary" lang="en">List and search collectives</p>' in html
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/api/v1/docs"})
    assert response["Location"] == "/api/v1/docs"
    assert '<html lang="en">' in docs_page(client)


def section(html, anchor):
    """The HTML of one <section> of the docs page, by the id of its heading."""
    match = re.search(rf'<section [^>]*aria-labelledby="{anchor}">(.*?)</section>', html, re.S)
    assert match, anchor
    return match.group(1)


def test_every_operation_is_documented_with_parameters_body_and_answers(schema, client):
    html = docs_page(client)
    for path, method, operation in operations(schema):
        anchor = f"op-{operation['operationId']}"
        assert f'href="#{anchor}"' in html, (method, path)  # in the table of contents
        part = section(html, anchor)
        assert f'>{method.upper()}</span> <code class="api-path">{path}</code>' in part
        assert operation["summary"] in part.replace("&#x27;", "'")
        for parameter in operation.get("parameters", []):
            assert f"<dt><code>{parameter['name']}</code>" in part, (method, path, parameter)
        if "requestBody" in operation:
            body = operation["requestBody"]["content"]["application/json"]["schema"]
            if "$ref" in body:
                name = body["$ref"].rsplit("/", 1)[1]
                assert f'<a href="#schema-{name.lower()}"><code>{name}</code></a>' in part
                body = schema["components"]["schemas"][name]
            for field in body["properties"]:
                assert f"<dt><code>{field}</code>" in part, (method, path, field)
        for code in operation["responses"]:
            assert f"<dt><code>{code}</code>" in part, (method, path, code)
        if "security" in operation:
            assert "Schrijftoken nodig." in part


def test_every_schema_is_documented_and_every_link_on_the_page_lands(schema, client):
    html = docs_page(client)
    for name, definition in schema["components"]["schemas"].items():
        part = section(html, f"schema-{name.lower()}")
        for field in definition.get("properties", {}):
            assert f"<dt><code>{field}</code>" in part, (name, field)
    ids = set(re.findall(r' id="([^"]+)"', html))
    anchors = set(re.findall(r'href="#([^"]+)"', html))
    assert anchors - ids == set()
    assert 'href="/api/v1/openapi.json"' in html


def test_limits_and_allowed_values_are_shown(client, db):
    html = docs_page(client)
    facts = section(html, "schema-yearlyfactsin")
    assert "hoogstens 10\u202f000\u202f000" in facts
    assert "Geen andere velden" in facts
    listing = section(html, "op-list_collectives")
    assert "<code>energiecooperatie</code>" in listing
    assert "hoogstens 500" in listing
    # A body written inline in the schema, with objects inside it: every field down to the
    # elements of a list.
    calculate = section(html, "op-calculate")
    for field in ("discount_rate", "inputs", "volunteer_hours", "outcomes", "proxy_value"):
        assert f"<dt><code>{field}</code>" in calculate, field
    assert "Elk element van de lijst:" in calculate


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
