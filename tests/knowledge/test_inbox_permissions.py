"""A collective's inbox is for its editors: other users, other collectives' editors and staff
do not see its conversations (a 404, so nobody learns they exist). Staff see only messages to
collectives without editors, which they forward."""

from opmars.knowledge.models import Message
from tests.knowledge.conftest import send


def test_only_the_two_sides_open_a_conversation(
    client, peer, other_user, editor_user, staff_user, django_user_model
):
    message = send(other_user, peer)
    url = f"/berichten/{message.pk}/"
    stranger = django_user_model.objects.create_user(email="vreemd@example.org", password="x")
    for user, status in [(other_user, 200), (editor_user, 200), (stranger, 404), (staff_user, 404)]:
        client.force_login(user)
        assert client.get(url).status_code == status, user
        assert client.post(url, {"body": "Mag ik meelezen?"}).status_code in (status, 302)
    assert not message.replies.filter(author__in=[stranger, staff_user]).exists()


def test_the_inbox_lists_only_ones_own_collectives(
    client, peer, other_user, make_collective, django_user_model
):
    send(other_user, peer)
    elsewhere = django_user_model.objects.create_user(email="ander@example.org", password="x")
    make_collective(actor=elsewhere, name="Andere Coöperatie")
    client.force_login(elsewhere)
    html = client.get("/berichten/").content.decode()
    assert "Energie Oost" not in html and "Groet, Daan" not in html


def test_the_inbox_needs_a_login(client, db):
    assert client.get("/berichten/").status_code == 302


def test_staff_forward_messages_to_collectives_without_editors(
    client, peer, other_user, staff_user, editor_user
):
    peer.editors.clear()
    message = send(other_user, peer)
    assert message.delivery == "medewerkers"
    client.force_login(staff_user)
    queue = client.get("/berichten/doorsturen/").content.decode()
    assert "Energie Oost" in queue and "Groet, Daan" in queue
    assert client.get(f"/berichten/{message.pk}/").status_code == 200
    client.post("/berichten/doorsturen/", {"message": message.pk})
    message.refresh_from_db()
    assert message.forwarded_at
    assert "Groet, Daan" not in client.get("/berichten/doorsturen/").content.decode()
    client.force_login(other_user)
    assert client.get("/berichten/doorsturen/").status_code == 403
    # An editor who comes later finds the message in the collective's inbox.
    peer.editors.add(editor_user)
    client.force_login(editor_user)
    assert "Groet, Daan" in client.get("/berichten/").content.decode()
    assert Message.objects.count() == 1
