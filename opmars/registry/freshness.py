"""Keeping facts fresh: once a year the editors of a collective are asked by e-mail to confirm
or update its facts; one click on the signed link in that e-mail confirms them."""

from datetime import timedelta

from django.core import signing
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from opmars.accounts.audit import AuditAction, record
from opmars.accounts.models import AuditEvent
from opmars.registry.models import Collective
from opmars.siteurl import absolute

REMIND_AFTER = timedelta(days=365)
LINK_VALID_FOR = timedelta(days=60)
SALT = "opmars.confirm-facts"
SUBJECT = gettext_noop("Kloppen de gegevens van %(name)s nog?")


def due_for_reminder(today=None):
    """Collectives with an editor whose facts were not confirmed for a year and that were not
    reminded in the last year either."""
    year_ago = (today or timezone.localdate()) - REMIND_AFTER
    reminded = AuditEvent.objects.filter(
        action=AuditAction.COLLECTIVE_REMINDER,
        target_type="registry.collective",
        created_at__date__gt=year_ago,
    ).values("target_id")
    unconfirmed = Q(last_verified__lt=year_ago) | Q(
        last_verified=None, created_at__date__lt=year_ago
    )
    return (
        Collective.objects.filter(unconfirmed, editors__isnull=False)
        .exclude(slug__in=reminded)
        .distinct()
    )


def confirm_url(collective):
    token = signing.TimestampSigner(salt=SALT).sign(collective.slug)
    return absolute(reverse("confirm_facts", args=[token]))


def collective_for_token(token):
    """The collective a confirm link is for, or None when the link is wrong or too old."""
    try:
        slug = signing.TimestampSigner(salt=SALT).unsign(token, max_age=LINK_VALID_FOR)
    except signing.BadSignature:
        return None
    return Collective.objects.filter(slug=slug).first()


def send_reminders(today=None):
    """E-mail the editors of every collective that is due; returns how many were reminded."""
    connection, count = get_connection(), 0
    for collective in due_for_reminder(today).prefetch_related("editors").iterator(chunk_size=500):
        addresses = [u.email for u in collective.editors.all() if u.email]
        if not addresses:
            continue
        with transaction.atomic():
            connection.send_messages([_reminder(collective, addresses)])
            record(None, AuditAction.COLLECTIVE_REMINDER, collective, {"to": len(addresses)})
        count += 1
    return count


def _reminder(collective, addresses):
    page = absolute(collective.get_absolute_url())
    body = _(
        "Hallo,\n\n"
        "Je bent redacteur van %(name)s in Opmars. Kloppen de gegevens nog?\n\n"
        "Klopt alles? Bevestig het met één klik:\n%(confirm)s\n\n"
        "Is er iets veranderd? Werk de gegevens bij op %(page)s\n\n"
        "Zonder bevestiging staat er na 18 maanden 'mogelijk verouderd' bij jullie gegevens.\n\n"
        "Met vriendelijke groet,\nOpmars"
    ) % {"name": collective.name, "confirm": confirm_url(collective), "page": page}
    return EmailMessage(_(SUBJECT) % {"name": collective.name}, body, to=addresses)


@transaction.atomic
def confirm_facts(collective):
    """The editor confirmed by the signed link: the facts count as checked today (audited)."""
    before = collective.last_verified
    collective.last_verified = timezone.localdate()
    collective.save(update_fields=["last_verified", "updated_at"])
    record(
        None,
        AuditAction.COLLECTIVE_CONFIRM,
        collective,
        {"last_verified": [str(before) if before else None, str(collective.last_verified)]},
    )
    return collective


def without_editor():
    """Collectives no one maintains: staff find them here to look for an editor."""
    return Collective.objects.filter(editors__isnull=True).select_related("municipality")
