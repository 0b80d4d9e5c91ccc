"""Helpers for the API tests: a JSON getter and generated (demo) collectives."""

import pytest

from opmars.registry import actions
from tests.conftest import collective_data


@pytest.fixture
def api_get(client):
    """GET /api/v1<path> with query parameters; a list value repeats the parameter."""

    def get(path, **params):
        return client.get(f"/api/v1{path}", params)

    return get


@pytest.fixture
def make_demo_collective(editor_user):
    def make(**overrides):
        return actions.create_collective(editor_user, collective_data(**overrides), is_demo=True)

    return make


def slugs(response):
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["items"]]


def only_error(response, status=400):
    """The single error of a 4xx answer, after checking the shape."""
    assert response.status_code == status, response.content
    body = response.json()
    assert list(body) == ["errors"]
    assert len(body["errors"]) == 1, body
    error = body["errors"][0]
    assert set(error) == {"field", "code", "message"}
    return error
