"""No page the other side sees shows anyone's e-mail address: not the form, the inbox, the
conversation, the staff queue; the mails carry none but the receiver's own."""

from django.core import mail

from opmars.knowledge import actions
from tests.knowledge.conftest import send

EDITOR = "anouk@example.org"
SENDER = "iemand@example.org"


def test_no_address_on_either_side(
    client, make_collective, other_user, editor_user, django_capture_on_commit_callbacks
):
    contact = "bestuur@energie-oost.example"
    peer = make_collective(name="Energie Oost", contact_email=contact)
    client.force_login(other_user)
    form = client.get(f"/collectieven/{peer.slug}/bericht/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        message = send(other_user, peer)
        actions.reply(editor_user, message, {"body": "Graag gedaan, bel ons gerust."})
    for html in [form, *(client.get(url).content.decode() for url in _pages(message))]:
        assert EDITOR not in html and contact not in html
    client.force_login(editor_user)
    for url in _pages(message):
        assert SENDER not in client.get(url).content.decode()
    everyone = {EDITOR, SENDER, contact}
    for sent in mail.outbox:
        for other in everyone - set(sent.to):
            assert other not in sent.body and other not in sent.from_email


def _pages(message):
    return ["/berichten/", f"/berichten/{message.pk}/", f"/berichten/{message.pk}/melden/"]
