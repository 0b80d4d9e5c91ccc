"""Impact pages: the public calculator, the methodology, a collective's impact page and the
report editor. Views stay thin: writes go through opmars.impact.actions."""

import hashlib
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from opmars.accounts import policy
from opmars.common.limits import limited
from opmars.impact import actions, compute, engine, forms, web
from opmars.impact.calculator import CalculatorError, default_volunteer_hour_value, to_csv
from opmars.impact.models import ProxyLibrary
from opmars.impact.present import report_view, trigger_text
from opmars.impact.query import (
    aggregate,
    catalogue,
    latest_published_year,
    published_reports,
    report_outcomes,
    with_result,
)


@limited("calculator")
def calculator(request):
    if request.method != "POST":
        rows, inputs = web.example_rows(), {"grants": "4000", "volunteer_hours": "1200"}
        return _calculator_page(request, rows, inputs, None, [])
    rows = web.read_rows(request.POST, web.row_count(request.POST))
    inputs = web.read_inputs(request.POST)
    action = request.POST.get("action", "calculate")
    if action == "add_row" and len(rows) < web.MAX_ROWS:
        rows.append(dict.fromkeys(web.ROW_FIELDS, ""))
        return _calculator_page(request, rows, inputs, None, [])
    try:
        result = web.calculate(rows, inputs, request.POST)
    except CalculatorError as error:
        return _calculator_page(request, rows, inputs, None, web.web_errors(error.errors, rows))
    if action == "csv":
        return _download(to_csv(result), "text/csv; charset=utf-8", "rekenhulp.csv")
    if action == "json":
        body = json.dumps(result, ensure_ascii=False, indent=2)
        return _download(body, "application/json", "rekenhulp.json")
    return _calculator_page(request, rows, inputs, result, [])


def _download(body, content_type, filename):
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _calculator_page(request, rows, inputs, result, errors):
    context = {
        "rows": rows,
        "inputs": inputs,
        "result": result,
        "errors": errors,
        "labels": web.field_labels(),
        "discount_rate": request.POST.get(
            "discount_rate", number_format(engine.DEFAULT_DISCOUNT_RATE * 100, 2)
        ),
        "hour_value_hint": number_format(default_volunteer_hour_value(), 2),
        "convention": request.POST.get("convention", "platform"),
        "triggers": [trigger_text(t["code"]) for t in (result or {}).get("review_triggers", [])],
        "library_prices": _library_prices(),
    }
    status = 422 if errors else 200
    return render(request, "impact/calculator.html", context, status=status)


def _library_prices():
    """Catalogue proxies in prices of the last CPI year, for people who need a value to start."""
    library = ProxyLibrary.objects.order_by("-version").first()
    if library is None:
        return []
    proxies = compute.library_proxies(library)
    tables = compute.price_tables()
    year = max(tables[0]) if tables[0] else 2025
    rows = []
    for indicator in catalogue().exclude(proxy_key=""):
        price = compute.unit_value(indicator, proxies, year, tables)
        if price:
            rows.append({"indicator": indicator, "price": price, "year": year})
    return rows


def methodology(request):
    library = ProxyLibrary.objects.order_by("-version").prefetch_related("proxies").first()
    year = latest_published_year()
    context = {
        "library": library,
        "indicators": catalogue(),
        "national": aggregate(year=year) if year else None,
        "national_year": year,
    }
    return render(request, "impact/methodology.html", context)


def impact_page(request, slug):
    collective = get_object_or_404(
        policy.visible_collectives(request.user).select_related("municipality"), slug=slug
    )
    drafts = (
        list(collective.impact_reports.exclude(status="gepubliceerd").order_by("-year"))
        if policy.can_see_impact_drafts(request.user, collective)
        else []
    )
    # Drafts first, marked as such: editors check them, a consenting municipality reads them.
    reports = [report_view(with_result(r)) for r in drafts]
    reports += [report_view(r) for r in published_reports(collective)]
    return render(
        request,
        "impact/impact_page.html",
        {
            "collective": collective,
            "reports": reports,
            "can_edit": policy.can_edit_impact(request.user, collective),
            "drafts": drafts,
            "latest_library": actions.latest_library(),
        },
    )


def _editable(request, slug):
    collective = get_object_or_404(policy.visible_collectives(request.user), slug=slug)
    if not policy.can_edit_impact(request.user, collective):
        raise PermissionDenied
    return collective


@login_required
def report_edit(request, slug, year=None):
    collective = _editable(request, slug)
    report = actions.existing_report(collective, year) if year else None
    if request.method == "POST":
        action = request.POST.get("action", "save")
        try:
            report = actions.save_report(request.user, collective, request.POST, report)
        except actions.ActionError as error:
            return _editor(request, collective, error.form, error.outcome_forms, report)
        if action == "publish":
            try:
                actions.publish_report(request.user, report)
            except actions.ActionError as error:
                for message in error.errors:
                    messages.error(request, message["message"])
                return redirect("impact_edit", collective.slug, report.year)
            messages.success(request, _("De rapportage over %(year)s is gepubliceerd.") % {
                "year": report.year})  # fmt: skip
            return redirect("impact", collective.slug)
        messages.success(request, _("Concept opgeslagen."))
        return redirect("impact_edit", collective.slug, report.year)
    form, outcome_forms = forms.editor_forms(collective, report, request.GET.get("jaar"))
    return _editor(request, collective, form, outcome_forms, report)


def _editor(request, collective, form, outcome_forms, report):
    context = {
        "collective": collective,
        "form": form,
        "outcome_forms": forms.add_overviews(outcome_forms),
        "input_fields": forms.INPUT_FIELDS,
        "main_inputs": forms.MAIN_INPUTS,
        "other_inputs": forms.OTHER_INPUTS,
        "inputs_overview": forms.inputs_overview(form),
        "assurance_open": bool(form["assurance"].value() or form["assurance"].errors),
        "report": report,
        "step": forms.editor_step(report),
        "indicators": list(catalogue()),
        "preview": _preview(report) if report else None,
    }
    return render(request, "impact/report_form.html", context)


def _preview(report):
    summary = compute.summarise(report, report_outcomes(report), simulations=2000)
    report.result = summary
    return report_view(report)


@login_required
@require_POST
def report_preview(request, slug):
    """htmx: the live result of the form as it stands, without saving."""
    collective = _editable(request, slug)
    year = request.POST.get("original_year", "")
    report = actions.existing_report(collective, int(year)) if year.isdigit() else None
    try:
        view, errors = actions.preview(collective, request.POST, report), []
    except actions.ActionError as error:
        view, errors = None, error.errors
    return render(request, "impact/includes/preview.html", {"preview": view, "errors": errors})


@login_required
def library_new_version(request):
    """Staff: draft a new proxy library version, see which published reports it would change
    and by how much, and publish it (actions.new_library_version; nothing else writes)."""
    if not policy.can_manage_proxy_library(request.user):
        raise PermissionDenied
    latest = actions.latest_library()
    proxies = list(latest.proxies.all())
    preview, errors, stale = None, [], False
    note = request.POST.get("note", "").strip()
    if request.method == "POST":
        changes = web.library_changes(request.POST, proxies)
        digest = _digest(changes, note)
        action = request.POST.get("action", "preview")
        try:
            if action == "publish" and request.POST.get("previewed") == digest:
                library = actions.new_library_version(request.user, changes, note)
                messages.success(request, _(
                    "Versie %(version)s van de proxybibliotheek is gepubliceerd. Nieuwe "
                    "rapportages rekenen ermee; gepubliceerde rapportages houden hun versie."
                ) % {"version": library.version})  # fmt: skip
                return redirect("impact_library")
            stale = action == "publish"
            preview = actions.preview_library_version(request.user, changes, note)
        except actions.ActionError as error:
            errors = web.library_errors(error.errors, proxies)
    else:
        digest = ""
    context = {
        "library": latest,
        "proxies": proxies,
        "proxy_names": {key: str(name) for key, name in PROXY_NAMES.items()},
        "values": web.library_form_values(request.POST, proxies),
        "note": note,
        "preview": preview,
        "shown_reports": preview.changed_reports[:LIBRARY_PREVIEW_ROWS] if preview else [],
        "digest": digest,
        "stale": stale,
        "errors": errors,
        "error_fields": {e["field"]: e["message"] for e in errors},
        "versions": ProxyLibrary.objects.order_by("-version")[:10],
    }
    return render(request, "impact/library.html", context, status=422 if errors else 200)


LIBRARY_PREVIEW_ROWS = 50
# What staff read above each proxy's fields; the key stays beside it, as the API and the
# methodology name it. A key not here (a proxy added later) shows as its description.
PROXY_NAMES = {
    "co2_ets_price_2024": gettext_lazy("CO₂-marktprijs (EU ETS, 2024)"),
    "co2_shadow_price": gettext_lazy("CO₂-prijs (schaduwprijs, per kg CO₂)"),
    "discount_rate_nl": gettext_lazy("Discontovoet (Nederlandse standaard)"),
    "gp_consultation_2022": gettext_lazy("Consult bij de huisarts (2022)"),
    "grid_emission_factor_2021": gettext_lazy("Uitstoot per kWh stroom van het net (2021)"),
    "informal_care_hour_2022": gettext_lazy("Uur mantelzorg (2022)"),
    "loneliness_severe_2020": gettext_lazy("Een persoon een jaar minder ernstig eenzaam (2020)"),
    "minimum_wage_hour_2025": gettext_lazy("Minimumloon per uur (2025)"),
    "productivity_loss_hour_2022": gettext_lazy("Uur productiviteitsverlies (2022)"),
    "wellby_2019": gettext_lazy("Eén punt levenstevredenheid een jaar lang (WELLBY, 2019)"),
}


def _digest(changes, note):
    """What was previewed, so 'publiceren' publishes exactly that and nothing typed since."""
    text = json.dumps([changes, note], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
