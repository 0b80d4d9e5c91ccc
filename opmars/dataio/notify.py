"""Telling collectives that they were imported: one e-mail per new record with a contact
address, sent once the import's transaction has committed (never for an import undone)."""

from django.core.mail import EmailMessage, get_connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from opmars.common.mail import after_commit
from opmars.registry.models import Collective
from opmars.siteurl import absolute

SUBJECT = gettext_noop("Jullie staan nu in Opmars")


def notify_imported(ids, source):
    """After commit: an e-mail to the contact address of each of these new collectives."""
    if ids:
        after_commit(send_import_notices, ids, source)


def send_import_notices(ids, source):
    sent = 0
    connection = get_connection()
    for start in range(0, len(ids), 1000):
        chunk = Collective.objects.filter(pk__in=ids[start : start + 1000]).exclude(
            contact_email=""
        )
        messages = [_message(c, source) for c in chunk.only("name", "slug", "contact_email")]
        sent += connection.send_messages(messages) or 0
    return sent


def _message(collective, source):
    page = absolute(collective.get_absolute_url())
    body = _(
        "Beste %(name)s,\n\n"
        "Jullie collectief staat nu in Opmars, het register van burgercollectieven in "
        "Nederland. De gegevens komen uit een lijst (%(source)s).\n\n"
        "Wat kun je doen?\n"
        "- Kijk of de gegevens kloppen: %(page)s\n"
        "- Neem het beheer van jullie pagina over (claimen), dan kun je zelf alles bijwerken.\n"
        "- Of vraag ons om jullie niet openbaar te tonen.\n"
        "Dat kan allemaal via de pagina hierboven.\n\n"
        "Je krijgt dit bericht omdat dit adres als contactadres in die lijst stond.\n\n"
        "Met vriendelijke groet,\nOpmars"
    ) % {"name": collective.name, "source": source, "page": page}
    return EmailMessage(_(SUBJECT), body, to=[collective.contact_email])
