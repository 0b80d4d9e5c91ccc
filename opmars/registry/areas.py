"""The directory by place: municipality and province pages, and the map."""

from django.conf import settings
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from opmars.accounts import policy
from opmars.caching import store
from opmars.geo.lookup import merged_municipality
from opmars.geo.models import Municipality, Province
from opmars.registry.filters import (
    FILTER_PARAMS,
    PAGE_PARAM,
    PAGE_SIZE,
    FilterForm,
    clean_params,
    page_number,
    parse_filters,
)
from opmars.registry.views import LIST_FIELDS, pagination, url_with
from opmars.registry.vocab import Kind
from opmars.ui import charts, palette


def _counts_by_municipality(user):
    def compute():
        rows = (
            policy.visible_collectives(user)
            .order_by()
            .values("municipality_id")
            .annotate(n=Count("*"))
        )
        return {row["municipality_id"]: row["n"] for row in rows}

    # Logged-in users may see other collectives (their own drafts, later their roles).
    if user.is_authenticated:
        return compute()
    return store.cached("registry.counts_by_municipality", compute=compute)


def _counts_by_kind(collectives):
    rows = collectives.order_by().values("kind").annotate(n=Count("*"))
    counts = {row["kind"]: row["n"] for row in rows}
    rows = [(kind.label, counts.get(kind.value, 0)) for kind in Kind]
    return charts.bar_chart([row for row in rows if row[1]])


def _area_collectives(request, collectives):
    page, _error = page_number(request.GET)
    total = collectives.count()
    start = (page - 1) * PAGE_SIZE
    params = clean_params(request.GET, (PAGE_PARAM,))
    return {
        "total": total,
        "collectives": collectives.order_by("name", "id")[start : start + PAGE_SIZE].values(
            *LIST_FIELDS
        ),
        "pagination": pagination(page, total, params),
    }


def municipality_list(request):
    counts = _counts_by_municipality(request.user)
    municipalities = Municipality.objects.select_related("province").order_by("name")
    return render(
        request,
        "registry/municipality_list.html",
        {
            "municipalities": [(m, counts.get(m.code, 0)) for m in municipalities],
        },
    )


def municipality_detail(request, code):
    if code != code.upper():
        return redirect("municipality", code.upper())
    municipality = Municipality.objects.select_related("province").filter(code=code).first()
    if municipality is None:
        merged = merged_municipality(code)
        if merged is None:
            raise Http404
        if len(merged.successors) == 1:  # an old link: the municipality its area is part of now
            return redirect("municipality", merged.successors[0].code, permanent=True)
        return render(request, "registry/municipality_merged.html", {"merged": merged}, status=404)
    collectives = policy.visible_collectives(request.user).filter(municipality=municipality)
    return render(
        request,
        "registry/municipality_detail.html",
        {
            "municipality": municipality,
            "by_kind": _counts_by_kind(collectives),
            "works_here_count": policy.visible_collectives(request.user)
            .filter(works_in=municipality)
            .exclude(municipality=municipality)
            .count(),
            **_area_collectives(request, collectives),
        },
    )


def province_list(request):
    rows = (
        policy.visible_collectives(request.user)
        .order_by()
        .values("municipality__province_id")
        .annotate(n=Count("*"))
    )
    counts = {row["municipality__province_id"]: row["n"] for row in rows}
    rows = Municipality.objects.order_by().values("province_id").annotate(n=Count("code"))
    municipality_counts = {row["province_id"]: row["n"] for row in rows}
    return render(
        request,
        "registry/province_list.html",
        {
            "provinces": [
                (p, counts.get(p.code, 0), municipality_counts.get(p.code, 0))
                for p in Province.objects.order_by("name")
            ],
        },
    )


def province_detail(request, code):
    if code != code.upper():
        return redirect("province", code.upper())
    province = get_object_or_404(Province, code=code)
    collectives = policy.visible_collectives(request.user).filter(municipality__province=province)
    counts = _counts_by_municipality(request.user)
    return render(
        request,
        "registry/province_detail.html",
        {
            "province": province,
            "municipalities": [
                (m, counts.get(m.code, 0)) for m in province.municipalities.order_by("name")
            ],
            "by_kind": _counts_by_kind(collectives),
            **_area_collectives(request, collectives),
        },
    )


# Map


def map_view(request):
    _query, errors = parse_filters(request.GET)
    return render(
        request,
        "registry/map.html",
        {
            "form": FilterForm(request.GET, with_sort=False),
            "filters_active": bool(clean_params(request.GET, FILTER_PARAMS[1:])),
            "errors": errors,
            "list_url": url_with("collectives", clean_params(request.GET, FILTER_PARAMS)),
            "map_config": {
                "mapUrl": "/api/v1/map",
                "municipalityOutlinesUrl": "/api/v1/outlines/municipalities",
                "provinceOutlinesUrl": "/api/v1/outlines/provinces",
                "collectiveUrl": reverse("collective", args=["SLUG"]),
                "municipalityUrl": reverse("municipality", args=["CODE"]),
                "listUrl": reverse("collectives"),
                "filterParams": list(FILTER_PARAMS),
                "tileUrl": settings.MAP_TILE_URL,
                "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
                "colours": {item["code"]: item["colour"] for item in palette.legend(Kind.choices)},
                "kindLabels": {
                    item["code"]: item["label"] for item in palette.legend(Kind.choices)
                },
                "text": _map_texts(),
            },
            "legend": palette.legend(Kind.choices),
        },
    )


def _map_texts():
    """Strings the map script shows, translated here so the script holds no Dutch."""
    return {
        # Singular and plural pairs: the script picks one by the count.
        "collectivesCount": [_("%(count)s collectief"), _("%(count)s collectieven")],
        "demo": _("Fictief voorbeeld"),
        "municipalityPage": _("Bekijk de gemeente"),
        "loading": _("Kaart laden…"),
        "loadError": _("De kaartgegevens konden niet worden geladen. Probeer het later opnieuw."),
        "shownAggregate": [
            _("%(count)s collectief, per gemeente samengeteld. Zoom in voor losse collectieven."),
            _("%(count)s collectieven, per gemeente samengeteld. Zoom in voor losse collectieven."),
        ],
        "shownPoints": [_("%(count)s collectief in beeld."), _("%(count)s collectieven in beeld.")],
        "truncated": _(
            "Niet alle collectieven passen op de kaart; zoom verder in of gebruik een filter."
        ),
    }
