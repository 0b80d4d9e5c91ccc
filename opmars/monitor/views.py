"""Monitor pages and their downloads. Thin: figures from metrics, layout from present."""

import functools

from django import forms
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from opmars.caching import generation
from opmars.common.limits import limited
from opmars.common.spreadsheet import dutch_csv, open_csv
from opmars.geo.lookup import merged_municipality
from opmars.monitor import (
    actions,
    collective_report,
    finance_figures,
    metrics,
    movement,
    present,
    report,
    survival,
)
from opmars.monitor.models import FigureSnapshot
from opmars.registry import public_history
from opmars.ui import svg


def leads_to_successor(view):
    """A former municipality's monitor page or download leads to where its area went: to the
    same page of its one successor (permanently), or to a page naming its successors."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            code = kwargs.get("code", "")
            former = kwargs.get("scope", "gemeenten") == "gemeenten"
            merged = merged_municipality(code) if former else None
            if merged is None:
                raise
            if len(merged.successors) == 1:
                successor = merged.successors[0].code
                path = request.get_full_path().replace(f"/{code}/", f"/{successor}/", 1)
                return redirect(path, permanent=True)
            return render(
                request, "registry/municipality_merged.html", {"merged": merged}, status=404
            )

    return wrapper


def _year(request):
    """?jaar=2024; anything else means the last complete year."""
    raw = request.GET.get("jaar", "")
    if raw.isdigit() and metrics.valid_year(int(raw)):
        return int(raw)
    return metrics.last_complete_year()


def _area(scope, code):
    area = present.area_for(scope, code)
    if area is None:
        raise Http404
    return area


@metrics.one_data_version
def _page(request, area):
    year = _year(request)
    figures = metrics.summary(area, year)
    map_rows = metrics.municipality_map(area)
    context = {
        "area": area,
        "scope": present.url_scope(area),
        "year": year,
        "years": range(metrics.last_complete_year(), metrics.last_complete_year() - 8, -1),
        "figures": figures,
        "charts": present.charts_for(area, figures, year),
        "kinds": present.coverage_with_share(figures),
        "comparison": present.comparison_rows(area, year) if area.population else [],
        "comparison_downloads": present.comparison_downloads(area, year),
        "map_rows": map_rows,
        "map_table": present.municipality_table(map_rows),
        "survival": metrics.cached("survival", area, 0, lambda: survival.cohort_survival(area)),
        "professionalisation": metrics.cached(
            "professionalisation",
            area,
            year,
            lambda: metrics.professionalisation(area, (year - 10, year - 5, year)),
        ),
        "snapshots": FigureSnapshot.objects.filter(scope=present.url_scope(area), code=area.code),
        "income_by_kind": metrics.cached(
            "income_by_kind", area, year, lambda: finance_figures.income_by_kind(area, year)
        ),
        "grants_by_funder": metrics.cached(
            "grants_by_funder", area, year, lambda: finance_figures.grants_by_funder(area, year)
        ),
    }
    if area.scope == "national":
        context["zuil"] = present.nieuwe_zuil(figures, year)
        context["energy_coverage"] = present.energy_coverage()
        context["movement"] = movement.movement(year)
    return render(request, "monitor/area.html", context)


def national(request):
    return _page(request, metrics.national())


def province(request, code):
    return _page(request, _area("provincies", code))


@leads_to_successor
def municipality(request, code):
    return _page(request, _area("gemeenten", code))


def network(request, slug):
    return _page(request, _area("netwerken", slug))


def kind(request, code):
    return _page(request, _area("soorten", code))


def definitions(request):
    rows = [
        {"key": key, "label": label, "text": text}
        for key, (label, text) in metrics.DEFINITIONS.items()
    ]
    return render(request, "monitor/definitions.html", {"definitions": rows})


def _chart_source(request, figures):
    """The lines under a downloaded chart: its unit (every chart counts collectives), where it
    comes from, as of when, where its definitions are, and whether the data are fictitious."""
    lines = [
        _("Eenheid: aantal collectieven."),
        _("Bron: Opmars, %(site)s, stand %(date)s.")
        % {
            "site": request.build_absolute_uri("/"),
            "date": date_format(timezone.localdate(generation.current().changed_at)),
        },
        _("Definities: %(url)s")
        % {"url": request.build_absolute_uri(reverse("monitor_definitions"))},
    ]
    if figures["demo_count"]:
        lines.append(_("Bevat fictieve voorbeeldcollectieven, geen echte gegevens."))
    return lines


@metrics.one_data_version
@leads_to_successor
def chart(request, scope, code, name, ext, variant="spreadsheet"):
    if name not in present.CHART_NAMES + present.TABLE_NAMES:
        raise Http404
    area = _area(scope, code)
    year = _year(request)
    figures = metrics.summary(area, year)
    title, header, rows, image = present.chart_data(name, area, figures, year)
    filename = f"opmars-{name}-{area.code}-{year}".lower()
    filename += "-open" if variant == "open" else ""
    if ext in ("svg", "png"):
        if image is None:
            raise Http404
        image = svg.framed(image, title, _chart_source(request, figures))
        if ext == "png":
            response = HttpResponse(svg.to_png(image), content_type="image/png")
        else:
            response = HttpResponse(image, content_type="image/svg+xml")
    else:
        write = open_csv if variant == "open" else dutch_csv
        response = HttpResponse(write(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{ext}"'
    return response


@metrics.one_data_version
@leads_to_successor
def report_page(request, scope, code):
    area = _area(scope, code)
    content = report.report_content(area, _year(request))
    context = {**content, "texts": report.report_texts(), "scope": scope}
    return render(request, "monitor/report.html", context)


@limited("pdf")
@metrics.one_data_version
@leads_to_successor
def report_file(request, scope, code, ext, variant="spreadsheet"):
    area = _area(scope, code)
    year = _year(request)
    filename = f"burgercollectieven-{area.code}-{year}".lower()
    if variant == "asks":
        response = HttpResponse(report.asks_csv(area, year), content_type="text/csv; charset=utf-8")
        filename += "-vier-vragen"
    elif ext == "csv":
        open_data = variant == "open"
        filename += "-open" if open_data else ""
        response = HttpResponse(
            report.appendix_csv(area, year, open_data), content_type="text/csv; charset=utf-8"
        )
    else:
        pdf = report.report_pdf(report.report_content(area, year), report.report_texts())
        response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{ext}"'
    return response


class ChangesSince(forms.Form):
    sinds = forms.DateTimeField(
        required=False,
        error_messages={
            "invalid": gettext_lazy(
                "'sinds' is geen datum met tijd. Schrijf die als 2026-12-06T21:50:00Z (UTC) of "
                "2026-12-06 21:50."
            )
        },
    )


@metrics.one_data_version
@leads_to_successor
def changes(request, scope, code):
    """What changed in the public records of the area's collectives after a moment: a report's
    data date links here, so a reader can see what its figures do not hold yet."""
    area = _area(scope, code)
    form = ChangesSince(request.GET)
    context = {"area": area, "scope": scope, "form": form}
    if not form.is_valid():
        return render(request, "monitor/changes.html", context, status=400)
    since = form.cleaned_data["sinds"]
    entries, total, about = public_history.changes_since(
        report.changed_collectives(area, since), since
    )
    context.update(
        since=since,
        entries=entries,
        total=total,
        about=about,
        demo=any(entry.collective.is_demo for entry in entries),
    )
    return render(request, "monitor/changes.html", context)


@require_POST
def publish_snapshot(request, scope, code):
    area = _area(scope, code)
    snapshot = actions.publish_snapshot(request.user, area, _year(request))
    return redirect(snapshot)


def snapshot(request, slug):
    snapshot = get_object_or_404(FigureSnapshot, slug=slug)
    return render(request, "monitor/snapshot.html", {"snapshot": snapshot, "f": snapshot.figures})


def snapshot_json(request, slug):
    snapshot = get_object_or_404(FigureSnapshot, slug=slug)
    return JsonResponse(snapshot.figures, json_dumps_params={"ensure_ascii": False})


@limited("pdf")
def collective_pdf(request, slug):
    collective = collective_report.find(slug)
    if collective is None:
        raise Http404
    year = _year(request)
    pdf = collective_report.pdf(collective_report.content(collective, year))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{slug}-{year}.pdf"'
    return response
