"""When many visitors ask at once for an answer that is not in the cache, or whose cached copy a
write made old, one request computes it and the others wait for it: nobody gets the old answer
when no lag is allowed, and the page is not computed once per visitor."""

import datetime
import threading
import time

import pytest
from django.db import connection
from django.test import Client

from opmars.registry import actions, views

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data_after_flush"),
]

VISITORS = 6
LAST_YEAR = datetime.date.today().year - 1


@pytest.fixture
def slow_page(make_collective, monkeypatch):
    """A collective's page whose computation takes a while and is counted."""
    collective = make_collective(name="Zonnedak Noord")
    computed = []
    real_events = views.history.shown_events

    def slow_events(found):
        computed.append(found.pk)
        time.sleep(0.3)
        return real_events(found)

    monkeypatch.setattr(views.history, "shown_events", slow_events)
    return collective, computed


def all_at_once(url):
    """The bodies of VISITORS simultaneous anonymous requests."""
    start, bodies = threading.Barrier(VISITORS), []

    def visit():
        start.wait()
        try:
            response = Client().get(url)
            bodies.append((response.status_code, response.content))
        finally:
            connection.close()

    threads = [threading.Thread(target=visit) for _ in range(VISITORS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return bodies


def test_a_missing_answer_is_computed_once(slow_page):
    collective, computed = slow_page
    bodies = all_at_once(f"/collectieven/{collective.slug}/")
    assert len(computed) == 1
    assert len(bodies) == VISITORS and len(set(bodies)) == 1 and bodies[0][0] == 200


def test_after_a_write_the_others_wait_for_the_new_answer(slow_page, editor_user):
    collective, computed = slow_page
    url = f"/collectieven/{collective.slug}/"
    Client().get(url)
    actions.save_yearly_facts(editor_user, collective, {"year": LAST_YEAR, "members": 987})
    computed.clear()
    bodies = all_at_once(url)
    assert len(computed) == 1
    assert all(b"987" in body for _status, body in bodies)


def test_when_a_write_outdates_the_answer_being_made_one_waiter_computes_next(
    make_collective, editor_user, monkeypatch
):
    """The first request's answer is of the generation before the write, so it is no use to
    the requests that began after it: one of them computes the new one, the rest wait for it."""
    collective = make_collective(name="Zonnedak Noord")
    url = f"/collectieven/{collective.slug}/"
    written, computed = threading.Event(), []
    real_events = views.history.shown_events

    def events_with_a_write_meanwhile(found):
        computed.append(found.pk)
        if len(computed) == 1:
            actions.save_yearly_facts(editor_user, found, {"year": LAST_YEAR, "members": 987})
            written.set()
        time.sleep(0.3)
        return real_events(found)

    monkeypatch.setattr(views.history, "shown_events", events_with_a_write_meanwhile)
    first = threading.Thread(target=lambda: (Client().get(url), connection.close()))
    first.start()
    written.wait(10)
    bodies = all_at_once(url)
    first.join()
    assert len(computed) == 2
    assert all(b"987" in body for _status, body in bodies)
