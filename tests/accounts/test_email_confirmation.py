"""A self-made account confirms its e-mail address before it can add collectives, claim one or
make API tokens: the link in the welcome mail confirms it (on any device, for three days), a
new link can be asked for, and an editor invitation opened from the mailbox confirms it too.
Accounts made by staff, the command line or the demo are confirmed already."""

import re
import time
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied

from opmars.accounts import actions
from opmars.accounts.models import AuditEvent, User
from opmars.accounts.tokens import create_token

PASSWORD = "een-goed-wachtwoord-9"


@pytest.fixture
def signed_up(client, db, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the mail goes after the commit
        response = client.post(
            "/account/registreren/",
            {"email": "nieuw@example.org", "password1": PASSWORD, "password2": PASSWORD},
            follow=True,
        )
    assert "open de link die we naar nieuw@example.org stuurden" in response.content.decode()
    return User.objects.get(email="nieuw@example.org")


def confirmation_path(mailoutbox):
    (message,) = [m for m in mailoutbox if "Bevestig je e-mailadres" in m.subject]
    return re.search(r"http://\S+(/account/bevestigen/\S+/)", message.body).group(1)


def test_a_new_account_is_unconfirmed_and_is_mailed_a_link(signed_up, mailoutbox):
    assert signed_up.email_confirmed is False
    assert mailoutbox[0].to == ["nieuw@example.org"]
    assert AuditEvent.objects.filter(action="account.signup").exists()


@pytest.mark.parametrize(
    "path", ["/collectieven/nieuw/", "/account/tokens/", "/collectieven/{slug}/claimen/"]
)
def test_until_then_adding_claiming_and_tokens_wait(client, signed_up, make_collective, path):
    orphan = make_collective()
    orphan.editors.clear()
    page = client.get(path.format(slug=orphan.slug))
    assert page.status_code == 403
    assert "Bevestig eerst je e-mailadres" in page.content.decode()
    assert "Stuur de link opnieuw" in page.content.decode()


def test_the_actions_refuse_too(signed_up):
    with pytest.raises(PermissionDenied):
        create_token(signed_up, "website", "read")
    from opmars.registry import actions as registry_actions
    from tests.conftest import collective_data

    with pytest.raises(PermissionDenied, match="Bevestig eerst"):
        registry_actions.create_collective(signed_up, collective_data())


def test_the_link_confirms_even_when_opened_signed_out(client, signed_up, mailoutbox):
    client.logout()
    response = client.get(confirmation_path(mailoutbox))
    assert response.status_code == 302 and response["Location"].startswith("/account/inloggen/")
    signed_up.refresh_from_db()
    assert signed_up.email_confirmed
    assert AuditEvent.objects.get(action="account.email_confirm").changes == {"via": "link"}
    client.force_login(signed_up)
    assert client.get("/collectieven/nieuw/").status_code == 200


def test_a_link_older_than_three_days_is_refused_in_dutch(client, signed_up, mailoutbox):
    later = time.time() + 4 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=later):
        page = client.get(confirmation_path(mailoutbox)).content.decode()
    assert "Deze link is verlopen" in page
    signed_up.refresh_from_db()
    assert not signed_up.email_confirmed


def test_a_changed_link_is_refused(client, signed_up, mailoutbox):
    path = confirmation_path(mailoutbox)
    page = client.get(path.replace(":", ":x", 1)).content.decode()
    assert "Deze link klopt niet" in page
    signed_up.refresh_from_db()
    assert not signed_up.email_confirmed


def test_a_new_link_can_be_asked_for_a_few_times(client, signed_up, mailoutbox):
    for _ in range(3):
        assert client.post("/account/bevestiging-opnieuw/").status_code == 302
    assert len(mailoutbox) == 4
    assert client.post("/account/bevestiging-opnieuw/").status_code == 429
    assert len(mailoutbox) == 4


def test_accepting_an_invitation_from_the_mailbox_confirms_the_address(
    signed_up, make_collective, editor_user
):
    collective = make_collective()
    _invitation, token = actions.invite_editor(
        editor_user, collective, {"email": "nieuw@example.org"}
    )
    actions.accept_invitation(signed_up, token)
    signed_up.refresh_from_db()
    assert signed_up.email_confirmed


def test_accounts_made_otherwise_are_confirmed(db):
    assert User.objects.create_user(email="staf-gemaakt@example.org").email_confirmed
