"""The local rights pages: the national summary with a map per right, a page per province, and
the forms staff and network admins keep the register with. Thin: data from evidence.py,
writes through actions.py."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opmars.accounts import policy
from opmars.common import register_import
from opmars.geo.models import Municipality, Province
from opmars.rights import actions, evidence, maps
from opmars.rights.forms import LocalRightForm, RightCaseForm
from opmars.rights.models import LocalRight, Right, RightCase, Status


def managers_only(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not policy.can_manage_local_rights(request.user):
            raise PermissionDenied(
                _(
                    "Alleen medewerkers van Opmars en beheerders van een netwerk houden lokale "
                    "rechten bij."
                )
            )
        return view(request, *args, **kwargs)

    return wrapped


def _section(code):
    """The municipality page's local rights section."""
    return reverse("municipality", args=[code]) + "#lokale-rechten"


def _chosen_right(request):
    value = request.GET.get("recht", "")
    return Right(value) if value in Right.values else Right.UITDAAGRECHT


def _map(right, codes, title):
    entries = LocalRight.objects.filter(right=right).select_related("municipality")
    if codes is not None:
        entries = entries.filter(municipality_id__in=codes)
    statuses, titles = {}, {}
    for entry in entries:
        statuses[entry.municipality_id] = entry.status
        demo = f" ({_('fictief voorbeeld')})" if entry.is_demo else ""
        titles[entry.municipality_id] = (
            f"{entry.municipality.name}: {entry.get_status_display()}{demo}"
        )
    return maps.status_map(title, statuses, codes, titles)


def _legend(counts):
    return [
        {"status": s.value, "label": s.label, "colour": maps.FILL[s], "count": counts[s.value]}
        for s in Status
    ]


def summary(request):
    right = _chosen_right(request)
    codes = list(Municipality.objects.values_list("code", flat=True))
    national = evidence.status_counts(codes)
    title = _("Kaart: %(right)s per gemeente in Nederland") % {"right": right.label}
    context = {
        "right": right,
        "rights": list(Right),
        "map_svg": _map(right, None, title),
        "legend": _legend(national[right.value]),
        "national": [{"code": r.value, "label": r.label, **national[r.value]} for r in Right],
        "municipalities": len(codes),
        "provinces": evidence.province_table(),
        "demo": LocalRight.objects.filter(is_demo=True).exists()
        or RightCase.objects.filter(is_demo=True).exists(),
        "cases": [
            evidence.case_row(c)
            for c in RightCase.objects.select_related("municipality", "collective")[:20]
        ],
        "can_manage": policy.can_manage_local_rights(request.user),
    }
    return render(request, "rights/summary.html", context)


def province(request, code):
    province = get_object_or_404(Province, code=code.upper())
    right = _chosen_right(request)
    municipalities = list(Municipality.objects.filter(province=province).order_by("name"))
    codes = [m.code for m in municipalities]
    stored = {}
    for entry in LocalRight.objects.filter(municipality_id__in=codes):
        stored.setdefault(entry.municipality_id, {})[entry.right] = entry
    rows = [
        {
            "municipality": m,
            "cells": [
                {"right": r.value, "entry": stored.get(m.code, {}).get(r.value)} for r in Right
            ],
        }
        for m in municipalities
    ]
    counts = evidence.status_counts(codes)
    title = _("Kaart: %(right)s per gemeente in %(province)s") % {
        "right": right.label,
        "province": province.name,
    }
    context = {
        "province": province,
        "right": right,
        "rights": list(Right),
        "map_svg": _map(right, codes, title),
        "legend": _legend(counts[right.value]),
        "counts": [{"code": r.value, "label": r.label, **counts[r.value]} for r in Right],
        "rows": rows,
        "demo": any(e.is_demo for by_right in stored.values() for e in by_right.values()),
        "cases": [
            evidence.case_row(c)
            for c in RightCase.objects.filter(municipality_id__in=codes).select_related(
                "municipality", "collective"
            )
        ],
        "can_manage": policy.can_manage_local_rights(request.user),
    }
    return render(request, "rights/province.html", context)


def _entry_initial(entry):
    return {
        "municipality": entry.municipality_id,
        "right": entry.right,
        "status": entry.status,
        "since": entry.since.strftime("%d-%m-%Y") if entry.since else "",
        "instrument": entry.instrument,
        "source_url": entry.source_url,
        "source_date": entry.source_date.strftime("%d-%m-%Y") if entry.source_date else "",
        "last_checked": entry.last_checked.strftime("%d-%m-%Y"),
        "note": entry.note,
        "is_demo": entry.is_demo,
    }


@managers_only
def entry_edit(request, code=None, right=None):
    """Record or change what a municipality says about a right (one entry per pair)."""
    entry = None
    if code and right:
        if right not in Right.values:
            raise Http404
        municipality = get_object_or_404(Municipality, code=code.upper())
        entry = LocalRight.objects.filter(municipality=municipality, right=right).first()
        initial = _entry_initial(entry) if entry else {"municipality": code, "right": right}
    else:
        initial = {k: request.GET[k] for k in ("municipality", "right") if k in request.GET}
    form = LocalRightForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        entry = actions.save_local_right(request.user, form)
        messages.success(
            request,
            _("%(right)s in %(name)s is opgeslagen.")
            % {"right": entry.get_right_display(), "name": entry.municipality.name},
        )
        return redirect(_section(entry.municipality_id))
    return render(request, "rights/entry_form.html", {"form": form, "entry": entry})


@managers_only
def case_edit(request, pk=None):
    case = get_object_or_404(RightCase, pk=pk) if pk else None
    initial = {}
    if case:
        initial = {
            "municipality": case.municipality_id,
            "right": case.right,
            "collective": case.collective.slug if case.collective else case.collective_name,
            "year": case.year,
            "subject": case.subject,
            "outcome": case.outcome,
            "source_url": case.source_url,
            "source_date": case.source_date.strftime("%d-%m-%Y") if case.source_date else "",
            "note": case.note,
            "is_demo": case.is_demo,
        }
    else:
        initial = {k: request.GET[k] for k in ("municipality", "right") if k in request.GET}
    form = RightCaseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        case = actions.save_case(request.user, form, case)
        messages.success(request, _("De zaak is opgeslagen."))
        return redirect(_section(case.municipality_id))
    return render(request, "rights/case_form.html", {"form": form, "case": case})


@require_POST
@managers_only
def case_delete(request, pk):
    case = get_object_or_404(RightCase, pk=pk)
    code = case.municipality_id
    actions.delete_case(request.user, case)
    messages.success(request, _("De zaak is verwijderd."))
    return redirect(_section(code))


@managers_only
def import_csv(request):
    """Upload a CSV: first a dry run (what would change, or every error per row); then the
    same text is sent back to apply it, all or nothing."""
    return register_import.import_page(
        request,
        actions.import_rights,
        columns=actions.COLUMNS,
        required=actions.REQUIRED_COLUMNS,
        template="rights/import.html",
        done_url="local_rights",
    )
