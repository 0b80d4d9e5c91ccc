"""A collective's life as dated events, and the active periods the yearly figures count from
(docs/decisions/0045-life-cycle-events.md).

The record's `status`, `status_year` and `founded_year` are the latest word of its events:
every write path calls `sync` after changing them, which records what changed as an event dated
today (or on the year the editor gave), checks that the whole life still makes sense, and
rebuilds the collective's `ActivePeriod` rows. A figure for a past year reads the periods, so
a change today never moves it; correcting a past event (`correct_event`) does, and says so.
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opmars.accounts.audit import AuditAction, actor_code
from opmars.common.errors import ActionError, FieldError, field_error
from opmars.registry.bulk import insert_objects, insert_rows, set_column
from opmars.registry.models import OPEN_END, ActivePeriod, Collective, LifeEvent
from opmars.registry.vocab import DatePrecision, EventKind, Status

# The status an event leaves the collective in; events not listed change no status.
STATUS_AFTER: dict[str, str] = {
    EventKind.OPGERICHT: Status.ACTIEF,
    EventKind.ACTIEF: Status.ACTIEF,
    EventKind.HERACTIVEERD: Status.ACTIEF,
    EventKind.SLAPEND: Status.SLAPEND,
    EventKind.GESTOPT: Status.GESTOPT,
}
# Where an event came from, as its `source` says.
SOURCE_FORM = "formulier"
SOURCE_API = "API"
SOURCE_IMPORT = "import"
SOURCE_MERGE = "samenvoeging van dubbelen"
SOURCE_DEMO = "fictief voorbeeld"
SOURCE_RECONSTRUCTED = "gereconstrueerd uit het register"
SOURCE_FACTS = "jaarcijfers"
SOURCE_NETWORK = "netwerk"
SOURCE_STAFF = "controle door Opmars"

# Events that may follow a stop: a new start, and what a stopped collective still undergoes.
AFTER_A_STOP = {
    EventKind.ACTIEF,
    EventKind.HERACTIVEERD,
    EventKind.SAMENGEVOEGD,
    EventKind.UIT_NETWERK,
}


@dataclass(frozen=True)
class Before:
    """What a write changed from: the record's life-cycle fields before it."""

    founded_year: int | None
    status: str
    status_year: int | None
    legal_form: str

    @classmethod
    def of(cls, collective: Collective) -> "Before":
        return cls(
            collective.founded_year,
            collective.status,
            collective.status_year,
            collective.legal_form,
        )


def year_date(year: int) -> datetime.date:
    """A date known only by its year sorts at the year's first day."""
    return datetime.date(year, 1, 1)


def shown_date(event: LifeEvent) -> str:
    if event.precision == DatePrecision.JAAR:
        return str(event.date.year)
    if event.precision == DatePrecision.ONBEKEND:
        return _("datum onbekend, uiterlijk %(date)s") % {"date": date_format(event.date, "j F Y")}
    return date_format(event.date, "j F Y")


def shown_events(collective: Collective) -> list[dict[str, Any]]:
    """The events as the pages show them, oldest first, each with its corrections in words."""
    return [
        {
            "event": event,
            "when": shown_date(event),
            "detail": _detail(event),
            "corrections": [
                _("gecorrigeerd op %(at)s (was %(was)s)") % {"at": c["at"][:10], "was": c["from"]}
                for c in event.corrections
            ],
        }
        for event in collective.events.order_by("date", "id")
    ]


def _detail(event: LifeEvent) -> str:
    detail = event.detail or {}
    if "to" in detail:
        return _("van %(from)s naar %(to)s") % {"from": detail.get("from", "?"), "to": detail["to"]}
    if "name" in detail:
        return detail["name"]
    if "note" in detail:
        return detail["note"]
    if "merged" in detail:
        return _("nam %(name)s op") % {"name": detail["merged"]}
    return ""


def ordered(events: Iterable[LifeEvent]) -> list[LifeEvent]:
    # Unsaved events (no id yet) come after saved ones on the same day: they happened later.
    return sorted(events, key=lambda e: (e.date, e.pk is None, e.pk or 0))


def sequence_errors(
    events: Sequence[LifeEvent], today: datetime.date
) -> list[tuple[LifeEvent, str]]:
    """Why a life does not make sense, per event: dated in the future, before the founding,
    after a stop without a new start, a second founding, or an unknown kind."""
    errors = []
    founded = [e for e in events if e.kind == EventKind.OPGERICHT]
    if len(founded) > 1:
        errors.append((founded[-1], _("Er is al een oprichting vastgelegd; corrigeer die.")))
    first = founded[0] if founded else None
    stopped_on = None
    for event in ordered(events):
        if event.kind not in EventKind.values:
            errors.append(
                (event, _("Onbekende soort gebeurtenis: %(kind)s.") % {"kind": event.kind})
            )
            continue
        if event.date > today:
            errors.append((event, _("De datum ligt in de toekomst.")))
        if first is not None and event is not first and _before(event, first):
            errors.append(
                (
                    event,
                    _("De datum ligt vóór de oprichting (%(when)s).") % {"when": shown_date(first)},
                )
            )
        if stopped_on is not None and event.kind not in AFTER_A_STOP:
            errors.append(
                (
                    event,
                    _(
                        "Het collectief is gestopt (%(when)s); leg eerst vast dat het weer "
                        "actief werd."
                    )
                    % {"when": shown_date(stopped_on)},
                )
            )
        status = STATUS_AFTER.get(event.kind)
        if status == Status.GESTOPT:
            stopped_on = event
        elif status == Status.ACTIEF:
            stopped_on = None
    return errors


def _before(event: LifeEvent, founding: LifeEvent) -> bool:
    """Earlier than the founding; a founding known by its year only is compared by year."""
    if DatePrecision.JAAR in (event.precision, founding.precision):
        return event.date.year < founding.date.year
    return event.date < founding.date


def periods_from(events: Sequence[LifeEvent], legal_form_now: str) -> list[tuple[int, int, str]]:
    """Pure: the (start_year, end_year, legal_form) stretches in which the collective was active."""
    in_order = ordered(events)
    changes = [e for e in in_order if e.kind == EventKind.RECHTSVORM]
    form = changes[0].detail.get("from", legal_form_now) if changes else legal_form_now
    periods = []
    start: int | None = None
    for event in in_order:
        status = STATUS_AFTER.get(event.kind)
        if status == Status.ACTIEF and start is None:
            start = event.year
        elif status in (Status.SLAPEND, Status.GESTOPT) and start is not None:
            periods.append((start, event.year, form))
            start = None
        elif event.kind == EventKind.RECHTSVORM:
            if start is not None and start < event.year:
                periods.append((start, event.year, form))
                start = event.year
            form = event.detail.get("to", form)
    if start is not None:
        periods.append((start, OPEN_END, form))
    return periods


def rebuild_periods(collectives: Iterable[Collective]) -> None:
    """The active periods of these collectives, from their events (replaced whole)."""
    by_id = {c.pk: c for c in collectives}
    if not by_id:
        return
    events: dict[int, list[LifeEvent]] = {pk: [] for pk in by_id}
    for event in LifeEvent.objects.filter(collective_id__in=by_id):
        event.year = event.date.year
        events[event.collective_id].append(event)
    periods = {pk: periods_from(events[pk], c.legal_form) for pk, c in by_id.items()}
    ActivePeriod.objects.filter(collective_id__in=by_id).delete()
    ActivePeriod.objects.bulk_create(period_rows(ActivePeriod, periods))
    _keep_active_since(Collective, periods)


def period_rows(model: Any, periods: Mapping[int, Sequence[tuple[int, int, str]]]) -> list[Any]:
    """Unsaved `model` rows (ActivePeriod, or a migration's) of {collective id: periods}."""
    return [
        model(collective_id=pk, start_year=start, end_year=end, legal_form=form)
        for pk, made in periods.items()
        for start, end, form in made
    ]


def _open_since(periods: Sequence[tuple[int, int, str]]) -> int | None:
    return next((start for start, end, _form in periods if end == OPEN_END), None)


def _keep_active_since(model: Any, periods: Mapping[int, Sequence[tuple[int, int, str]]]) -> None:
    """Collective.active_since from the periods."""
    set_column(model, "active_since", {pk: _open_since(made) for pk, made in periods.items()})


def initial_events(
    collective: Collective,
    source: str,
    actor: Any = None,
    *,
    reconstructed: bool = False,
    status_changes: Sequence[tuple[datetime.date, str, str]] = (),
    model: Any = LifeEvent,
    today: datetime.date | None = None,
) -> list[LifeEvent]:
    """Unsaved: the events a record holds when it first comes in: its founding, and its status
    if not active. Reconstructed (an older installation's records, by the migration, with its
    historical `model`), the status changes its audit log saw, (date, from, to), come between.
    `today`: given once for many records (the local date costs more than the rest here)."""
    today = today or timezone.localdate()
    made: list[Any] = []

    def event(kind: str, date: datetime.date, precision: str) -> None:
        made.append(
            new_event(
                collective,
                kind,
                date,
                precision,
                source,
                actor,
                reconstructed=reconstructed,
                model=model,
            )  # fmt: skip
        )

    first_seen = min(collective.created_at.date() if collective.created_at else today, today)
    if collective.status != Status.ACTIEF and collective.status_year:
        # It was there before it stopped, whenever Opmars heard of it.
        first_seen = min(first_seen, year_date(collective.status_year))
    if collective.founded_year:
        event(EventKind.OPGERICHT, year_date(collective.founded_year), DatePrecision.JAAR)
    else:
        # Active at least since Opmars knows of it; when it began nobody said.
        event(EventKind.ACTIEF, first_seen, DatePrecision.ONBEKEND)
    if collective.status != Status.ACTIEF:
        kind = EventKind.SLAPEND if collective.status == Status.SLAPEND else EventKind.GESTOPT
        if collective.status_year:
            event(
                kind,
                _status_date(collective.status_year, today),
                _precision(collective.status_year, today),
            )
        else:
            event(kind, max(first_seen, made[0].date), DatePrecision.ONBEKEND)
    if status_changes:
        last = made.pop() if len(made) > 1 else None  # the audit log says when, better
        for date, was, now in status_changes:
            if date >= made[0].date and now != was:
                event(_status_event(now, was), date, DatePrecision.DAG)
        if last is not None and STATUS_AFTER.get(EventKind(made[-1].kind)) != collective.status:
            made.append(last)
    return made


def _status_date(year: int, today: datetime.date) -> datetime.date:
    return today if year == today.year else year_date(year)


def _precision(year: int, today: datetime.date) -> str:
    return DatePrecision.DAG if year == today.year else DatePrecision.JAAR


def record_new(collectives: Sequence[Collective], source: str, actor: Any = None) -> None:
    """The first events and periods of records just inserted (forms, API, import, demo)."""
    today = timezone.localdate()
    events = {c.pk: initial_events(c, source, actor, today=today) for c in collectives}
    insert_objects(LifeEvent, [e for made in events.values() for e in made])
    periods = {c.pk: periods_from(events[c.pk], c.legal_form) for c in collectives}
    # Plain rows: an import's 100,000 periods cost more as model instances than as inserts.
    rows = [(pk, *period) for pk, made in periods.items() for period in made]
    insert_rows(ActivePeriod, ["collective_id", "start_year", "end_year", "legal_form"], rows)
    _keep_active_since(Collective, periods)
    for collective in collectives:
        collective.active_since = _open_since(periods[collective.pk])


def sync(
    collective: Collective, before: Before, source: str, actor: Any = None, *, form: Any = None
) -> list[LifeEvent]:
    """After a write changed the record's life-cycle fields: the events that say so, checked
    against the collective's whole life, saved, and its periods rebuilt. Raises ActionError
    (on `form` too, when a page shows one) and saves nothing when the life no longer makes sense."""
    today = timezone.localdate()
    events = list(collective.events.all())
    changed: list[tuple[LifeEvent, str]] = []  # (event, the field that made it)
    removed: list[LifeEvent] = []
    founding = next((e for e in events if e.kind == EventKind.OPGERICHT), None)
    if collective.founded_year != before.founded_year:
        if founding and collective.founded_year:
            _move(founding, year_date(collective.founded_year), DatePrecision.JAAR, actor, source)
            changed.append((founding, "founded_year"))
        elif founding:
            removed.append(founding)
        elif collective.founded_year:
            new = new_event(collective, EventKind.OPGERICHT, year_date(collective.founded_year),
                       DatePrecision.JAAR, source, actor)  # fmt: skip
            changed.append((new, "founded_year"))
    if collective.status != before.status:
        given = collective.status_year if collective.status_year != before.status_year else None
        date = _status_date(given, today) if given else today
        precision = _precision(given, today) if given else DatePrecision.DAG
        kind = _status_event(collective.status, before.status)
        changed.append((new_event(collective, kind, date, precision, source, actor), "status"))
        collective.status_year = date.year
    if collective.legal_form != before.legal_form:
        detail = {"from": before.legal_form, "to": collective.legal_form}
        new = new_event(
            collective, EventKind.RECHTSVORM, today, DatePrecision.DAG, source, actor, detail
        )
        changed.append((new, "legal_form"))
    if not changed and not removed:
        return []
    life = [e for e in events if e not in removed and all(e is not c for c, _f in changed)]
    life += [event for event, _field in changed]
    _refuse_nonsense(life, today, dict((id(e), f) for e, f in changed), form)
    for event in removed:
        event.delete()
    for event, _field in changed:
        event.save()
    if collective.status_year != Collective.objects.get(pk=collective.pk).status_year:
        Collective.objects.filter(pk=collective.pk).update(status_year=collective.status_year)
    rebuild_periods([collective])
    return [event for event, _field in changed]


def _status_event(status: str, was: str) -> str:
    if status == Status.SLAPEND:
        return EventKind.SLAPEND
    if status == Status.GESTOPT:
        return EventKind.GESTOPT
    return EventKind.HERACTIVEERD if was in (Status.SLAPEND, Status.GESTOPT) else EventKind.ACTIEF


def new_event(
    collective: Collective,
    kind: str,
    date: datetime.date,
    precision: str,
    source: str,
    actor: Any,
    detail: dict[str, Any] | None = None,
    *,
    reconstructed: bool = False,
    model: Any = LifeEvent,
) -> LifeEvent:
    """An unsaved event (of `model`: a migration passes its historical one)."""
    return model(
        collective=collective,
        kind=kind,
        date=date,
        year=date.year,
        precision=precision,
        source=source[:200],
        actor=actor_code(actor),
        detail=detail or {},
        reconstructed=reconstructed,
    )


def event_source(via: str, given: str | None) -> str:
    """A hand-made event's source: the path it came by, and where the editor says it is written."""
    return f"{via}: {given}" if given else via


def _move(event: LifeEvent, date: datetime.date, precision: str, actor: Any, source: str) -> None:
    """A correction of the event's date, kept in its own history."""
    if event.date == date and event.precision == precision:
        return
    event.corrections = [
        *event.corrections,
        {
            "at": timezone.now().isoformat(timespec="seconds"),
            "from": event.date.isoformat(),
            "from_precision": event.precision,
            "to": date.isoformat(),
            "source": source,
            "by": actor_code(actor),
        },
    ]
    event.date, event.year, event.precision = date, date.year, precision


def _refuse_nonsense(
    life: list[LifeEvent], today: datetime.date, field_of: dict[int, str], form: Any
) -> None:
    problems = sequence_errors(life, today)
    if not problems:
        return
    errors: list[FieldError] = []
    first_changed = next(iter(field_of.values()), "date")
    for event, message in problems:
        field = field_of.get(id(event), first_changed)
        errors.append(field_error(field, "levensloop", message))
        if form is not None:
            form.add_error(field if field in form.fields else None, message)
    raise ActionError(errors, form=form)


def add(collective: Collective, event: LifeEvent, form: Any = None) -> LifeEvent:
    """One more event in the collective's life (checked whole), and what follows from it: the
    record's status and founding year, and its periods. Permission and audit: actions.add_event."""
    today = timezone.localdate()
    life = [*collective.events.all(), event]
    _refuse_nonsense(life, today, {id(event): "date"}, form)
    event.save()
    _follow(collective, life)
    return event


def correct(collective: Collective, event: LifeEvent, date: datetime.date, precision: str,
            source: str, actor: Any, form: Any = None) -> LifeEvent:  # fmt: skip
    """A past event's date corrected; the correction stays visible (LifeEvent.corrections)."""
    today = timezone.localdate()
    _move(event, date, precision, actor, source)
    life = [e if e.pk != event.pk else event for e in collective.events.all()]
    _refuse_nonsense(life, today, {id(event): "date"}, form)
    event.save()
    _follow(collective, life)
    return event


def legal_form_on(collective: Collective, day: datetime.date) -> str:
    """The legal form the collective had on `day`, by its legal-form events."""
    changes = list(collective.events.filter(kind=EventKind.RECHTSVORM).order_by("date", "id"))
    earlier = [e for e in changes if e.date <= day]
    if earlier:
        return earlier[-1].detail.get("to", collective.legal_form)
    if changes:
        return changes[0].detail.get("from", collective.legal_form)
    return collective.legal_form


def _follow(collective: Collective, life: list[LifeEvent]) -> None:
    """The record's status, its year, the founding year and the legal form: the latest word of
    its events."""
    status_events = [e for e in ordered(life) if e.kind in STATUS_AFTER]
    founding = next((e for e in life if e.kind == EventKind.OPGERICHT), None)
    if founding is not None:
        collective.founded_year = founding.date.year
    if status_events:
        last = status_events[-1]
        collective.status = STATUS_AFTER[EventKind(last.kind)]
        collective.status_year = None if last.kind == EventKind.OPGERICHT else last.date.year
    forms = [e for e in ordered(life) if e.kind == EventKind.RECHTSVORM]
    if forms:
        collective.legal_form = forms[-1].detail.get("to", collective.legal_form)
    Collective.objects.filter(pk=collective.pk).update(
        legal_form=collective.legal_form,
        founded_year=collective.founded_year,
        status=collective.status,
        status_year=collective.status_year,
        updated_at=timezone.now(),
    )
    rebuild_periods([collective])


def note(collective: Collective, kind: str, source: str, actor: Any = None, **detail: Any) -> None:
    """An event that changes no status, dated today, by a write that happened today (a network
    joined or left, a merge, a first paid staff member). Nothing to check but the date."""
    new_event(
        collective, kind, timezone.localdate(), DatePrecision.DAG, source, actor, detail
    ).save()


def note_first_paid_staff(collective: Collective, year: int, source: str, actor: Any) -> None:
    """Facts for `year` with paid staff: the first such year is an event, dated by that year."""
    earlier = collective.events.filter(kind=EventKind.BETAALDE_KRACHT).first()
    if earlier is not None and earlier.year <= year:
        return
    if earlier is not None:
        earlier.delete()
    new_event(
        collective, EventKind.BETAALDE_KRACHT, year_date(year), DatePrecision.JAAR, source, actor
    ).save()


def active_at_end_of(year: int) -> list[Q]:
    """Filters for the collectives active on 31 December of `year`, as disjoint parts that each
    keep to an index (decision 0045): active now, in an open period that began by then; and in
    one of the few ended periods that covered the year's end. This year or later is now: no
    event lies ahead."""
    if year >= timezone.localdate().year:
        return [Q(status=Status.ACTIEF)]
    ended = ActivePeriod.objects.filter(
        end_year__lt=OPEN_END, end_year__gt=year, start_year__lte=year
    )
    return [
        Q(status=Status.ACTIEF, active_since__lte=year),
        Q(pk__in=ended.values("collective_id")),
    ]


def active_during(year: int, collective: str = "collective_id") -> Exists:
    """A collective (the outer query's `collective` column) was active during at least part
    of `year`: the collectives whose yearly facts over it count."""
    return Exists(
        ActivePeriod.objects.filter(
            collective=OuterRef(collective), start_year__lte=year, end_year__gte=year
        )
    )


def status_at_end_of(collective_ids: Any, year: int) -> dict[int, tuple[str, int | None]]:
    """{collective id: (status, year of that status)} on 31 December of `year`, by the events;
    a collective not founded yet by then is not in it."""
    found: dict[int, tuple[str, int | None]] = {}
    rows = (
        LifeEvent.objects.filter(
            collective_id__in=collective_ids, kind__in=list(STATUS_AFTER), year__lte=year
        )
        .order_by("collective_id", "date", "id")
        .values_list("collective_id", "kind", "year")
    )
    for pk, kind, when in rows:
        found[pk] = (STATUS_AFTER[EventKind(kind)], None if kind == EventKind.OPGERICHT else when)
    return found


def legal_form_at_end_of(collective_ids: Any, year: int) -> dict[int, str]:
    """{collective id: legal form} on 31 December of `year`: that of its last active period
    begun by then."""
    rows = (
        ActivePeriod.objects.filter(collective_id__in=collective_ids, start_year__lte=year)
        .order_by("collective_id", "start_year", "id")
        .values_list("collective_id", "legal_form")
    )
    return dict(rows)


def reconstruct_all(registry: Any) -> int:
    """Events for every record that has none, from its founding year, its status and its
    year, and the status changes in the audit log; marked reconstructed. `registry` is the app
    registry (a migration's historical one, or django.apps.apps after restoring an older
    backup). Returns the number of collectives reconstructed."""
    collectives = registry.get_model("registry", "Collective")
    events = registry.get_model("registry", "LifeEvent")
    periods = registry.get_model("registry", "ActivePeriod")
    audit = registry.get_model("accounts", "AuditEvent")
    changes: dict[int, list[tuple[datetime.date, str, str]]] = {}
    audited = audit.objects.filter(action=AuditAction.COLLECTIVE_UPDATE, changes__has_key="status")
    for pk, when, diff in audited.order_by("created_at", "id").values_list(
        "collective_pk", "created_at", "changes"
    ):
        was, now = diff["status"]
        changes.setdefault(pk, []).append((when.date(), was, now))
    todo = collectives.objects.exclude(pk__in=events.objects.values("collective_id"))
    done = 0
    batch: list[Any] = []
    for collective in todo.order_by("pk").iterator(chunk_size=2000):
        batch.append(collective)
        if len(batch) == 2000:
            done += _reconstruct(batch, changes, events, periods)
            batch = []
    return done + _reconstruct(batch, changes, events, periods)


def _reconstruct(collectives: list[Any], changes: dict, events: Any, periods: Any) -> int:
    made_events = []
    spans: dict[int, list[tuple[int, int, str]]] = {}
    for collective in collectives:
        made = initial_events(
            collective,
            SOURCE_RECONSTRUCTED,
            reconstructed=True,
            status_changes=changes.get(collective.pk, ()),
            model=events,
        )
        made_events += made
        spans[collective.pk] = periods_from(made, collective.legal_form)
    events.objects.bulk_create(made_events, batch_size=2000)
    periods.objects.bulk_create(period_rows(periods, spans), batch_size=2000)
    if collectives:
        _keep_active_since(type(collectives[0]), spans)
    return len(collectives)
