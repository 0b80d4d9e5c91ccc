"""After a write, anonymous visitors may get the answer from before it for at most
OPMARS_CACHE_STALE_SECONDS, so a stream of writes does not recompute every public answer each
time. Logged-in users see their write at once; the validators always match what was served."""

import time

import pytest
from django.core.cache import cache

from opmars.caching import http

pytestmark = pytest.mark.django_db

PAGE = "/collectieven/?municipality=GM0363"
API = "/api/v1/collectives?municipality=GM0363"


@pytest.fixture
def lag(settings):
    settings.OPMARS_CACHE_STALE_SECONDS = 60


@pytest.fixture
def clock(monkeypatch):
    """The cache's clock, moved on by hand."""
    now = [time.time()]
    monkeypatch.setattr(http.time, "time", lambda: now[0])
    return now


@pytest.mark.parametrize("url", [PAGE, API])
def test_a_write_reaches_anonymous_visitors_within_the_lag(
    client, make_collective, lag, clock, url
):
    before = client.get(url)
    make_collective(name="Zonnedak Oost")
    # Each answer lags for half to all of the allowed 60 s (spread, so not all expire together).
    clock[0] += 29
    assert "Zonnedak Oost" not in client.get(url).content.decode()
    clock[0] += 32
    assert "Zonnedak Oost" in client.get(url).content.decode()
    assert before.status_code == 200


def test_the_writer_sees_the_write_at_once(client, make_collective, editor_user, lag, clock):
    client.get(PAGE)
    make_collective(name="Zonnedak Oost")
    client.force_login(editor_user)
    assert "Zonnedak Oost" in client.get(PAGE).content.decode()


def test_the_validators_belong_to_the_answer_served(client, make_collective, lag, clock):
    first = client.get(API)
    make_collective()
    stale = client.get(API, headers={"If-None-Match": first["ETag"]})
    assert stale.status_code == 304  # the same answer as before: nothing new to fetch
    clock[0] += 61
    fresh = client.get(API, headers={"If-None-Match": first["ETag"]})
    assert fresh.status_code == 200 and fresh["ETag"] != first["ETag"]


def test_while_one_request_refreshes_others_get_the_old_answer(
    client, make_collective, lag, clock, monkeypatch
):
    client.get(PAGE)
    make_collective(name="Zonnedak Oost")
    clock[0] += 61
    # Another request holds the refresh: this one must not compute the page a second time.
    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: False)
    assert "Zonnedak Oost" not in client.get(PAGE).content.decode()
    monkeypatch.undo()
    monkeypatch.setattr(http.time, "time", lambda: clock[0])
    assert "Zonnedak Oost" in client.get(PAGE).content.decode()


def test_a_page_that_is_gone_is_not_served_from_its_stale_copy(
    client, make_collective, editor_user, lag, clock, monkeypatch
):
    """Unlisting (a takedown) may lag a minute, never longer: once the refresh finds the page
    gone, no request gets the old copy, not even while another request refreshes."""
    from opmars.accounts.actions import set_unlisted

    collective = make_collective(name="Zonnedak Oost")
    page = f"/collectieven/{collective.slug}/"
    assert client.get(page).status_code == 200
    set_unlisted(editor_user, collective, True)
    clock[0] += 61
    assert client.get(page).status_code == 404
    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: False)
    # The one refreshing never ends here: a waiter computes after the lock's lifetime, cut short.
    monkeypatch.setattr(http, "REFRESH_SECONDS", 0.2)
    assert client.get(page).status_code == 404
