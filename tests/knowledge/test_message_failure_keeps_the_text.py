"""Whatever stops a message, the sender sees why in Dutch and the typed text comes back; a mail
server that fails loses nothing, as the message is already in the inbox."""

import smtplib

import pytest
from django.core.mail.backends.base import BaseEmailBackend

from opmars.knowledge import actions
from opmars.knowledge.models import Message
from tests.knowledge.conftest import TEXT, send


class BrokenMailServer(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("weg")


def test_too_short_a_message_comes_back_with_the_text(client, peer, other_user):
    client.force_login(other_user)
    response = client.post(f"/collectieven/{peer.slug}/bericht/", {"body": "Hoi Daan"})
    html = response.content.decode()
    assert response.status_code == 200 and "Hoi Daan" in html
    assert "Schrijf minstens 10 tekens." in html
    assert not Message.objects.exists()


def test_an_email_address_as_name_is_refused(client, peer, other_user):
    client.force_login(other_user)
    data = {"body": TEXT, "sign_as": "naam", "name": "daan@example.org"}
    html = client.post(f"/collectieven/{peer.slug}/bericht/", data).content.decode()
    assert "Vul een naam in, geen e-mailadres" in html and "Groet, Daan" in html
    assert not Message.objects.exists()


def test_writing_to_ones_own_collective_says_so(client, peer, editor_user):
    client.force_login(editor_user)
    html = client.post(f"/collectieven/{peer.slug}/bericht/", {"body": TEXT}).content.decode()
    assert "Je bent zelf redacteur van Energie Oost" in html and "Groet, Daan" in html


@pytest.mark.django_db(transaction=True)
def test_a_failing_mail_server_keeps_the_message_and_says_so(
    reference_data_after_flush, client, settings, make_collective, other_user
):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMailServer"
    target = make_collective(name="Energie Oost")
    client.force_login(other_user)
    response = client.post(f"/collectieven/{target.slug}/bericht/", {"body": TEXT}, follow=True)
    html = response.content.decode()
    message = Message.objects.get()
    assert message.mail_failed
    assert "de e-mail aan de redacteuren kon niet worden verstuurd" in html
    assert "Groet, Daan" in html  # the conversation page shows the text back


def test_mail_failure_is_noted_by_the_action(
    settings, peer, other_user, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMailServer"
    with django_capture_on_commit_callbacks(execute=True):
        message = send(other_user, peer)
    message.refresh_from_db()
    assert message.mail_failed and message.body == TEXT


def test_a_rolled_back_send_sends_no_mail(peer, other_user, django_capture_on_commit_callbacks):
    with pytest.raises(actions.ActionError), django_capture_on_commit_callbacks() as callbacks:
        send(other_user, peer, text="kort")
    assert callbacks == []
