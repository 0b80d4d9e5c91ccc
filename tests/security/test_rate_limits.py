"""Expensive anonymous endpoints have a per-IP limit: over it, a Dutch 429 page or API error;
another address is not affected. The defaults are generous.

The limiter's clock stands still in tests (ratelimit_clock in tests/conftest.py): the counts do
not depend on how fast the machine sends its requests."""

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


@pytest.fixture
def tight(settings):
    cache.clear()
    settings.OPMARS_RATE_LIMITS = {
        **settings.OPMARS_RATE_LIMITS,
        **dict.fromkeys(("search", "calculator", "export", "peers", "pdf"), "2/m"),
    }
    yield
    cache.clear()


def third_call(client, method, path, **extra):
    """Two calls within the limit, then the third. A "{n}" in the path makes each call a
    different question, as the answer cache (API and public pages) would otherwise serve repeats
    without running the view (decision 0034)."""
    call = getattr(client, method)
    for n in range(2):
        assert call(path.format(n=n), **extra).status_code != 429
    return call(path.format(n=2), **extra)


@pytest.mark.parametrize(
    "path",
    [
        "/collectieven/?q=zorg{n}",
        "/rekenhulp/",
        "/export/collectieven.csv?p={n}",
        "/monitor/gemeenten/GM0363/rapport.pdf?p={n}",
    ],
)
def test_pages_answer_a_dutch_429_over_the_limit(client, tight, path):
    response = third_call(client, "get", path)
    assert response.status_code == 429
    assert "Te veel verzoeken achter elkaar" in response.text


def test_the_peer_page_is_limited(client, tight, make_collective):
    collective = make_collective()
    response = third_call(
        client, "get", f"/collectieven/{collective.slug}/leer-van-elkaar/?p={{n}}"
    )
    assert response.status_code == 429


@pytest.mark.parametrize(
    ("method", "path", "extra"),
    [
        ("get", "/api/v1/collectives?q=zorg{n}", {}),
        ("post", "/api/v1/sroi/calculate", {"data": "{}", "content_type": "application/json"}),
    ],
)
def test_the_api_answers_429_in_the_error_shape(client, tight, method, path, extra):
    response = third_call(client, method, path, **extra)
    assert response.status_code == 429
    error = response.json()["errors"][0]
    assert error["code"] == "te_veel_verzoeken"
    assert "Wacht een minuut" in error["message"]


def test_api_peers_are_limited(client, tight, make_collective):
    collective = make_collective()
    path = f"/api/v1/collectives/{collective.slug}/peers?limit=1{{n}}"
    response = third_call(client, "get", path)
    assert response.status_code == 429


def test_another_address_has_its_own_count(client, tight):
    assert third_call(client, "get", "/collectieven/?q=zorg{n}").status_code == 429
    assert client.get("/collectieven/?q=zorg3", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_a_proxy_header_can_name_the_client(client, tight, settings):
    settings.OPMARS_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    over = third_call(
        client, "get", "/collectieven/?q=zorg{n}", HTTP_X_FORWARDED_FOR="203.0.113.5, 10.0.0.1"
    )
    assert over.status_code == 429
    other = client.get("/collectieven/?q=zorg3", HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert other.status_code == 200


def test_the_count_starts_over_in_the_next_window(client, tight, ratelimit_clock):
    assert third_call(client, "get", "/collectieven/?q=zorg{n}").status_code == 429
    # A window is a whole period long (where it starts varies per key): a period on, a new one.
    ratelimit_clock.advance(60)
    assert client.get("/collectieven/?q=zorg3").status_code == 200


def test_zero_switches_a_limit_off(client, tight, settings):
    settings.OPMARS_RATE_LIMITS = {**settings.OPMARS_RATE_LIMITS, "search": "0"}
    for n in range(4):
        assert client.get(f"/collectieven/?q=zorg{n}").status_code == 200


def test_defaults_are_generous(settings):
    # The reading endpoints; the limits on logins and mail are strict on purpose
    # (tests/security/test_account_rate_limits.py).
    for group in ("search", "calculator", "export", "peers", "pdf"):
        count, period = settings.OPMARS_RATE_LIMITS[group].split("/")
        assert int(count) >= 30 and period == "m"
