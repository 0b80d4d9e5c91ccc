"""Collectives: the filtered list and one public profile."""

from django.utils.translation import gettext as _
from ninja import Router

from opmars.accounts.policy import visible_collectives
from opmars.api.errors import not_found
from opmars.api.params import FILTER_PARAMETERS, FORMATS, PAGE_PARAMETERS, parse_api_query
from opmars.api.schemas import CollectiveDetail, CollectiveList, ErrorResponse
from opmars.api.serializers import collective_detail, collective_item
from opmars.dataio.exporting import geojson_response
from opmars.registry.query import filter_collectives, order_collectives
from opmars.security import limits

router = Router(tags=["collectives"])

FORMAT_PARAMETER = {
    "in": "query",
    "name": "format",
    "required": False,
    "description": "`geojson` answers the same page as a GeoJSON FeatureCollection "
    "(application/geo+json) with the public point of each collective.",
    "schema": {"type": "string", "enum": list(FORMATS)},
}
GEOJSON_SCHEMA = {
    "type": "object",
    "required": ["type", "count", "features"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "count": {"type": "integer"},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "geometry", "properties"],
                "properties": {
                    "type": {"const": "Feature"},
                    "geometry": {
                        "type": "object",
                        "properties": {
                            "type": {"const": "Point"},
                            "coordinates": {"type": "array", "items": {"type": "number"}},
                        },
                    },
                    "properties": {
                        "type": "object",
                        "description": "The list item's fields without lat and lon.",
                    },
                },
            },
        },
    },
}


@router.get(
    "/collectives",
    response={200: CollectiveList, 400: ErrorResponse, 429: ErrorResponse},
    summary="List and search collectives",
    openapi_extra={
        "parameters": FILTER_PARAMETERS + PAGE_PARAMETERS + [FORMAT_PARAMETER],
        "responses": {200: {"content": {"application/geo+json": {"schema": GEOJSON_SCHEMA}}}},
    },
    exclude_unset=True,  # distance_km only appears when `near` was given
)
def list_collectives(request):
    """The same filters and order as the directory page and the map (registry/query.py)."""
    limits.check(request, "search")
    query = parse_api_query(request.GET)
    matching = filter_collectives(query, visible_collectives(request.user))
    ordered = order_collectives(query, matching)
    ordered = ordered.select_related("municipality__province").prefetch_related("domains")
    page = ordered[query.offset : query.offset + query.limit]
    items = [collective_item(c, with_distance=bool(query.near)) for c in page]
    if request.GET.get("format") == "geojson":
        return geojson_response(matching.count(), items)
    return {"count": matching.count(), "items": items}


@router.get(
    "/collectives/{slug}",
    response={200: CollectiveDetail, 404: ErrorResponse},
    summary="One collective's public profile",
    exclude_unset=True,
)
def get_collective(request, slug: str):
    return collective_detail(find_collective(request.user, slug))


def find_collective(user, slug):
    """The collective with this slug that the user may see, ready for collective_detail."""
    collective = (
        visible_collectives(user)
        .select_related("municipality__province")
        .prefetch_related("domains", "facts", "works_in", "networks")
        .filter(slug=slug)
        .first()
    )
    if collective is None:
        raise not_found(
            "slug",
            _("Er is geen collectief met slug '%(slug)s'. Zoek het op via %(search)s.")
            % {"slug": slug, "search": "/api/v1/collectives?q=naam"},
        )
    return collective
