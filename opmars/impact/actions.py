"""Every write to impact reports: check the policy, validate, write in one transaction, audit."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from opmars.accounts import policy
from opmars.accounts.actors import Actor
from opmars.accounts.audit import AuditAction, record
from opmars.common.errors import ActionError, error_list
from opmars.impact import compute, forms
from opmars.impact.models import ImpactReport, ProxyLibrary, ReportOutcome, ReportStatus
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


PROXY_FIELDS = ("value", "low", "high", "unit", "currency", "price_year", "source", "status")


def new_library_version(
    actor: Actor, changes: Mapping[str, Mapping[str, Any]], note: str = ""
) -> ProxyLibrary:
    """Staff: a new proxy library version = the latest one with ``changes`` applied
    ({key: {field: value}}); versions are never edited, so published reports keep theirs."""
    if not policy.can_manage_proxy_library(actor):
        raise PermissionDenied
    latest = ProxyLibrary.objects.order_by("-version").first()
    # Version 1 is loaded after every migrate (impact/reference.py): there is always a latest.
    assert latest is not None
    proxies = {p.key: p for p in latest.proxies.all()}
    unknown = sorted(set(changes) - set(proxies))
    if unknown:
        raise ActionError.on(
            "key", "onbekend", _("Onbekende proxy: %(keys)s.") % {"keys": ", ".join(unknown)}
        )
    with transaction.atomic():
        library = ProxyLibrary.objects.create(
            version=latest.version + 1, released=timezone.now().date(), note=note
        )
        copies = []
        for key, proxy in proxies.items():
            proxy.pk, proxy.library = None, library
            for name, value in changes.get(key, {}).items():
                if name in PROXY_FIELDS:
                    setattr(proxy, name, value)
            if key in changes:
                proxy.verified = False  # a new value is checked again before it counts as verified
            copies.append(proxy)
        library.proxies.bulk_create(copies)
        record(
            actor,
            AuditAction.IMPACT_LIBRARY_NEW_VERSION,
            library,
            {"changes": changes, "note": note},
        )
    return library
