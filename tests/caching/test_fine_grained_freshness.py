"""A write to one collective leaves the cached answers about other collectives valid (their
page, API answer and embed), while whatever shows the written one — its own answers, the
directory — is fresh on the next request. A write that names no collective, or one past the
service functions, makes every answer new. An answer made while a write came in is not kept
for the write's scope (decision 0056)."""

import datetime
import re

import pytest
from django.db import transaction

from opmars.caching import changes, generation
from opmars.registry import actions, views
from opmars.registry.models import Collective

pytestmark = pytest.mark.django_db

LAST_YEAR = datetime.date.today().year - 1
ANSWERS = [
    "/collectieven/{slug}/",
    "/api/v1/collectives/{slug}",
    "/insluiten/collectieven/{slug}/",
    "/collectieven/{slug}/geschiedenis/",
]


@pytest.fixture
def mine(make_collective):
    return make_collective(name="Zonnedak Noord")


@pytest.fixture
def other(make_collective):
    return make_collective(name="Buurtkracht Zuid")


def shows_987(response):
    return re.search(r"\b987\b", response.content.decode()) is not None


def facts_of(editor, collective, members):
    actions.save_yearly_facts(editor, collective, {"year": LAST_YEAR, "members": members})


@pytest.mark.parametrize("answer", ANSWERS)
def test_a_write_to_another_collective_leaves_the_answer_cached(
    client, mine, other, editor_user, answer, django_assert_max_num_queries, cache_backend
):
    url = answer.format(slug=mine.slug)
    first = client.get(url)
    facts_of(editor_user, other, 40)
    with django_assert_max_num_queries(2):  # the data generation and the collective's scope
        again = client.get(url)
    with django_assert_max_num_queries(1):  # checked once in this generation: that is said
        third = client.get(url)
    assert first.status_code == again.status_code == third.status_code == 200
    assert again.content == first.content == third.content
    assert again.get("ETag") == first.get("ETag")


def test_its_validator_still_matches_after_writes_elsewhere(client, mine, other, editor_user):
    url = f"/api/v1/collectives/{mine.slug}"
    etag = client.get(url)["ETag"]
    facts_of(editor_user, other, 40)
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    facts_of(editor_user, mine, 12)
    fresh = client.get(url, headers={"If-None-Match": etag})
    assert fresh.status_code == 200 and fresh["ETag"] != etag


@pytest.mark.parametrize("answer", ANSWERS)
def test_a_write_to_the_collective_itself_shows_at_once(client, mine, editor_user, answer):
    url = answer.format(slug=mine.slug)
    first = client.get(url)
    facts_of(editor_user, mine, 987)
    again = client.get(url)
    assert not shows_987(first) and shows_987(again)


def test_pages_that_show_many_collectives_follow_every_write(client, mine, make_collective):
    page = f"/collectieven/{mine.slug}/"
    directory = "/collectieven/?q=Zonnedak"
    client.get(page), client.get(directory)
    make_collective(name="Zonnedak Oost")
    assert "Zonnedak Oost" in client.get(directory).content.decode()
    assert "Zonnedak Oost" not in client.get(page).content.decode()


def write_past_the_queue():
    generation.bump()  # as demo or reference data do


def write_about_no_collective():
    with transaction.atomic():
        changes.record_write(None)  # as a network's or a municipality's edit


@pytest.mark.parametrize("write", [write_past_the_queue, write_about_no_collective])
def test_a_write_that_names_no_collective_renews_every_answer(client, mine, write):
    page = f"/collectieven/{mine.slug}/"
    client.get(page)
    Collective.objects.filter(pk=mine.pk).update(name="Zonnedak Noordoost")
    write()
    assert "Zonnedak Noordoost" in client.get(page).content.decode()


def test_an_answer_made_while_its_collective_was_written_is_not_kept(
    client, mine, editor_user, monkeypatch
):
    """The scope's version is read after the view read the data: a write in between would
    otherwise leave the old data cached under the new version."""
    page = f"/collectieven/{mine.slug}/"
    real_events = views.history.shown_events

    def written_meanwhile(collective):
        monkeypatch.setattr(views.history, "shown_events", real_events)
        facts_of(editor_user, mine, 987)
        return real_events(collective)

    monkeypatch.setattr(views.history, "shown_events", written_meanwhile)
    assert not shows_987(client.get(page))
    assert shows_987(client.get(page))
