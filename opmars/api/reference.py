"""Reference data: municipalities, provinces, SDGs and the vocabularies, with collective counts."""

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from ninja import Router

from opmars.accounts.policy import visible_collectives
from opmars.api.errors import not_found
from opmars.api.schemas import (
    ErrorResponse,
    MunicipalityDetail,
    MunicipalityList,
    ProvinceDetail,
    ProvinceList,
    SdgList,
    Vocabularies,
)
from opmars.api.serializers import code_name
from opmars.geo.models import Municipality, Province, SdgGoal
from opmars.networks.models import NetworkKind
from opmars.registry.vocab import DEFINITIONS, VOCABULARIES, LocationPrecision

router = Router(tags=["reference data"])

EXTRA_VOCABULARIES = {
    "location_precision": (
        LocationPrecision,
        gettext_lazy(
            "Hoe precies de getoonde plek is: een openbaar adres, postcodegebied of gemeente."
        ),
    ),
    "network_kind": (NetworkKind, gettext_lazy("Soort netwerk van collectieven.")),
}


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


def _in_both_languages(text):
    with override("nl"):
        dutch = str(text)
    with override("en"):
        english = str(text)
    return dutch, english


def _vocabulary(choices, definition):
    definition_nl, definition_en = _in_both_languages(definition)
    values = []
    for code, label in zip(choices.values, choices.labels, strict=True):
        label_nl, label_en = _in_both_languages(label)
        values.append({"code": code, "label_nl": label_nl, "label_en": label_en})
    return {"definition_nl": definition_nl, "definition_en": definition_en, "values": values}


@router.get("/vocabularies", response=Vocabularies, summary="Codes and labels of every vocabulary")
def list_vocabularies(request):
    vocabularies = {name: (choices, DEFINITIONS[name]) for name, choices in VOCABULARIES.items()}
    vocabularies.update(EXTRA_VOCABULARIES)
    return {name: _vocabulary(*pair) for name, pair in vocabularies.items()}
