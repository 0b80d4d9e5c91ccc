"""Reference data: municipalities and provinces with their collective counts, the SDGs, and the
map's offline outlines."""

from django.db.models import Count
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import etag
from ninja import Router
from ninja.decorators import decorate_view

from opmars.accounts.policy import visible_collectives
from opmars.api.errors import not_found
from opmars.api.schemas import ErrorResponse, code_name
from opmars.geo.models import Municipality, Province, SdgGoal
from opmars.geo.outlines import encoded_outlines, outlines_response
from opmars.geo.schemas import (
    OUTLINE_COLLECTION_SCHEMA,
    MunicipalityDetail,
    MunicipalityList,
    ProvinceDetail,
    ProvinceList,
    SdgList,
)

router = Router(tags=["reference data"])


def _counts(collectives, group_by):
    """{group value: number of collectives}, in one GROUP BY query."""
    rows = collectives.order_by().values_list(group_by).annotate(n=Count("id"))
    return dict(rows)


def _breakdown(collectives, field):
    return dict(sorted(_counts(collectives, field).items()))


def _municipality(m, count):
    return {
        "code": m.code,
        "name": m.name,
        "province": code_name(m.province),
        "population": m.population,
        "lat": m.centroid_lat,
        "lon": m.centroid_lon,
        "collective_count": count,
    }


@router.get("/municipalities", response=MunicipalityList, summary="All 342 municipalities (2024)")
def list_municipalities(request):
    counts = _counts(visible_collectives(request.user), "municipality_id")
    municipalities = Municipality.objects.select_related("province")
    items = [_municipality(m, counts.get(m.code, 0)) for m in municipalities]
    return {"count": len(items), "items": items}


@router.get(
    "/municipalities/{code}",
    response={200: MunicipalityDetail, 404: ErrorResponse},
    summary="One municipality with its collectives by kind and status",
)
def get_municipality(request, code: str):
    municipality = Municipality.objects.select_related("province").filter(code=code.upper()).first()
    if municipality is None:
        raise not_found(
            "code",
            _(
                "Er is geen gemeente met code %(code)s. Gebruik een CBS-code zoals GM0363; "
                "alle codes staan op /api/v1/municipalities."
            )
            % {"code": code},
        )
    here = visible_collectives(request.user).filter(municipality=municipality)
    by_kind = _breakdown(here, "kind")
    return {
        **_municipality(municipality, sum(by_kind.values())),
        "by_kind": by_kind,
        "by_status": _breakdown(here, "status"),
    }


def _province(p, count):
    return {
        "code": p.code,
        "name": p.name,
        "population": p.population,
        "municipality_count": p.municipality_count,
        "collective_count": count,
    }


def _provinces():
    return Province.objects.annotate(municipality_count=Count("municipalities"))


@router.get("/provinces", response=ProvinceList, summary="The 12 provinces")
def list_provinces(request):
    counts = _counts(visible_collectives(request.user), "municipality__province_id")
    items = [_province(p, counts.get(p.code, 0)) for p in _provinces()]
    return {"count": len(items), "items": items}


@router.get(
    "/provinces/{code}",
    response={200: ProvinceDetail, 404: ErrorResponse},
    summary="One province with its municipalities and collectives by kind and status",
)
def get_province(request, code: str):
    province = _provinces().filter(code=code.upper()).first()
    if province is None:
        raise not_found(
            "code",
            _(
                "Er is geen provincie met code %(code)s. Gebruik een CBS-code zoals PV27; "
                "alle codes staan op /api/v1/provinces."
            )
            % {"code": code},
        )
    here = visible_collectives(request.user).filter(municipality__province=province)
    by_kind = _breakdown(here, "kind")
    return {
        **_province(province, sum(by_kind.values())),
        "municipalities": [code_name(m) for m in province.municipalities.order_by("name")],
        "by_kind": by_kind,
        "by_status": _breakdown(here, "status"),
    }


@router.get("/sdgs", response=SdgList, summary="The 17 Sustainable Development Goals and targets")
def list_sdgs(request):
    goals = SdgGoal.objects.prefetch_related("targets")
    items = [
        {
            "number": goal.number,
            "short_title_nl": goal.short_title_nl,
            "short_title_en": goal.short_title_en,
            "title_en": goal.title_en,
            "color": goal.color,
            "targets": [
                {"code": t.code, "type": t.target_type, "title_en": t.title_en}
                for t in goal.targets.all()
            ],
        }
        for goal in goals
    ]
    return {"count": len(items), "items": items}


# The map's offline base layer. Outlines change only with a new release; the ETag lets a browser
# check cheaply after that.
OUTLINE_MAX_AGE = 30 * 24 * 3600

OUTLINE_RESPONSES = {
    "responses": {
        200: {
            "description": "A GeoJSON FeatureCollection",
            "content": {"application/geo+json": {"schema": OUTLINE_COLLECTION_SCHEMA}},
        },
        304: {"description": "Not modified: the ETag in If-None-Match still holds"},
    }
}


def _outlines_etag(layer):
    return lambda request, *args, **kwargs: encoded_outlines(layer).etag


@router.get(
    "/outlines/municipalities",
    openapi_extra=OUTLINE_RESPONSES,
    tags=["map"],
    summary="Outlines of the 342 municipalities (GeoJSON, simplified)",
)
@decorate_view(
    cache_control(public=True, max_age=OUTLINE_MAX_AGE),
    etag(_outlines_etag("municipalities")),
)
def municipality_outlines(request):
    return outlines_response(request, "municipalities")


@router.get(
    "/outlines/provinces",
    openapi_extra=OUTLINE_RESPONSES,
    tags=["map"],
    summary="Outlines of the 12 provinces (GeoJSON, simplified)",
)
@decorate_view(
    cache_control(public=True, max_age=OUTLINE_MAX_AGE),
    etag(_outlines_etag("provinces")),
)
def province_outlines(request):
    return outlines_response(request, "provinces")
