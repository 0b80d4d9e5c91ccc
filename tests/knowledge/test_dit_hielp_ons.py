"""'Dit hielp ons': the asker marks a conversation once; not the receiving side, not for a
collective of one's own. It is stored as data (who helped whom, when, which question), audited,
and counts on the helper's page."""

import pytest

from opmars.accounts.models import AuditEvent
from opmars.knowledge import actions
from opmars.knowledge.models import HelpedMark
from tests.knowledge.conftest import send

QUESTION = {
    "kind": "vraag",
    "resource": "kennis",
    "title": "Hoe doen jullie de ALV online?",
    "body": "Wij zoeken een manier voor digitaal stemmen.",
}


@pytest.fixture
def asker(make_collective, other_user):
    collective = make_collective(name="Jonge Energie")
    collective.editors.add(other_user)
    return collective


def test_the_asker_marks_once_and_it_is_stored_as_data(client, peer, asker, other_user):
    question = actions.post_question(other_user, asker, QUESTION)
    message = actions.send_message(
        other_user, peer, {"body": "Hoe stemmen jullie online?", "sign_as": asker.slug}, question
    )
    client.force_login(other_user)
    page = client.get(f"/berichten/{message.pk}/").content.decode()
    assert "Dit hielp ons" in page
    client.post(f"/berichten/{message.pk}/hielp/")
    mark = HelpedMark.objects.get()
    assert (mark.helper, mark.helped, mark.question, mark.marked_by) == (
        peer,
        asker,
        question,
        other_user,
    )
    assert mark.created_at
    assert AuditEvent.objects.filter(action="message.helped").count() == 1

    again = client.post(f"/berichten/{message.pk}/hielp/", follow=True).content.decode()
    assert "Je hebt al gezegd dat dit gesprek je hielp." in again
    assert HelpedMark.objects.count() == 1
    sharing = client.get(f"/collectieven/{peer.slug}/kennisdeling/").content.decode()
    assert "1 keer zei de vrager dat het hielp." in sharing


def test_the_receiving_side_cannot_mark(client, peer, other_user, editor_user):
    message = send(other_user, peer)
    client.force_login(editor_user)
    assert "Dit hielp ons" not in client.get(f"/berichten/{message.pk}/").content.decode()
    assert client.post(f"/berichten/{message.pk}/hielp/").status_code == 403
    assert not HelpedMark.objects.exists()


def test_no_mark_for_ones_own_collective(peer, other_user):
    message = send(other_user, peer)
    peer.editors.add(other_user)  # the sender became an editor of the collective they asked
    with pytest.raises(actions.ActionError) as error:
        actions.mark_helped(other_user, message)
    assert error.value.errors[0]["code"] == "eigen_collectief"
    assert not HelpedMark.objects.exists()
