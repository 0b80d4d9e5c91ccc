"""The history page: everyone reads a collective's life; its editors add an event or correct a
date there, and a refused one comes back with the reason beside the field."""

import pytest

pytestmark = pytest.mark.django_db


def test_anyone_reads_the_life_and_only_editors_get_the_form(make_collective, client):
    collective = make_collective(founded_year=2011)
    page = client.get(f"/collectieven/{collective.slug}/geschiedenis/").content.decode()
    assert "2011" in page and "opgericht" in page
    assert 'name="kind"' not in page


def test_an_editor_records_an_event_and_the_status_follows(make_collective, client, editor_user):
    collective = make_collective(founded_year=2011)
    client.force_login(editor_user)
    path = f"/collectieven/{collective.slug}/geschiedenis/nieuw/"
    answer = client.post(path, {"kind": "slapend", "date": "2020", "source": "jaarverslag"})
    assert answer.status_code == 302
    collective.refresh_from_db()
    assert (collective.status, collective.status_year) == ("slapend", 2020)
    page = client.get(f"/collectieven/{collective.slug}/geschiedenis/").content.decode()
    assert "slapend geworden" in page and "formulier: jaarverslag" in page


def test_a_refused_event_shows_why_beside_the_field(make_collective, client, editor_user):
    collective = make_collective(founded_year=2011, status="gestopt", status_year=2015)
    client.force_login(editor_user)
    path = f"/collectieven/{collective.slug}/geschiedenis/nieuw/"
    answer = client.post(path, {"kind": "rechtsvorm", "date": "2019", "legal_form": "stichting"})
    assert answer.status_code == 422
    page = answer.content.decode()
    assert "leg eerst vast dat het weer actief werd" in page
    assert 'name="kind"' in page  # the form is back, with what was typed
    assert collective.events.count() == 2


def test_others_may_not_add_or_correct(make_collective, client, other_user):
    collective = make_collective(founded_year=2011)
    client.force_login(other_user)
    path = f"/collectieven/{collective.slug}/geschiedenis/nieuw/"
    assert client.post(path, {"kind": "slapend", "date": "2020"}).status_code == 403
    event = collective.events.get()
    correct = f"/collectieven/{collective.slug}/geschiedenis/{event.pk}/corrigeren/"
    assert client.post(correct, {"date": "2001"}).status_code == 403
    assert collective.events.get().year == 2011


def test_an_editor_corrects_a_date_through_the_page(make_collective, client, editor_user):
    collective = make_collective(founded_year=2011)
    client.force_login(editor_user)
    event = collective.events.get()
    correct = f"/collectieven/{collective.slug}/geschiedenis/{event.pk}/corrigeren/"
    assert client.get(correct).status_code == 200
    assert client.post(correct, {"date": "2009", "source": "statuten"}).status_code == 302
    collective.refresh_from_db()
    assert collective.founded_year == 2009
    page = client.get(f"/collectieven/{collective.slug}/").content.decode()
    assert "gecorrigeerd op" in page and "was 2011-01-01" in page
