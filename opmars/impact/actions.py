"""Every write to impact reports: check the policy, validate, write in one transaction, audit."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms.models import model_to_dict
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from opmars.accounts import policy
from opmars.accounts.actors import OPERATOR, Actor
from opmars.accounts.audit import AuditAction, record
from opmars.common.errors import ActionError, error_list
from opmars.impact import compute, forms
from opmars.impact.models import ImpactReport, Proxy, ProxyLibrary, ReportOutcome, ReportStatus
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
    """Staff: a new proxy library version = the latest one with ``changes`` applied
    ({key: {field: value}}, a key not in it is a new proxy); versions are never edited, so
    published reports keep theirs."""
    if not policy.can_manage_proxy_library(actor):
        raise PermissionDenied
    return _release(actor, changes, note)


def new_library_version_as_operator(
    changes: Mapping[str, Mapping[str, Any]], note: str = ""
) -> ProxyLibrary:
    """`opmars proxies new-version`: whoever runs the command line controls the server; the
    audit event has no actor and says where it came from."""
    return _release(None, changes, note, via=OPERATOR)


def latest_library() -> ProxyLibrary:
    # Version 1 is loaded after every migrate (impact/reference.py): there is always a latest.
    library = ProxyLibrary.objects.order_by("-version").first()
    assert library is not None
    return library


def _release(
    actor: Actor, changes: Mapping[str, Mapping[str, Any]], note: str, via: str | None = None
) -> ProxyLibrary:
    latest = latest_library()
    proxies = {p.key: p for p in latest.proxies.all()}
    changed = {
        key: _changed_proxy(key, proxies.get(key), fields) for key, fields in changes.items()
    }
    if not changed:
        raise ActionError.on("key", "leeg", _("Er is niets veranderd: geef minstens één proxy."))
    with transaction.atomic():
        library = ProxyLibrary.objects.create(
            version=latest.version + 1, released=timezone.now().date(), note=note
        )
        for key, proxy in {**proxies, **changed}.items():
            proxy.pk, proxy.library, proxy.key = None, library, key
            if key in changed:
                proxy.verified = False  # a new value is checked again before it counts as verified
        library.proxies.bulk_create({**proxies, **changed}.values())
        audited = {"changes": changes, "note": note, **({"via": via} if via else {})}
        record(actor, AuditAction.IMPACT_LIBRARY_NEW_VERSION, library, audited)
    return library


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
