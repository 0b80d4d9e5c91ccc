"""Switching two-factor login on and off: each checks, writes in one transaction and is
audited. The code from the app is checked before (CodeForm): a wrong code must count towards
the device's throttle, which a rolled-back transaction would forget."""

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from opmars.accounts.audit import AuditAction, record
from opmars.common.errors import ActionError


def staff_must_use(user):
    return user.is_staff and settings.OPMARS_STAFF_TWO_FACTOR


@transaction.atomic
def switch_on_two_factor(user, device):
    """Confirm the device the user set up and gave a right code of."""
    if device.user_id != user.pk or device.confirmed:
        raise ActionError.on(
            "code",
            "ander_apparaat",
            _("Deze app hoort niet bij een koppeling die je nu instelt; open de pagina opnieuw."),
        )
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    record(user, AuditAction.ACCOUNT_TWO_FACTOR_ON, user)
    return device


@transaction.atomic
def switch_off_two_factor(user):
    """Remove every device of the user; staff keep theirs where two-factor is required."""
    if staff_must_use(user):
        raise ActionError.on(
            "code",
            "verplicht",
            _(
                "Medewerkers van Opmars loggen altijd in met tweestapsverificatie; zij kunnen die "
                "niet uitzetten."
            ),
        )
    removed, _kinds = TOTPDevice.objects.filter(user=user).delete()
    if not removed:
        raise ActionError.on("code", "staat_uit", _("Tweestapsverificatie staat al uit."))
    record(user, AuditAction.ACCOUNT_TWO_FACTOR_OFF, user)
