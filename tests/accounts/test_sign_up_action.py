"""Signing up is an action: it validates the form, creates the account and records the event."""

import pytest

from opmars.accounts import actions
from opmars.accounts.audit import AuditAction
from opmars.accounts.models import AuditEvent, User

pytestmark = pytest.mark.django_db
DATA = {"email": "nieuw@example.org", "password1": "een-lang-wachtwoord-9", "password2": ""}


def test_sign_up_creates_the_account_and_records_it(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        user = actions.sign_up({**DATA, "password2": DATA["password1"]})
    event = AuditEvent.objects.get(action=AuditAction.ACCOUNT_SIGNUP)
    assert event.target_id == str(user.pk) and not user.email_confirmed


def test_a_refused_sign_up_writes_nothing():
    with pytest.raises(actions.ActionError) as refusal:
        actions.sign_up({**DATA, "password2": "iets-anders-9"})
    assert refusal.value.errors and refusal.value.form is not None
    assert not User.objects.exists() and not AuditEvent.objects.exists()
