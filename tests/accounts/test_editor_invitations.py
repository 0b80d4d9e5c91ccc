"""An editor invites a co-editor by email; the link, opened after login or sign-up, makes them
editor once. Editors remove co-editors, but never the last one. Every step is audited."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from opmars.accounts.models import AuditEvent, EditorInvitation
from tests.accounts.conftest import PASSWORD


@pytest.fixture
def invite(world, django_capture_on_commit_callbacks):
    """Post an invitation; its mail leaves when the write commits."""

    def post(client, email="nieuw@example.org"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                f"/collectieven/{world.a.slug}/redactie/", {"action": "invite", "email": email}
            )

    return post


def _link(message):
    return re.search(r"http://\S+/account/uitnodiging/\S+/", message.body).group(0)


def test_invitation_mail_carries_a_one_time_link(world, client_as, invite):
    response = invite(client_as(world.editor_a))
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["nieuw@example.org"] and world.a.name in message.subject
    token = _link(message).rstrip("/").rsplit("/", 1)[1]
    # Only the hash is stored, like a password.
    assert not EditorInvitation.objects.filter(token_hash=token).exists()
    event = AuditEvent.objects.get(action="editor.invite")
    assert "nieuw@example.org" not in str(event.changes)


def test_the_invitee_signs_up_and_accepts(world, client_as, invite):
    invite(client_as(world.editor_a))
    path = _link(mail.outbox[0]).split("127.0.0.1:8000", 1)[1]
    client = client_as(None)
    page = client.get(path).content.decode()
    assert world.a.name in page and f"/account/registreren/?next={path}" in page.replace("%2F", "/")
    client.post(
        "/account/registreren/",
        {"email": "nieuw@example.org", "password1": PASSWORD, "password2": PASSWORD, "next": path},
    )
    assert client.post(path).status_code == 302
    assert world.a.editors.filter(email="nieuw@example.org").exists()
    assert AuditEvent.objects.filter(action="editor.add", collective_pk=world.a.pk).exists()
    # The link works once.
    assert "al aangenomen" in client.get(path).content.decode()


def test_an_expired_invitation_no_longer_works(world, client_as, invite):
    invite(client_as(world.editor_a))
    path = _link(mail.outbox[0]).split("127.0.0.1:8000", 1)[1]
    EditorInvitation.objects.update(
        created_at=EditorInvitation.objects.get().created_at - timedelta(days=15)
    )
    client = client_as(world.other)
    assert "verlopen" in client.get(path).content.decode()
    client.post(path)
    assert not world.a.editors.filter(pk=world.other.pk).exists()


def test_a_wrong_address_gets_a_dutch_error(world, client_as, invite):
    response = invite(client_as(world.editor_a), email="geen-adres")
    assert "Vul een geldig e-mailadres in" in response.content.decode()
    assert not mail.outbox


@pytest.mark.parametrize("who", ["anonymous", "other", "editor_b", "admin_n"])
def test_only_editors_invite(world, client_as, invite, who):
    response = invite(client_as(getattr(world, who)))
    assert response.status_code in (302, 403)
    assert not mail.outbox and not EditorInvitation.objects.exists()


def test_an_editor_removes_a_co_editor_but_not_the_last_one(world, client_as):
    world.a.editors.add(world.other)
    client = client_as(world.editor_a)
    url = f"/collectieven/{world.a.slug}/redactie/"
    client.post(url, {"action": "remove", "editor": world.other.pk})
    assert list(world.a.editors.all()) == [world.editor_a]
    event = AuditEvent.objects.get(action="editor.remove")
    assert event.changes["editor"].startswith("u-")
    response = client.post(url, {"action": "remove", "editor": world.editor_a.pk}, follow=True)
    assert "laatste redacteur" in response.content.decode()
    assert list(world.a.editors.all()) == [world.editor_a]


def test_at_most_ten_invitations_a_day_per_collective(world, client_as, invite):
    editor = client_as(world.editor_a)
    for n in range(10):
        assert invite(editor, f"persoon{n}@example.org").status_code == 302
    invite(editor, "nummer11@example.org")
    page = editor.get(f"/collectieven/{world.a.slug}/redactie/").content.decode()
    assert "al 10 uitnodigingen verstuurd" in page
    assert EditorInvitation.objects.count() == 10 and len(mail.outbox) == 10
    EditorInvitation.objects.update(created_at=timezone.now() - timedelta(days=2))
    assert invite(editor, "nummer11@example.org").status_code == 302
