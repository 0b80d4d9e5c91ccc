"""The areas' collectives: municipalities and provinces with the number of visible collectives
in them, by kind and status (the reference data itself is opmars/geo's)."""

from django.db.models import Count
from django.utils.translation import gettext as _
from ninja import Router

from opmars.accounts.policy import visible_collectives
from opmars.api.errors import not_found
from opmars.api.schemas import ErrorResponse, code_name
from opmars.geo.lookup import merged_municipality
from opmars.geo.models import Municipality, Province
from opmars.registry.schemas import (
    MunicipalityDetail,
    MunicipalityList,
    ProvinceDetail,
    ProvinceList,
)

router = Router(tags=["reference data"])


def _counts(collectives, group_by):
    """{group value: number of collectives}, in one GROUP BY query."""
    rows = collectives.order_by().values_list(group_by).annotate(n=Count("*"))
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
        merged = merged_municipality(code)
        if merged is not None:
            raise not_found("code", merged.message)
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
