"""An unlisted collective cannot be messaged by those who cannot see it: its contact page is a
404 and the relay refuses, so nobody learns it exists or reaches its mailbox; its editors and
network admins still can."""

import pytest
from django.core.exceptions import PermissionDenied

from opmars.knowledge import actions

MESSAGE = {"subject": "Vraag over jullie buurtkamer", "body": "Hoe hebben jullie dat geregeld?"}


@pytest.fixture
def unlisted(make_collective):
    collective = make_collective(contact_email="verborgen@wijkraad.example")
    type(collective).objects.filter(pk=collective.pk).update(is_unlisted=True)
    collective.refresh_from_db()
    return collective


def test_the_contact_page_of_an_unlisted_collective_is_not_found(client, other_user, unlisted):
    client.force_login(other_user)
    page = f"/collectieven/{unlisted.slug}/bericht/"
    assert client.get(page).status_code == 404
    assert client.post(page, MESSAGE).status_code == 404


def test_the_relay_refuses_an_unlisted_collective(other_user, unlisted, mailoutbox):
    with pytest.raises(PermissionDenied):
        actions.send_message(other_user, unlisted, MESSAGE)
    assert mailoutbox == []


def test_its_own_editor_still_reaches_the_contact_page(client, editor_user, unlisted):
    client.force_login(editor_user)
    assert client.get(f"/collectieven/{unlisted.slug}/bericht/").status_code == 200
