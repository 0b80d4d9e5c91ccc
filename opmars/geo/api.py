"""Reference data: the SDGs, and the map's offline outlines (the municipalities' and provinces'
collective counts are the registry's: opmars/registry/areas_api.py)."""

from django.views.decorators.cache import cache_control
from django.views.decorators.http import etag
from ninja import Router
from ninja.decorators import decorate_view

from opmars.geo.models import SdgGoal
from opmars.geo.outlines import encoded_outlines, outlines_response
from opmars.geo.schemas import OUTLINE_COLLECTION_SCHEMA, SdgList

router = Router(tags=["reference data"])


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
