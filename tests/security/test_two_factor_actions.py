"""Switching two-factor login on and off are actions: they check, write and are audited."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from opmars.accounts.audit import AuditAction
from opmars.accounts.models import AuditEvent
from opmars.common.errors import ActionError
from opmars.security import actions

pytestmark = pytest.mark.django_db


def events(action):
    return AuditEvent.objects.filter(action=action).count()


def test_switching_on_confirms_the_users_own_device_and_is_audited(editor_user, other_user):
    device = TOTPDevice.objects.create(user=editor_user, name="Opmars", confirmed=False)
    with pytest.raises(ActionError) as refusal:
        actions.switch_on_two_factor(other_user, device)
    assert refusal.value.errors[0]["code"] == "ander_apparaat"
    actions.switch_on_two_factor(editor_user, device)
    device.refresh_from_db()
    assert device.confirmed
    assert events(AuditAction.ACCOUNT_TWO_FACTOR_ON) == 1


def test_switching_off_removes_the_devices_and_is_audited(editor_user):
    TOTPDevice.objects.create(user=editor_user, name="Opmars", confirmed=True)
    actions.switch_off_two_factor(editor_user)
    assert not TOTPDevice.objects.filter(user=editor_user).exists()
    assert events(AuditAction.ACCOUNT_TWO_FACTOR_OFF) == 1
    with pytest.raises(ActionError) as refusal:
        actions.switch_off_two_factor(editor_user)
    assert refusal.value.errors[0]["code"] == "staat_uit"


def test_staff_cannot_switch_it_off_where_it_is_required(staff_user, settings):
    settings.OPMARS_STAFF_TWO_FACTOR = True
    TOTPDevice.objects.create(user=staff_user, name="Opmars", confirmed=True)
    with pytest.raises(ActionError) as refusal:
        actions.switch_off_two_factor(staff_user)
    assert refusal.value.errors[0]["code"] == "verplicht"
    assert TOTPDevice.objects.filter(user=staff_user).exists()
    assert events(AuditAction.ACCOUNT_TWO_FACTOR_OFF) == 0
