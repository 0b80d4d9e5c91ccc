"""A collective's change history as anyone may read it (issue 17): what changed in its public
record, when, and which kind of actor changed it — the collective's own editors, a network,
Opmars staff, an import — never who. Built from the audit log (accounts.audit), which keeps
only pseudonyms; the editors' own log (registry/editors.py) shows more to those allowed.

Values of private fields (contact address, exact point, full postcode) never show here, and
neither do events that are not about the public record (claims, editors, messages)."""

from dataclasses import dataclass, field

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opmars.accounts.audit import AuditAction, action_label
from opmars.accounts.models import AuditEvent, Pseudonym
from opmars.dataio.models import ImportRun
from opmars.geo.models import Municipality
from opmars.networks.models import Network
from opmars.registry.fields import COLLECTIVE, FACTS, Privacy
from opmars.registry.models import Collective
from opmars.registry.vocab import Domain

PUBLIC_ACTIONS = {
    AuditAction.COLLECTIVE_CREATE,
    AuditAction.COLLECTIVE_UPDATE,
    AuditAction.COLLECTIVE_VERIFY,
    AuditAction.COLLECTIVE_MERGE,
    AuditAction.COLLECTIVE_CONFIRM,
    AuditAction.COLLECTIVE_EVENT_ADD,
    AuditAction.COLLECTIVE_EVENT_CORRECT,
    AuditAction.COLLECTIVE_IMPORT_CREATE,
    AuditAction.COLLECTIVE_IMPORT_UPDATE,
    AuditAction.COLLECTIVE_IMPORT_FACTS,
    AuditAction.COLLECTIVE_HARVEST_CREATE,
    AuditAction.COLLECTIVE_HARVEST_UPDATE,
    AuditAction.FACTS_SAVE,
    AuditAction.FACTS_REVIEW_CONFIRM,
    AuditAction.NETWORK_ACCEPT,
    AuditAction.NETWORK_REMOVE,
    AuditAction.IMPACT_REPORT_PUBLISH,
    AuditAction.IMPACT_REPORT_UNPUBLISH,
}
IMPORT_ACTIONS = {
    AuditAction.COLLECTIVE_IMPORT_CREATE,
    AuditAction.COLLECTIVE_IMPORT_UPDATE,
    AuditAction.COLLECTIVE_IMPORT_FACTS,
}
FACTS_ACTIONS = {AuditAction.FACTS_SAVE, AuditAction.FACTS_REVIEW_CONFIRM}
# Events that hold the record as it was made (field: value), not changes (field: [old, new]).
SNAPSHOT_ACTIONS = {AuditAction.COLLECTIVE_CREATE, AuditAction.COLLECTIVE_HARVEST_CREATE}
SHOWN_EVENTS = 100

EDITORS = gettext_lazy("de redactie van het collectief")
STAFF = gettext_lazy("Opmars (medewerker)")
SYSTEM = gettext_lazy("Opmars (automatisch)")
SOMEONE = gettext_lazy("iemand met een account (nog geen redacteur)")
GONE = gettext_lazy("een account dat niet meer bestaat")


@dataclass
class Entry:
    when: object
    action: str
    actor: str
    changes: list = field(default_factory=list)


def _network_actor(name):
    return _("netwerk %(name)s") % {"name": name}


def _import_actor(run):
    if run is None:
        return _("een import")
    if run.network_id:
        return _("een import door %(network)s") % {"network": run.network.name}
    return _("een import door Opmars")


class _Actors:
    """Which kind of actor each event had, from a few queries for all of them."""

    def __init__(self, collective, events):
        codes = {e.actor_pseudonym for e in events if e.actor_pseudonym}
        links = Pseudonym.objects.filter(code__in=codes).select_related("user")
        self.users = {link.code: link.user for link in links}
        self.editor_ids = set(collective.editors.values_list("pk", flat=True))
        self.network_of_admin = dict(
            Network.objects.filter(membership__collective=collective).values_list("admins", "name")
        )
        run_ids = {e.changes.get("import") for e in events if e.action in IMPORT_ACTIONS}
        self.runs = ImportRun.objects.select_related("network").in_bulk(
            [pk for pk in run_ids if isinstance(pk, int)]
        )

    def of(self, event):
        if isinstance(event.changes.get("bron"), str):  # a harvest (opmars/harvest)
            return _("bron %(name)s") % {"name": event.changes["bron"]}
        if event.action in IMPORT_ACTIONS:
            return _import_actor(self.runs.get(event.changes.get("import")))
        if isinstance(event.changes.get("network"), str):
            return _network_actor(event.changes["network"])
        if not event.actor_pseudonym:
            return str(SYSTEM)
        user = self.users.get(event.actor_pseudonym)
        if user is None:
            return str(GONE)
        if user.is_staff:
            return str(STAFF)
        if user.pk in self.editor_ids:
            return str(EDITORS)
        if user.pk in self.network_of_admin:
            return _network_actor(self.network_of_admin[user.pk])
        return str(SOMEONE)


PUBLIC_FIELDS = {
    f.name: f for f in [*COLLECTIVE, *FACTS] if f.privacy == Privacy.PUBLIC and f.name != "year"
}


def _shown(field, value, places):
    """A value as the pages show it: a vocabulary's label, a municipality's name."""
    if isinstance(value, list):
        shown = [_shown(field, v, places) for v in value]
        return ", ".join(shown) if shown else None
    if value is None or value == "":
        return None
    if field.name in ("municipality", "works_in"):
        return places.get(value, value)
    vocabulary = field.choices or (Domain if field.name == "domains" else None)
    if vocabulary and value in vocabulary.values:
        return str(vocabulary(value).label)
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    return str(value)


def _public_changes(event, places):
    """The public fields an event changed (or set, at creation), labelled as on the forms;
    a yearly figure carries its year: "Leden (2025)"."""
    year = event.changes.get("year") if event.action in FACTS_ACTIONS else None
    rows = []
    for name, value in (event.changes or {}).items():
        field = PUBLIC_FIELDS.get(name)
        if field is None:
            continue
        pair = event.action not in SNAPSHOT_ACTIONS and isinstance(value, list) and len(value) == 2
        label = capfirst(str(field.label)) + ("" if year is None else f" ({year})")
        before, after = (value[0], value[1]) if pair else (None, value)
        rows.append(
            {
                "label": label,
                "is_change": pair,
                "before_shown": _shown(field, before, places),
                "after_shown": _shown(field, after, places),
            }
        )
    return rows


def _places(events):
    codes = set()
    for event in events:
        for name in ("municipality", "works_in"):
            value = (event.changes or {}).get(name)
            for item in value if isinstance(value, list) else [value]:
                for code in item if isinstance(item, list) else [item]:
                    if isinstance(code, str):
                        codes.add(code)
    return dict(Municipality.objects.filter(code__in=codes).values_list("code", "name"))


def public_events(collective):
    return public_events_of([collective.pk])


def public_events_of(collective_ids):
    """The events about the public records of these collectives (ids, or a query of them)."""
    return AuditEvent.objects.filter(collective_pk__in=collective_ids, action__in=PUBLIC_ACTIONS)


def entries(collective, limit=SHOWN_EVENTS):
    """The newest changes first."""
    events = list(public_events(collective).order_by("-created_at", "-id")[:limit])
    actors = _Actors(collective, events)
    places = _places(events)
    return [
        Entry(e.created_at, str(action_label(e.action)), actors.of(e), _public_changes(e, places))
        for e in events
    ]


def field_sources(shown_entries):
    """Per field: the newest change shown, its date and who made it (the field's source)."""
    sources = {}
    for entry in shown_entries:  # newest first: the first one seen per field wins
        for change in entry.changes:
            if change["is_change"]:
                sources.setdefault(change["label"], entry)
    return sorted(sources.items())


@dataclass
class AreaEntry:
    when: object
    collective: object
    action: str
    fields: list[str]


def changes_since(collective_ids, since=None, limit=SHOWN_EVENTS):
    """Changes to the public records of these collectives (a query of their ids) after `since`
    (None: any time), newest first: (the newest `limit` entries, how many changes in all, how
    many collectives they were about). Who made them shows on each collective's own history."""
    events = public_events_of(collective_ids)
    if since is not None:
        events = events.filter(created_at__gt=since)
    shown = list(events.order_by("-created_at", "-id")[:limit])
    collectives = Collective.objects.in_bulk({event.collective_pk for event in shown})
    places = _places(shown)
    entries = [
        AreaEntry(
            event.created_at,
            collectives[event.collective_pk],
            str(action_label(event.action)),
            [change["label"] for change in _public_changes(event, places)],
        )
        for event in shown
    ]
    about = events.values("collective_pk").distinct().count() if shown else 0
    return entries, events.count() if shown else 0, about
