"""Mail leaves after the write it tells about is committed: a write rolled back sends nothing."""

import pytest
from django.core import mail
from django.db import transaction

from opmars.accounts import actions
from opmars.knowledge import actions as knowledge
from tests.accounts.test_claims import CLAIM


class RolledBack(Exception):
    pass


def rolled_back(django_capture_on_commit_callbacks, write):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RolledBack), transaction.atomic():
            write()
            raise RolledBack
    return callbacks


def test_a_rolled_back_invitation_sends_no_mail(world, django_capture_on_commit_callbacks):
    def write():
        actions.invite_editor(world.editor_a, world.a, {"email": "nieuw@example.org"})

    assert rolled_back(django_capture_on_commit_callbacks, write) == []
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        actions.invite_editor(world.editor_a, world.a, {"email": "nieuw@example.org"})
    assert [m.to for m in mail.outbox] == [["nieuw@example.org"]]


def test_a_rolled_back_claim_sends_no_mail(world, django_capture_on_commit_callbacks):
    type(world.b).objects.filter(pk=world.b.pk).update(contact_email="bestuur@b.example")
    world.b.refresh_from_db()
    world.b.editors.clear()

    def write():
        actions.start_claim(world.other, world.b, CLAIM)

    assert rolled_back(django_capture_on_commit_callbacks, write) == []
    assert mail.outbox == []


def test_a_rolled_back_message_sends_no_mail(world, django_capture_on_commit_callbacks):
    type(world.b).objects.filter(pk=world.b.pk).update(contact_email="bestuur@b.example")
    world.b.refresh_from_db()

    def write():
        knowledge.send_message(world.other, world.b, {"body": "Hoe doen jullie de ALV?"})

    assert rolled_back(django_capture_on_commit_callbacks, write) == []
    assert mail.outbox == []
