"""A message to a collective lands in its inbox on Opmars, marked unread, and each editor gets a
mail of their own, sent after the commit, with a link to answer on Opmars."""

from django.core import mail

from opmars.knowledge import actions
from opmars.knowledge.models import Message
from tests.knowledge.conftest import TEXT, send


def test_the_message_is_in_the_inbox_and_each_editor_gets_a_mail(
    client, peer, other_user, editor_user, django_user_model, django_capture_on_commit_callbacks
):
    co_editor = django_user_model.objects.create_user(email="co@example.org", password="x")
    peer.editors.add(co_editor)
    client.force_login(other_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/collectieven/{peer.slug}/bericht/", {"body": TEXT})
    message = Message.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/berichten/{message.pk}/"
    assert message.recipient == peer and message.delivery == "redactie"
    assert message.unread_by_recipient
    assert sorted(m.to for m in mail.outbox) == [["anouk@example.org"], ["co@example.org"]]
    assert all(TEXT in m.body and f"/berichten/{message.pk}/" in m.body for m in mail.outbox)

    client.force_login(editor_user)
    inbox = client.get("/berichten/").content.decode()
    assert "Van iemand via Opmars aan Energie Oost" in inbox and "Nieuw" in inbox
    page = client.get(f"/berichten/{message.pk}/").content.decode()
    assert "Groet, Daan" in page
    message.refresh_from_db()
    assert not message.unread_by_recipient  # opened by an editor: read for the collective
    assert "gelezen" in client.get("/berichten/").content.decode()


def test_the_sender_shows_the_name_or_collective_they_choose(
    client, peer, other_user, make_collective
):
    own = make_collective(name="Buurtkracht Noord")
    own.editors.add(other_user)
    client.force_login(other_user)
    form = client.get(f"/collectieven/{peer.slug}/bericht/").content.decode()
    assert "Namens Buurtkracht Noord" in form and "Alleen met mijn naam" in form
    url = f"/collectieven/{peer.slug}/bericht/"
    client.post(url, {"body": TEXT, "sign_as": own.slug})
    client.post(url, {"body": TEXT, "sign_as": "naam", "name": "Daan de Vries"})
    labels = list(Message.objects.order_by("pk").values_list("sender_label", "sender_collective"))
    assert labels == [("Buurtkracht Noord", own.pk), ("Daan de Vries", None)]


def test_a_sender_cannot_speak_for_a_collective_they_do_not_edit(
    client, peer, other_user, make_collective
):
    not_theirs = make_collective(name="Andermans Coöperatie")
    client.force_login(other_user)
    response = client.post(
        f"/collectieven/{peer.slug}/bericht/", {"body": TEXT, "sign_as": not_theirs.slug}
    )
    assert response.status_code == 200 and not Message.objects.exists()
    assert "Groet, Daan" in response.content.decode()


def test_the_inbox_is_linked_from_the_account_page(client, editor_user):
    client.force_login(editor_user)
    assert 'href="/berichten/"' in client.get("/account/").content.decode()


def test_the_inbox_shows_the_latest_activity_first(client, make_collective, other_user):
    first = send(other_user, make_collective(name="Eerste Coöperatie"))
    send(other_user, make_collective(name="Tweede Coöperatie"))
    actions.reply(other_user, first, {"body": "Nog een vraag erbij."})
    client.force_login(other_user)
    html = client.get("/berichten/").content.decode()
    assert html.index("Aan Eerste Coöperatie") < html.index("Aan Tweede Coöperatie")


def test_staff_hear_of_a_message_for_a_collective_without_editors(
    make_collective, other_user, staff_user, django_capture_on_commit_callbacks
):
    """Nobody reads the inbox of a collective without editors: staff forward its messages,
    and a mail tells them one waits (with the queue's link, not the text)."""
    keeperless = make_collective(actor=staff_user, name="Dorpsraad Zonder Redactie")
    with django_capture_on_commit_callbacks(execute=True):
        message = send(other_user, keeperless)
    assert message.delivery == "medewerkers"
    [notice] = [m for m in mail.outbox if m.to == [staff_user.email]]
    assert "Dorpsraad Zonder Redactie" in notice.body and "/berichten/doorsturen/" in notice.body
    assert TEXT not in notice.body
