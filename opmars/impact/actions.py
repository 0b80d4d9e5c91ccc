"""Every write to impact reports: check the policy, validate, write in one transaction, audit."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch, Q
from django.forms.models import model_to_dict
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from opmars.accounts import policy
from opmars.accounts.actors import OPERATOR, Actor
from opmars.accounts.audit import AuditAction, record
from opmars.common.errors import ActionError, FieldError, error_list, field_error
from opmars.impact import compute, forms
from opmars.impact.models import (
    ImpactReport,
    Indicator,
    Proxy,
    ProxyLibrary,
    ReportOutcome,
    ReportStatus,
)
from opmars.impact.present import report_view
from opmars.registry.models import Collective


def existing_report(collective: Collective, year: int) -> ImpactReport:
    report = collective.impact_reports.select_related("library").filter(year=year).first()
    if report is None:
        raise Http404
    return report


def _check(actor: Actor, collective: Collective) -> None:
    if not policy.can_edit_impact(actor, collective):
        raise PermissionDenied


def _validated(
    collective: Collective, data: Mapping[str, Any], report: ImpactReport | None
) -> tuple[forms.ReportForm, list[ReportOutcome]]:
    form, outcome_forms = forms.bound_forms(collective, data, report)
    valid = form.is_valid()
    valid = all([f.is_valid() for f in outcome_forms]) and valid
    if not valid:
        errors = error_list(form) + [e for f in outcome_forms for e in error_list(f)]
        outcome_forms.append(forms.OutcomeForm(prefix=f"u-{len(outcome_forms)}"))
        raise ActionError(errors, form, outcome_forms=outcome_forms)
    return form, forms.build_outcomes(outcome_forms)


def _apply(report: ImpactReport, cleaned: Mapping[str, Any]) -> None:
    for name in forms.REPORT_FIELDS:
        setattr(report, name, cleaned[name])
    report.year = cleaned["year"]


def save_report(
    actor: Actor,
    collective: Collective,
    data: Mapping[str, Any],
    report: ImpactReport | None = None,
) -> ImpactReport:
    """Create or update a report (a draft stays a draft; a published one keeps its library)."""
    _check(actor, collective)
    return write_report(actor, collective, data, report)


def write_report(
    actor: Actor,
    collective: Collective,
    data: Mapping[str, Any],
    report: ImpactReport | None = None,
) -> ImpactReport:
    """save_report without the editor check, for the bulk import (which asks policy.can_import
    once for the whole file): the same validation, transaction and audit event."""
    form, outcomes = _validated(collective, data, report)
    with transaction.atomic():
        if report is None:
            library = ProxyLibrary.objects.order_by("-version").first()
            report = ImpactReport(collective=collective, library=library)
        _apply(report, form.cleaned_data)
        report.save()
        report.outcomes.all().delete()
        for outcome in outcomes:
            outcome.report = report
        report.outcomes.bulk_create(outcomes)
        recalculate(report)
        record(actor, AuditAction.IMPACT_REPORT_SAVE, collective, {"year": report.year,
                                                          "outcomes": len(outcomes)})  # fmt: skip
    return report


def recalculate(report: ImpactReport) -> None:
    outcomes = list(report.outcomes.select_related("indicator"))
    compute.apply_summary(report, compute.summarise(report, outcomes))
    report.save()


def publish_report(actor: Actor, report: ImpactReport) -> ImpactReport:
    _check(actor, report.collective)
    if not report.outcomes.exists():
        raise ActionError.on(
            "outcomes", "leeg", _("Voeg minstens één uitkomst toe voor je publiceert.")
        )
    with transaction.atomic():
        report.status = ReportStatus.PUBLISHED
        report.published_at = timezone.now()
        report.save(update_fields=["status", "published_at", "updated_at"])
        record(actor, AuditAction.IMPACT_REPORT_PUBLISH, report.collective, {"year": report.year})
    return report


def preview(
    collective: Collective, data: Mapping[str, Any], report: ImpactReport | None
) -> dict[str, Any]:
    """The result of the form as it stands, nothing saved; raises ActionError when invalid."""
    form, outcomes = _validated(collective, data, report)
    draft = ImpactReport(collective=collective, library=_library(report))
    _apply(draft, form.cleaned_data)
    draft.result = compute.summarise(draft, outcomes, simulations=2000)
    return report_view(draft)


def _library(report: ImpactReport | None) -> ProxyLibrary | None:
    if report is not None:
        return report.library
    return ProxyLibrary.objects.order_by("-version").first()


def new_library_version(
    actor: Actor, changes: Mapping[str, Mapping[str, Any]], note: str = ""
) -> ProxyLibrary:
    """Staff: publish a new proxy library version = the latest one with ``changes`` applied
    ({key: {field: value}}, a key not in it is a new proxy); versions are never edited, so
    published reports keep theirs. A changed value needs its ``source``, the version a ``note``
    (why); every problem is refused at once, in Dutch, naming ``key.field``."""
    _check_library(actor)
    return _release(actor, changes, note)


def new_library_version_as_operator(
    changes: Mapping[str, Mapping[str, Any]], note: str = ""
) -> ProxyLibrary:
    """`opmars proxies new-version`: whoever runs the command line controls the server; the
    audit event has no actor and says where it came from."""
    return _release(None, changes, note, via=OPERATOR)


def preview_library_version(
    actor: Actor, changes: Mapping[str, Mapping[str, Any]], note: str = ""
) -> "LibraryPreview":
    """Staff: what publishing ``changes`` would do, checked as new_library_version checks it,
    with nothing written. Published reports keep their version whatever happens; the preview
    says how each published report that uses a changed proxy would come out if it were
    computed with the new version."""
    _check_library(actor)
    latest = latest_library()
    proxies = {p.key: p for p in latest.proxies.all()}
    changed = _checked_changes(proxies, changes, note)
    return LibraryPreview(
        version=latest.version + 1,
        changes=[ProxyChange(key, proxies.get(key), proxy) for key, proxy in changed.items()],
        reports=affected_reports({**proxies, **changed}, set(changed)),
    )


def latest_library() -> ProxyLibrary:
    # Version 1 is loaded after every migrate (impact/reference.py): there is always a latest.
    library = ProxyLibrary.objects.order_by("-version").first()
    assert library is not None
    return library


def _check_library(actor: Actor) -> None:
    if not policy.can_manage_proxy_library(actor):
        raise PermissionDenied


def _release(
    actor: Actor, changes: Mapping[str, Mapping[str, Any]], note: str, via: str | None = None
) -> ProxyLibrary:
    with transaction.atomic():
        latest = ProxyLibrary.objects.select_for_update().order_by("-version").first()
        assert latest is not None
        proxies = {p.key: p for p in latest.proxies.all()}
        changed = _checked_changes(proxies, changes, note)
        library = ProxyLibrary.objects.create(
            version=latest.version + 1, released=timezone.now().date(), note=note.strip()
        )
        for key, proxy in {**proxies, **changed}.items():
            proxy.pk, proxy.library, proxy.key = None, library, key
            if key in changed:
                proxy.verified = False  # a new value is checked again before it counts as verified
        library.proxies.bulk_create({**proxies, **changed}.values())
        audited = {
            "changes": {key: dict(changes[key]) for key in changed},
            "note": note.strip(),
            "from_version": latest.version,
            **({"via": via} if via else {}),
        }
        record(actor, AuditAction.IMPACT_LIBRARY_NEW_VERSION, library, audited)
    return library


# A change of one of these is a new value: it needs the source it comes from.
VALUE_FIELDS = ("value", "low", "high", "unit", "currency", "price_year")


def _checked_changes(
    proxies: Mapping[str, Proxy], changes: Mapping[str, Mapping[str, Any]], note: str
) -> dict[str, Proxy]:
    """The proxies that really change, checked whole; every problem at once."""
    errors: list[FieldError] = []
    if not (note or "").strip():
        errors.append(
            field_error(
                "note", "ontbreekt", _("Schrijf waarom er een nieuwe versie komt (de reden).")
            )
        )
    changed = {}
    for key, fields in changes.items():
        try:
            proxy = _changed_proxy(key, proxies.get(key), fields)
        except ActionError as refusal:
            errors += refusal.errors
            continue
        current = proxies.get(key)
        if current is not None and _same(current, proxy):
            continue  # nothing differs: not a change
        new_value = current is None or any(
            getattr(current, name) != getattr(proxy, name) for name in VALUE_FIELDS
        )
        if new_value and not str(fields.get("source") or "").strip():
            errors.append(
                field_error(
                    f"{key}.source",
                    "ontbreekt",
                    _("Geef de bron van de nieuwe waarde, bijvoorbeeld een rapport met jaartal."),
                )
            )
            continue
        changed[key] = proxy
    if not errors and not changed:
        errors.append(
            field_error("key", "leeg", _("Er is niets veranderd: verander minstens één waarde."))
        )
    if errors:
        raise ActionError(errors)
    return changed


def _same(current: Proxy, proxy: Proxy) -> bool:
    return all(getattr(current, name) == getattr(proxy, name) for name in forms.PROXY_FIELDS)


def _changed_proxy(key: str, current: Proxy | None, fields: Mapping[str, Any]) -> Proxy:
    """The proxy ``key`` with ``fields`` applied, checked whole; a new key needs every field."""
    form_fields = forms.PROXY_FIELDS
    unknown = sorted(set(fields) - set(form_fields))
    if unknown:
        message = _("%(key)s: onbekend veld %(fields)s; kies uit %(known)s.") % {
            "key": key, "fields": ", ".join(unknown), "known": ", ".join(form_fields),
        }  # fmt: skip
        raise ActionError.on(key, "onbekend_veld", message)
    start = model_to_dict(current, fields=form_fields) if current else {}
    form = forms.ProxyForm({**start, **fields}, instance=Proxy(key=key))
    if not form.is_valid():
        raise ActionError(
            [{**error, "field": f"{key}.{error['field']}"} for error in error_list(form)]
        )
    return form.save(commit=False)


@dataclass
class ProxyChange:
    key: str
    old: Proxy | None
    new: Proxy


@dataclass
class ReportChange:
    report: ImpactReport
    present_value: float | None
    new_present_value: float | None
    sroi_ratio: float | None
    new_sroi_ratio: float | None

    @property
    def difference(self) -> float | None:
        if self.present_value is None or self.new_present_value is None:
            return None
        return self.new_present_value - self.present_value

    @property
    def relative(self) -> float | None:
        if self.difference is None or not self.present_value:
            return None
        return self.difference / abs(self.present_value)


@dataclass
class LibraryPreview:
    version: int
    changes: list[ProxyChange]
    reports: list[ReportChange] = field(default_factory=list)

    @property
    def changed_reports(self) -> list[ReportChange]:
        return [r for r in self.reports if r.difference or r.new_sroi_ratio != r.sroi_ratio]

    @property
    def total_difference(self) -> float:
        return sum(r.difference or 0.0 for r in self.reports)


def affected_reports(proxies: Mapping[str, Proxy], keys: set[str]) -> list[ReportChange]:
    """Published reports that use one of ``keys`` (as proxy, factor or volunteer-hour value),
    each with its present value and ratio now and computed with ``proxies``; largest change
    first. Central values only: the preview runs no simulation and stores nothing."""
    indicators = Indicator.objects.filter(Q(proxy_key__in=keys) | Q(factor_key__in=keys))
    uses = Q(outcomes__indicator__in=indicators)
    if compute.VOLUNTEER_PROXY in keys:
        uses |= Q(volunteer_hour_value__isnull=True, volunteer_hours__gt=0)
    reports = (
        ImpactReport.objects.filter(uses, status=ReportStatus.PUBLISHED)
        .distinct()
        .select_related("collective", "library")
        .prefetch_related(
            Prefetch(
                "outcomes",
                queryset=ReportOutcome.objects.select_related("indicator").prefetch_related(
                    "indicator__secondary_targets"
                ),
            )
        )
    )
    tables = compute.price_tables()
    rows = []
    for report in reports:
        summary = compute.summarise(
            report, list(report.outcomes.all()), proxies=proxies, tables=tables, monte_carlo=False
        )
        calc = summary.get("calculation") or {}
        rows.append(
            ReportChange(
                report,
                report.present_value,
                calc.get("present_value"),
                report.sroi_ratio,
                calc.get("sroi_ratio"),
            )
        )
    rows.sort(key=lambda r: (-abs(r.difference or 0.0), r.report.collective.name, r.report.year))
    return rows
