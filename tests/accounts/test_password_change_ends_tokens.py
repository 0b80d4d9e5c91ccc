"""A new password ends the account's API tokens, by change or by reset: whoever knew the old
password may have made one. Each revocation is audited; other accounts' tokens keep working."""

import re

from django.core import mail
from django.urls import reverse

from opmars.accounts.models import AuditEvent
from opmars.accounts.tokens import create_token
from tests.conftest import writes_with

NEW_PASSWORD = "een-heel-nieuw-wachtwoord-7"


def active(user):
    return user.api_tokens.filter(revoked_at__isnull=True).count()


def test_changing_the_password_revokes_every_token(client, editor_user, other_user):
    create_token(editor_user, "ledenadministratie", "write")
    create_token(editor_user, "website", "read")
    create_token(other_user, "van een ander", "read")
    client.force_login(editor_user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "geheim-wachtwoord-1",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
        follow=True,
    )
    assert "API-sleutels van je account zijn ingetrokken" in response.content.decode()
    assert active(editor_user) == 0 and active(other_user) == 1
    revocations = AuditEvent.objects.filter(action="api_token.revoke")
    assert revocations.count() == 2
    assert {e.changes["via"] for e in revocations} == {"wachtwoord gewijzigd"}


def test_a_wrong_old_password_revokes_nothing(client, editor_user):
    create_token(editor_user, "ledenadministratie", "write")
    client.force_login(editor_user)
    client.post(
        reverse("password_change"),
        {"old_password": "fout", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert active(editor_user) == 1


def test_a_password_reset_revokes_the_tokens_too(client, editor_user):
    _token, secret = create_token(editor_user, "ledenadministratie", "write")
    client.post(reverse("password_reset"), {"email": editor_user.email})
    link = re.search(r"http://testserver(/account/wachtwoord-instellen/\S+/)", mail.outbox[0].body)
    form = client.get(link.group(1), follow=True).redirect_chain[-1][0]
    client.post(form, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert active(editor_user) == 0
    refused = writes_with(client, secret)
    assert refused.status_code == 401
