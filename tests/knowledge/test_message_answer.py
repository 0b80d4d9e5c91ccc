"""The collective answers from its inbox under its own name; the sender gets a mail and sees the
answer marked new, and can answer back the same way. Nobody's address travels."""

from django.core import mail

from opmars.accounts.models import AuditEvent
from opmars.knowledge.models import Reply
from tests.knowledge.conftest import send


def test_the_collective_answers_and_the_sender_reads_it(
    client, peer, other_user, editor_user, django_capture_on_commit_callbacks
):
    message = send(other_user, peer, sign_as="naam", name="Daan")
    client.force_login(editor_user)
    url = f"/berichten/{message.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"body": "Wij gebruiken een gedeelde ledenlijst."})
    assert response.status_code == 302
    answer = Reply.objects.get()
    assert answer.from_recipient and answer.author == editor_user
    assert [m.to for m in mail.outbox] == [[other_user.email]]
    assert "Energie Oost schreef via Opmars" in mail.outbox[0].body
    assert editor_user.email not in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="message.reply").exists()

    client.force_login(other_user)
    assert "Nieuw antwoord" in client.get("/berichten/").content.decode()
    page = client.get(url).content.decode()
    assert "Wij gebruiken een gedeelde ledenlijst." in page
    assert "Nieuw antwoord" not in client.get("/berichten/").content.decode()


def test_the_sender_answers_back_and_the_editors_get_it(
    client, peer, other_user, editor_user, django_capture_on_commit_callbacks
):
    message = send(other_user, peer, sign_as="naam", name="Daan")
    message.unread_by_recipient = False
    message.save()
    client.force_login(other_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/berichten/{message.pk}/", {"body": "Dank je, en hoe stemmen jullie?"})
    message.refresh_from_db()
    assert message.unread_by_recipient and not message.unread_by_sender
    assert [m.to for m in mail.outbox] == [[editor_user.email]]
    assert "Daan schreef via Opmars" in mail.outbox[0].body


def test_an_empty_answer_keeps_the_page_and_says_why(client, peer, other_user, editor_user):
    message = send(other_user, peer)
    client.force_login(editor_user)
    response = client.post(f"/berichten/{message.pk}/", {"body": ""})
    assert response.status_code == 200 and "Vul dit veld in." in response.content.decode()
    assert not Reply.objects.exists()
