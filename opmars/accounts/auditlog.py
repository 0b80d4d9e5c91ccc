"""The audit log as people read it: one row per event, with before and after per field, and
the actor shown as the privacy rules allow (docs/decisions/0025-pseudonymous-audit-log.md):
- the viewer's own events say "jij";
- staff see the account's email address;
- editors see the name of a co-editor of the same collective;
- everybody else, and everybody once the account is deleted, sees only the pseudonym.
Values of private fields (contact address, exact point, full postcode) are shown as the pages
show them: to the collective's editors and staff; others, such as network admins, see that the
field changed, not its values."""

import csv
import io

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opmars.accounts.audit import action_label
from opmars.accounts.models import Pseudonym
from opmars.common.formulas import guard_formula
from opmars.common.spreadsheet import SEPARATOR

CSV_COLUMNS = ["tijdstip", "wie", "handeling", "object", "veld", "voor", "na"]
# Fields whose values only a collective's editors and staff read, on its pages as here.
PRIVATE_FIELDS = {"contact_email", "postcode", "lat", "lon"}
HIDDEN = gettext_lazy("(verborgen)")
# Notes in an event that are no field of a collective or its yearly facts.
NOTE_LABELS = {
    "network": gettext_lazy("netwerk"),
    "network_writes_facts": gettext_lazy("netwerk mag jaarcijfers bijwerken"),
}


def _names(events, viewer):
    """pseudonym → label for every actor in these events, in one query."""
    codes = {e.actor_pseudonym for e in events if e.actor_pseudonym}
    links = Pseudonym.objects.filter(code__in=codes).select_related("user")
    co_editors = set()
    if viewer.is_authenticated and not viewer.is_staff:
        shared = Pseudonym.objects.filter(user__edited_collectives__editors=viewer)
        co_editors = set(shared.values_list("code", flat=True))
    labels = {}
    for link in links:
        if link.user_id == viewer.pk:
            labels[link.code] = _("jij")
        elif viewer.is_staff:
            labels[link.code] = link.user.email
        elif link.code in co_editors:
            labels[link.code] = str(link.user)
    return labels


def actor_label(code, labels):
    if not code:
        return _("systeem")
    return labels.get(code, code)


def _label(name):
    """The form label of a collective's or yearly facts' field, or of a note; other keys as
    they are."""
    from opmars.registry.models import Collective, YearlyFacts

    for model in (Collective, YearlyFacts):
        try:
            label = getattr(model._meta.get_field(name), "verbose_name", None)
        except FieldDoesNotExist:
            continue
        if label:
            return str(label)
    return str(NOTE_LABELS.get(name, name))


def _shown(value):
    """Text for the page; None where the value is empty (the page says so)."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    return _text(value)


def _private_values_readable(events, viewer):
    """The collective pks among these events whose private values the viewer may read."""
    pks = {e.collective_pk for e in events if e.collective_pk}
    if viewer.is_staff:
        return pks
    if not viewer.is_authenticated:
        return set()
    return set(viewer.edited_collectives.filter(pk__in=pks).values_list("pk", flat=True))


def _hide_private(changes):
    return {
        name: ([HIDDEN, HIDDEN] if isinstance(value, list) and len(value) == 2 else HIDDEN)
        if name in PRIVATE_FIELDS
        else value
        for name, value in (changes or {}).items()
    }


def _field_changes(changes):
    """Changes stored as field: [old, new] become before/after; other keys are notes."""
    rows = []
    for name, value in (changes or {}).items():
        pair = isinstance(value, list) and len(value) == 2
        rows.append(
            {
                "field": name,
                "label": _label(name),
                "is_change": pair,
                "before": value[0] if pair else "",
                "after": value[1] if pair else value,
                "before_shown": _shown(value[0]) if pair else None,
                "after_shown": _shown(value[1] if pair else value),
            }
        )
    return rows


def rows(events, viewer):
    events = list(events)
    labels = _names(events, viewer)
    readable = _private_values_readable(events, viewer)
    return [
        {
            "created_at": e.created_at,
            "actor": actor_label(e.actor_pseudonym, labels),
            "action": action_label(e.action),
            "target": f"{e.target_type}: {e.target_id}",
            "changes": _field_changes(
                e.changes if e.collective_pk in readable else _hide_private(e.changes)
            ),
        }
        for e in events
    ]


def _text(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def csv_text(events, viewer):
    """One line per changed field (an event without changes gets one line), guarded against
    spreadsheet formulas like every other export; semicolons and a BOM, so that Dutch Excel
    opens it as columns (opmars.common.spreadsheet)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=SEPARATOR)
    writer.writerow(CSV_COLUMNS)
    for row in rows(events, viewer):
        base = [row["created_at"].isoformat(), row["actor"], str(row["action"]), row["target"]]
        for change in row["changes"] or [{"field": "", "before": "", "after": ""}]:
            cells = base + [change["field"], _text(change["before"]), _text(change["after"])]
            writer.writerow([guard_formula(cell) for cell in cells])
    return "\ufeff" + out.getvalue()
