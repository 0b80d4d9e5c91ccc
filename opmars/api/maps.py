"""The map: collectives per municipality or as points, and the offline outline layers."""

from django.views.decorators.cache import cache_control
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import etag
from ninja import Query, Router
from ninja.decorators import decorate_view

from opmars.accounts.policy import visible_collectives
from opmars.api.outlines import encoded_outlines, outlines_response
from opmars.api.params import FILTER_PARAMETERS, MAX_ZOOM, only_filters, parse_api_query
from opmars.api.schemas import OUTLINE_COLLECTION_SCHEMA, ErrorResponse, MapResponse
from opmars.registry import mapdata
from opmars.registry.query import filter_collectives

router = Router(tags=["map"])

# Outlines change only with a new release; the ETag lets a browser check cheaply after that.
OUTLINE_MAX_AGE = 30 * 24 * 3600


@router.get(
    "/map",
    response={200: MapResponse, 400: ErrorResponse},
    summary="Collectives for the map: per municipality when zoomed out, points when zoomed in",
    openapi_extra={"parameters": FILTER_PARAMETERS},
)
@decorate_view(gzip_page)
def map_collectives(
    request,
    zoom: int = Query(
        ...,
        ge=0,
        le=MAX_ZOOM,
        description=f"Map zoom level; points from {mapdata.POINTS_FROM_ZOOM}.",
    ),
    bbox: str | None = Query(
        None,
        description="Visible area as 'west,south,east,north' in degrees; required for points.",
        examples=["4.85,52.35,4.95,52.39"],
    ),
):
    query = parse_api_query(only_filters(request.GET))
    bounds = mapdata.parse_bbox(bbox)
    matching = filter_collectives(query, visible_collectives(request.user))
    return mapdata.map_data(matching, zoom, bounds)


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
    summary="Outlines of the 12 provinces (GeoJSON, simplified)",
)
@decorate_view(
    cache_control(public=True, max_age=OUTLINE_MAX_AGE),
    etag(_outlines_etag("provinces")),
)
def province_outlines(request):
    return outlines_response(request, "provinces")
