"""An editor invitation makes only the invited address an editor: a forwarded or leaked link
does nothing for another account, which is told which address the invitation is for."""

import re

import pytest

from opmars.accounts import actions
from opmars.accounts.models import AuditEvent
from tests.accounts.conftest import user


@pytest.fixture
def path(world, client_as, mailoutbox, django_capture_on_commit_callbacks):
    """The path of the link in an invitation to Nieuw@Example.org."""
    with django_capture_on_commit_callbacks(execute=True):  # the mail leaves after the commit
        client_as(world.editor_a).post(
            f"/collectieven/{world.a.slug}/redactie/",
            {"action": "invite", "email": "Nieuw@Example.org"},
        )
    link = re.search(r"http://\S+/account/uitnodiging/\S+/", mailoutbox[-1].body).group(0)
    return link.split("127.0.0.1:8000", 1)[1]


def test_another_account_cannot_accept_and_is_told_why(world, client_as, path):
    client = client_as(world.other)
    page = client.get(path).content.decode()
    assert "n…@example.org" in page and "Log in met dat adres" in page
    assert "nieuw@example.org" not in page.lower(), "a leaked link does not tell the address"
    assert 'name="next"' in page  # log out and back in, landing here again
    client.post(path)
    assert not world.a.editors.filter(pk=world.other.pk).exists()
    assert not AuditEvent.objects.filter(action="editor.add").exists()


def test_the_action_refuses_another_account(world, path):
    token = path.rstrip("/").rsplit("/", 1)[1]
    with pytest.raises(actions.ActionError) as refused:
        actions.accept_invitation(world.other, token)
    assert refused.value.errors[0]["code"] == "ander_adres"


def test_the_invited_address_accepts_whatever_its_case(world, client_as, path):
    invited = user("nieuw@example.org")
    client = client_as(invited)
    assert client.post(path).status_code == 302
    assert world.a.editors.filter(pk=invited.pk).exists()
