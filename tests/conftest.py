"""Shared fixtures: reference data loaded once per test database, users, collectives."""

import itertools
import os

import django_ratelimit.core
import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from opmars.accounts.models import User
from opmars.geo.models import Municipality
from opmars.geo.reference import load_reference_data
from opmars.registry import actions

IN_CI = os.environ.get("CI", "").lower() == "true"

# Property tests must not depend on how fast the machine is: no time limit per example
# (hypothesis's default is 200 ms) and no "generating data is too slow" health check.
hypothesis_settings.register_profile(
    "opmars", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("opmars")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_reference_data()


@pytest.fixture
def reference_data_after_flush(transactional_db):
    """pytest-django runs transactional tests last, and each empties the database when it ends:
    the next one loads the reference data again."""
    if not Municipality.objects.exists():
        load_reference_data()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: a test that writes with the ORM directly (no data
    generation bump) must not meet values another test cached."""
    cache.clear()


@pytest.fixture(autouse=True)
def dutch_first():
    """Each test starts in the site's own language: a request in English activates English for
    the thread, and it would stay for the tests that come after."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


class FrozenClock:
    """A clock that stands still until a test moves it on."""

    def __init__(self, now):
        self.now = now

    def time(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture(autouse=True)
def ratelimit_clock(monkeypatch):
    """The rate limits (opmars/common/limits.py) count in django-ratelimit's fixed windows:
    time.time() rounded down to the period, plus an offset per key. On the real clock a window
    can end between a test's requests, most likely on a slow machine, and the count would start
    over (a 200 where a 429 was due). Here that clock stands still: a test counts requests, not
    seconds, and moves on to the next window itself with `ratelimit_clock.advance(60)`. The
    counts' cache entries, which expire on the real clock a few seconds after the period, last
    an hour, so a slow test does not lose its count that way either (each test empties the
    cache)."""
    clock = FrozenClock(1_750_000_000.0)
    monkeypatch.setattr(django_ratelimit.core, "time", clock)
    monkeypatch.setattr(django_ratelimit.core, "EXPIRATION_FUDGE", 3600)
    return clock


@pytest.fixture(autouse=True)
def _writes_show_at_once(settings):
    """Public answers never lag a write here; tests/caching/test_stale_answers.py checks the
    lag that installs allow (OPMARS_CACHE_STALE_SECONDS)."""
    settings.OPMARS_CACHE_STALE_SECONDS = 0


@pytest.fixture(autouse=True)
def _staff_without_two_factor(settings):
    """Tests log staff in with force_login; tests/security checks the TOTP requirement itself."""
    settings.OPMARS_STAFF_TWO_FACTOR = False


@pytest.fixture
def staff_user(db):
    return User.objects.create_user(
        email="staf@example.org", password="geheim-wachtwoord-1", is_staff=True
    )


@pytest.fixture
def editor_user(db):
    return User.objects.create_user(email="anouk@example.org", password="geheim-wachtwoord-1")


@pytest.fixture
def other_user(db):
    return User.objects.create_user(email="iemand@example.org", password="geheim-wachtwoord-1")


_counter = itertools.count(1)


def collective_data(**overrides):
    data = {
        "name": f"Buurtcoöperatie Test {next(_counter)}",
        "kind": "buurtcooperatie",
        "legal_form": "cooperatie_ua",
        "municipality": "GM0363",
        "founded_year": 2015,
        "status": "actief",
        "domains": ["zorg_welzijn"],
        "description": "Wij helpen buren met klussen en zorg.",
        "is_voluntary": True,
        "is_not_for_profit": True,
        "has_societal_goal": True,
        "is_open": True,
        "is_democratic": True,
        "is_local": True,
    }
    data.update(overrides)
    return data


@pytest.fixture
def make_collective(editor_user):
    """Create a collective through the real service function, as its editor."""

    def make(actor=None, **overrides):
        return actions.create_collective(actor or editor_user, collective_data(**overrides))

    return make


@pytest.fixture
def on_postgres():
    return connection.vendor == "postgresql"


def writes_with(client, secret):
    """A write needs a live token (reads are open to all, with or without one)."""
    return client.post(
        "/api/v1/collectives",
        "{}",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )


@pytest.fixture
def write_token(editor_user):
    """A write token of editor_user: (token, secret)."""
    from opmars.accounts.tokens import create_token

    return create_token(editor_user, "Ledenadministratie", "write")


@pytest.fixture
def api_write(client):
    """Send JSON to /api/v1<path> with a method and a bearer secret (None: no header)."""
    import json

    def send(method, path, body, secret=None):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret else {}
        return getattr(client, method.lower())(
            f"/api/v1{path}", json.dumps(body), content_type="application/json", **headers
        )

    return send
