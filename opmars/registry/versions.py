"""Optimistic concurrency: an edit page posts the version of the record it was loaded from
(a hidden `version` input, not a form field, so imports and the API schema do not see it),
and the save refuses (inside its transaction, after locking the collective's row) when the
record has changed since. No version posted (API, import): no check, as before.

A collective's version is its `updated_at`; a year's facts have no timestamp, so their version
is the year plus a digest of the stored figures ("nieuw" when the year had none).
"""

import hashlib
import json

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from opmars.registry.models import Collective, YearlyFacts

NEW = "nieuw"


def collective_version(collective):
    return collective.updated_at.isoformat() if collective.updated_at else ""


def facts_version(facts, year):
    if facts is None:
        return f"{year}:{NEW}"
    values = [getattr(facts, name) for name in (*facts.COUNT_FIELDS, *facts.INCOME_FIELDS)]
    digest = hashlib.sha256(json.dumps(values).encode()).hexdigest()[:16]
    return f"{year}:{digest}"


def lock_collective(collective):
    """Lock the collective's row for the rest of the transaction and reload it, so a check and
    the write that follows see the same state (SQLite's IMMEDIATE transactions lock anyway)."""
    Collective.objects.select_for_update().get(pk=collective.pk)
    collective.refresh_from_db()


def collective_conflict(posted, collective):
    if not posted or posted == collective_version(collective):
        return None
    return _conflict_message(collective.updated_at)


def facts_conflict(posted, collective, year):
    """The form's figures were loaded for another year, or that year changed since."""
    if not posted:
        return None
    loaded = posted.split(":", 1)[0]
    if loaded != str(year):
        # Saving 2025's figures as 2026 would copy a year nobody reported.
        return _(
            "De getallen in het formulier hoorden bij %(loaded)s, niet bij %(year)s; er is niets "
            "opgeslagen. Kies bovenaan het jaar %(year)s: dan zie je de cijfers van dat jaar, of "
            "een leeg formulier."
        ) % {"loaded": loaded, "year": year}
    stored = YearlyFacts.objects.filter(collective=collective, year=year).first()
    if posted == facts_version(stored, year):
        return None
    return _conflict_message(None)


def _conflict_message(when):
    message = _(
        "Iemand anders heeft dit opgeslagen terwijl jij het aanpaste. Jouw invoer staat hieronder "
        "nog en is niet opgeslagen. Kijk in een ander tabblad wat er nu staat; sla daarna opnieuw "
        "op als jouw versie moet blijven."
    )
    if when:
        moment = formats.date_format(timezone.localtime(when), "j F Y H:i")
        message += " " + _("(Opgeslagen op %(moment)s.)") % {"moment": moment}
    return message
