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


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit counters live in the cache, keyed by user id; ids repeat across tests."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def keep_test_connection():
    """Django's own test client stops requests from closing the test's database connection;
    schemathesis calls the WSGI app directly, so do the same here (PostgreSQL needs it)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def events_by(user):
    """The user's audit events. The pseudonymous audit log (issue 8) finds them with `by`;
    before it lands the event points at the user directly."""
    from opmars.accounts.models import AuditEvent

    if hasattr(AuditEvent.objects, "by"):
        return AuditEvent.objects.by(user)
    return AuditEvent.objects.filter(actor=user)
