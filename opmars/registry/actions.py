"""Every write to the registry: check the policy, validate, write in one transaction, audit."""

from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any, NoReturn

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Choices
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from opmars.accounts import policy
from opmars.accounts.actors import Actor
from opmars.accounts.audit import AuditAction, record
from opmars.common.errors import ActionError, FieldError, error_list
from opmars.common.slugs import unique_slug
from opmars.geo.lookup import postcode_point
from opmars.geo.models import Postcode
from opmars.registry import history, versions
from opmars.registry.forms import (
    CollectiveForm,
    EventCorrectionForm,
    LifeEventForm,
    YearlyFactsForm,
)
from opmars.registry.location import public_point
from opmars.registry.models import Collective, CollectiveDomain, LifeEvent, Review, YearlyFacts
from opmars.registry.vocab import CHARACTERISTICS, EventKind, Kind, Status
from opmars.text import stemmed

SIMPLE_FIELDS = [
    "name",
    "kind",
    "legal_form",
    "kvk_number",
    "municipality",
    "postcode",
    "lat",
    "lon",
    "address_is_public",
    "founded_year",
    "status",
    "status_year",
    "description",
    "website",
    "contact_email",
    "source",
    *[code for code, _label, _help in CHARACTERISTICS],
]


@lru_cache(maxsize=512)
def _label(choices: type[Choices], code: str, language: str | None) -> str:
    """A vocabulary label, remembered per language (a bulk import asks for it on every row)."""
    return str(choices(code).label)


def search_text_for(
    collective: Collective, domain_codes: Iterable[str] = (), language: str | None = None
) -> str:
    """The stemmed words the directory searches. `language`: the active one, given once for many
    records by the import (reading it costs 20 µs, a fifth of the rest)."""
    from opmars.registry.vocab import Domain

    language = language or get_language()
    parts = [
        collective.name,
        collective.description,
        collective.municipality.name,
        _label(Kind, collective.kind, language),
        *[_label(Domain, code, language) for code in domain_codes],
    ]
    return stemmed(" ".join(parts))


# Paths under /collectieven/ that are pages, not collectives.
RESERVED_SLUGS = {"nieuw"}


def _validated(
    form_class: type[forms.BaseForm], data: Mapping[str, Any], **kwargs: Any
) -> dict[str, Any]:
    form = form_class(data, **kwargs)
    if not form.is_valid():
        raise ActionError(error_list(form), form=form)
    return form.cleaned_data


def snapshot(collective: Collective) -> dict[str, Any]:
    values = {name: getattr(collective, name) for name in SIMPLE_FIELDS}
    values["municipality"] = collective.municipality_id
    # .all() so that a prefetched collective (the bulk import) needs no queries.
    values["works_in"] = sorted(m.code for m in collective.works_in.all())
    values["domains"] = sorted(d.domain for d in collective.domains.all())
    return values


def set_fields(
    collective: Collective,
    data: Mapping[str, Any],
    postcode_lookup: Callable[[str], Postcode | None] = postcode_point,
    language: str | None = None,
) -> None:
    """Copy validated data (CollectiveForm.cleaned_data) onto an unsaved or saved collective,
    with its public point and search text; the bulk import saves many of these at once."""
    for name in SIMPLE_FIELDS:
        value = data.get(name)
        if name in {"description", "website", "contact_email", "source", "postcode"}:
            value = value or ""
        setattr(collective, name, value)
    collective.public_lat, collective.public_lon, collective.location_precision = public_point(
        data["municipality"],
        data.get("postcode"),
        data.get("lat"),
        data.get("lon"),
        data.get("address_is_public"),
        lookup=postcode_lookup,
    )
    collective.search_text = search_text_for(collective, data.get("domains") or [], language)


def write_validated(collective: Collective, data: Mapping[str, Any]) -> None:
    """Save validated data with its works_in and domains (no policy check, no audit)."""
    set_fields(collective, data)
    collective.save()
    collective.works_in.set(data.get("works_in") or [])
    collective.domains.all().delete()
    getattr(collective, "_prefetched_objects_cache", {}).pop("domains", None)
    CollectiveDomain.objects.bulk_create(
        CollectiveDomain(collective=collective, domain=d) for d in data.get("domains") or []
    )


def _diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    return {
        key: [before.get(key), value] for key, value in after.items() if before.get(key) != value
    }


def jsonable(values: Mapping[str, Any]) -> dict[str, Any]:
    return {
        k: (v if isinstance(v, (str, int, float, bool, list, type(None))) else str(v))
        for k, v in values.items()
    }


@transaction.atomic
def create_collective(
    actor: Actor,
    data: Mapping[str, Any],
    *,
    is_demo: bool = False,
    source: str = history.SOURCE_FORM,
) -> Collective:
    if not policy.can_create_collective(actor):
        raise PermissionDenied(
            _("Bevestig eerst je e-mailadres.")
            if actor and actor.is_authenticated
            else _("Log in om een collectief aan te melden.")
        )
    cleaned = _validated(CollectiveForm, data)
    collective = Collective(
        slug=unique_slug(Collective, cleaned["name"], RESERVED_SLUGS), is_demo=is_demo
    )
    write_validated(collective, cleaned)
    history.record_new([collective], source, actor)
    if not actor.is_staff:
        collective.editors.add(actor)
    record(actor, AuditAction.COLLECTIVE_CREATE, collective, jsonable(snapshot(collective)))
    return collective


def _refuse_conflict(
    message: str,
    form_class: type[forms.BaseForm],
    data: Mapping[str, Any],
    version: str,
    **kwargs: Any,
) -> NoReturn:
    """The editor's own input back, with the current version so a second save is deliberate."""
    form = form_class(data, **kwargs)
    form.is_valid()
    form.add_error(None, message)
    errors: list[FieldError] = [{"field": "version", "code": "gewijzigd", "message": message}]
    raise ActionError(errors, form=form, version=version)


@transaction.atomic
def update_collective(
    actor: Actor,
    collective: Collective,
    data: Mapping[str, Any],
    *,
    source: str = history.SOURCE_FORM,
) -> Collective:
    if not policy.can_edit_collective(actor, collective):
        raise PermissionDenied(_("Je bent geen redacteur van dit collectief."))
    versions.lock_collective(collective)
    conflict = versions.collective_conflict(data.get("version"), collective)
    if conflict:
        version = versions.collective_version(collective)
        _refuse_conflict(conflict, CollectiveForm, data, version, instance=collective)
    before = jsonable(snapshot(collective))
    life_before = history.Before.of(collective)
    form = CollectiveForm(data, instance=collective)
    if not form.is_valid():
        raise ActionError(error_list(form), form=form)
    write_validated(collective, form.cleaned_data)
    history.sync(collective, life_before, source, actor, form=form)
    changes = _diff(before, jsonable(snapshot(collective)))
    if changes:
        record(actor, AuditAction.COLLECTIVE_UPDATE, collective, changes)
    return collective


@transaction.atomic
def verify_collective(actor: Actor, collective: Collective) -> Collective:
    if not policy.can_verify_collective(actor):
        raise PermissionDenied(_("Alleen medewerkers van Opmars kunnen collectieven verifiëren."))
    collective.is_verified = True
    collective.last_verified = timezone.localdate()
    collective.save(update_fields=["is_verified", "last_verified", "updated_at"])
    if collective.status == Status.ACTIEF:  # seen to exist and be active, on this day
        history.note(collective, EventKind.ACTIEF, history.SOURCE_STAFF, actor,
                     note=str(_("bevestigd door Opmars")))  # fmt: skip
    record(actor, AuditAction.COLLECTIVE_VERIFY, collective, {"is_verified": [False, True]})
    return collective


@transaction.atomic
def save_yearly_facts(actor: Actor, collective: Collective, data: Mapping[str, Any]) -> YearlyFacts:
    """Create or replace one year's facts of a collective: a figure not in `data` is unknown."""
    _check_facts_right(actor, collective)
    # Locking the collective serialises saves of its facts, including two first saves of a year.
    versions.lock_collective(collective)
    cleaned = _validated(YearlyFactsForm, data, collective=collective)
    year = cleaned.pop("year")
    existing = YearlyFacts.objects.filter(collective=collective, year=year).first()
    conflict = versions.facts_conflict(data.get("version"), collective, year)
    if conflict:
        version = versions.facts_version(existing, year)
        _refuse_conflict(conflict, YearlyFactsForm, data, version, collective=collective)
    # A new row starts from the model's defaults (no review needed, figures unknown).
    before = {k: getattr(existing or YearlyFacts(), k) for k in cleaned}
    facts, _created = YearlyFacts.objects.update_or_create(
        collective=collective, year=year, defaults=cleaned
    )
    if facts.paid_staff:
        history.note_first_paid_staff(collective, year, history.SOURCE_FACTS, actor)
    changes = {"year": year, **_diff(before, cleaned), **_writing_network(actor, collective)}
    record(actor, AuditAction.FACTS_SAVE, collective, changes)
    return facts


def _writing_network(actor: Actor, collective: Collective) -> dict[str, str]:
    """A network admin's write names the network in the audit trail: the collective's editors
    see the admin only by pseudonym, and should see which network wrote their figures."""
    network = policy.network_writing_facts(actor, collective)
    return {"network": network.name} if network else {}


def _check_facts_right(actor: Actor, collective: Collective) -> None:
    if not policy.can_write_yearly_facts(actor, collective):
        raise PermissionDenied(
            _(
                "Je mag de cijfers van dit collectief niet wijzigen. Dat mogen de redacteuren, "
                "en de beheerders van een netwerk waar het lid van is als het collectief geen "
                "eigen redacteuren heeft of het netwerk toestemming gaf."
            )
        )


@transaction.atomic
def update_yearly_facts(
    actor: Actor, collective: Collective, year: int, changes: Mapping[str, Any]
) -> YearlyFacts | None:
    """Change only the given figures of a year that has facts; the others keep their value.
    None when the year has no facts yet (they are made with save_yearly_facts)."""
    _check_facts_right(actor, collective)
    versions.lock_collective(collective)
    existing = YearlyFacts.objects.filter(collective=collective, year=year).first()
    if existing is None:
        return None
    figures = {f: getattr(existing, f) for f in YearlyFactsForm.base_fields if f != "year"}
    return save_yearly_facts(actor, collective, {**figures, **changes, "year": year})


@transaction.atomic
def confirm_facts(actor: Actor, facts: YearlyFacts) -> YearlyFacts:
    """Staff confirm figures that were held back as implausible: they count from now on."""
    if not policy.can_verify_collective(actor):
        raise PermissionDenied(_("Alleen medewerkers van Opmars bevestigen cijfers."))
    if facts.review != Review.OPEN:
        return facts
    facts.review = Review.CONFIRMED
    facts.save(update_fields=["review"])
    record(actor, AuditAction.FACTS_REVIEW_CONFIRM, facts.collective, {"year": facts.year})
    return facts


def collective_form_initial(collective: Collective) -> dict[str, Any]:
    """The form's initial values for editing an existing collective."""
    initial = {name: getattr(collective, name) for name in SIMPLE_FIELDS}
    initial["municipality"] = collective.municipality.code
    initial["works_in"] = ", ".join(m.code for m in collective.works_in.all())
    initial["domains"] = collective.domain_codes
    return initial


@transaction.atomic
def add_event(
    actor: Actor, collective: Collective, data: Mapping[str, Any], *, via: str = history.SOURCE_FORM
) -> LifeEvent:
    """An event in a collective's life, by its editor: checked against the whole life; the
    record's status, founding year and legal form follow from it."""
    if not policy.can_edit_collective(actor, collective):
        raise PermissionDenied(_("Je bent geen redacteur van dit collectief."))
    versions.lock_collective(collective)
    form = LifeEventForm(data)
    if not form.is_valid():
        raise ActionError(error_list(form), form=form)
    cleaned = form.cleaned_data
    day, precision = cleaned["date"]
    kind = cleaned["kind"]
    detail = {}
    if kind == EventKind.RECHTSVORM:
        detail = {"from": history.legal_form_on(collective, day), "to": cleaned["legal_form"]}
    source = history.event_source(via, cleaned.get("source"))
    event = history.new_event(collective, kind, day, precision, source, actor, detail)
    history.add(collective, event, form)
    record(
        actor,
        AuditAction.COLLECTIVE_EVENT_ADD,
        collective,
        {"kind": kind, "date": day.isoformat(), "precision": precision, **detail},
    )
    return event


@transaction.atomic
def correct_event(
    actor: Actor,
    collective: Collective,
    event: LifeEvent,
    data: Mapping[str, Any],
    *,
    via: str = history.SOURCE_FORM,
) -> LifeEvent:
    """A past event's date set right; the correction shows beside it and changes the figures
    of the years it touches, and no others."""
    if not policy.can_edit_collective(actor, collective):
        raise PermissionDenied(_("Je bent geen redacteur van dit collectief."))
    versions.lock_collective(collective)
    form = EventCorrectionForm(data)
    if not form.is_valid():
        raise ActionError(error_list(form), form=form)
    day, precision = form.cleaned_data["date"]
    was = event.date.isoformat()
    source = history.event_source(via, form.cleaned_data.get("source"))
    history.correct(collective, event, day, precision, source[:200], actor, form)
    record(
        actor,
        AuditAction.COLLECTIVE_EVENT_CORRECT,
        collective,
        {"kind": event.kind, "date": [was, day.isoformat()]},
    )
    return event
