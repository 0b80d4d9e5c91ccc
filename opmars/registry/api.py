"""The collective's API: the filtered list, one public profile, writing with a write token,
the map, and the vocabularies.

Writes go through the same service functions as the web forms (registry/actions.py), so the
policy, the Dutch validation messages and the audit events are the forms' own.
"""

import functools
from typing import Annotated

from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from django.views.decorators.gzip import gzip_page
from ninja import Field, Query, Router
from ninja.decorators import decorate_view
from ninja.responses import Status

from opmars.accounts.policy import visible_collectives
from opmars.api.auth import WriteToken
from opmars.api.errors import ApiError, not_found
from opmars.api.params import MAX_ZOOM
from opmars.api.schemas import ErrorResponse
from opmars.caching import http as caching_http
from opmars.common import limits
from opmars.networks.models import NetworkKind
from opmars.registry import actions, history, mapdata, scopes
from opmars.registry.models import FormerSlug
from opmars.registry.params import (
    FILTER_PARAMETERS,
    FORMATS,
    PAGE_PARAMETERS,
    Year,
    only_filters,
    parse_api_query,
)
from opmars.registry.query import filter_collectives, order_collectives
from opmars.registry.schemas import (
    CollectiveDetail,
    CollectiveIn,
    CollectiveList,
    LifeEventCorrection,
    LifeEventIn,
    LifeEventList,
    LifeEventOut,
    MapResponse,
    NewCollectiveIn,
    Vocabularies,
    YearlyFactsIn,
    YearlyFactsOut,
    YearlyFactsPatch,
)
from opmars.registry.serializers import (
    collective_detail,
    collective_item,
    life_event,
    yearly_facts,
)
from opmars.registry.vocab import DEFINITIONS, VOCABULARIES, LocationPrecision

router = Router(tags=["collectives"])
EventId = Annotated[int, Field(ge=1, le=2**63 - 1, description="The event's id (from its list).")]

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


def geojson_response(count, items):
    """An API list page (serializers.collective_item dicts) as a GeoJSON FeatureCollection."""
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [item["lon"], item["lat"]]},
            "properties": {k: v for k, v in item.items() if k not in {"lat", "lon"}},
        }
        for item in items
    ]
    collection = {"type": "FeatureCollection", "count": count, "features": features}
    return JsonResponse(
        collection,
        content_type="application/geo+json",
        json_dumps_params={"ensure_ascii": False},
    )


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
    caching_http.shows_listing(request, scopes.of_query(query))
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
    try:
        collective = find_collective(request.user, slug)
    except ApiError:
        # Merged into another record (dataio.actions.merge_collectives)? Asked only on a miss:
        # two queries fewer on every answer found.
        moved = FormerSlug.moved_to(slug)
        if moved:
            return HttpResponsePermanentRedirect(f"/api/v1/collectives/{moved}")
        raise
    caching_http.shows_collective(request, collective.pk, content=(scopes.COLLECTIVE, slug))
    return collective_detail(collective)


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


# --- writing ------------------------------------------------------------------------------------

# Writing needs a write token; the docs list these endpoints apart.
WRITE = {"auth": WriteToken(), "tags": ["writing"]}
# 413: a body over DATA_UPLOAD_MAX_MEMORY_SIZE (api/errors.py); 422: a body the schema or the
# form refuses (400: a bad parameter, or a body that is not JSON).
ERRORS = {code: ErrorResponse for code in (400, 401, 403, 404, 413, 422, 429)}


create_from_api = functools.partial(actions.create_collective, source=history.SOURCE_API)
update_from_api = functools.partial(actions.update_collective, source=history.SOURCE_API)


def form_data(fields):
    """The API's JSON fields as the collective form's data."""
    data = dict(fields)
    data.update(data.pop("characteristics", None) or {})
    if "works_in" in data:
        data["works_in"] = ", ".join(data["works_in"] or [])
    return data


def validated(write, *args):
    """Run a service function; its Dutch field errors become a 422 in the error shape."""
    try:
        return write(*args)
    except actions.ActionError as failure:
        raise ApiError(422, failure.errors) from failure


@router.post(
    "/collectives",
    **WRITE,
    response={201: CollectiveDetail, **ERRORS},
    summary="Register a collective (write token)",
    exclude_unset=True,
)
def create_collective(request, payload: NewCollectiveIn, response: HttpResponse):
    """The token's user becomes the collective's editor."""
    data = {"status": "actief", **form_data(payload.dict(exclude_unset=True))}
    user = request.auth.user
    collective = validated(create_from_api, user, data)
    response["Location"] = f"/api/v1/collectives/{collective.slug}"
    return Status(201, collective_detail(find_collective(user, collective.slug)))


@router.patch(
    "/collectives/{slug}",
    **WRITE,
    response={200: CollectiveDetail, **ERRORS},
    summary="Change a collective you edit (write token)",
    exclude_unset=True,
)
def update_collective(request, slug: str, payload: CollectiveIn):
    """Only the fields in the body change; the others keep their value."""
    user = request.auth.user
    collective = find_collective(user, slug)
    data = {
        **actions.collective_form_initial(collective),
        **form_data(payload.dict(exclude_unset=True)),
    }
    validated(update_from_api, user, collective, data)
    return collective_detail(find_collective(user, slug))


@router.put(
    "/collectives/{slug}/facts/{year}",
    **WRITE,
    response={200: YearlyFactsOut, **ERRORS},
    summary="Create or replace one year's facts (write token)",
)
def put_yearly_facts(request, slug: str, year: Year, payload: YearlyFactsIn):
    """Replaces the whole year: every figure is required, null means unknown. Written by the
    collective's editors, staff, and the admins of a network it is a member of when it has no
    editors of its own or its editors allowed that network to write its yearly facts."""
    user = request.auth.user
    collective = find_collective(user, slug)
    facts = validated(actions.save_yearly_facts, user, collective, {**payload.dict(), "year": year})
    return yearly_facts(facts)


@router.patch(
    "/collectives/{slug}/facts/{year}",
    **WRITE,
    response={200: YearlyFactsOut, **ERRORS},
    summary="Change some of one year's facts (write token)",
)
def patch_yearly_facts(request, slug: str, year: Year, payload: YearlyFactsPatch):
    """Only the figures in the body change; a year without facts is a 404 (create it with PUT)."""
    user = request.auth.user
    collective = find_collective(user, slug)
    changes = payload.dict(exclude_unset=True)
    facts = validated(actions.update_yearly_facts, user, collective, year, changes)
    if facts is None:
        raise not_found(
            "year",
            _("%(slug)s heeft nog geen cijfers over %(year)s. Maak dat jaar met PUT.")
            % {"slug": slug, "year": year},
        )
    return yearly_facts(facts)


# --- a collective's life ---------------------------------------------------------------------


@router.get(
    "/collectives/{slug}/events",
    tags=["collectives"],
    response={200: LifeEventList, 404: ErrorResponse},
    summary="A collective's life: founded, dormant, stopped, legal form, networks, with dates",
)
def list_events(request, slug: str):
    """Oldest first. The figures of a past year follow from these events."""
    collective = find_collective(request.user, slug)
    items = [life_event(e) for e in collective.events.order_by("date", "id")]
    return {"count": len(items), "items": items}


@router.post(
    "/collectives/{slug}/events",
    **WRITE,
    response={201: LifeEventOut, **ERRORS},
    summary="Record an event in a collective's life (write token)",
)
def add_event(request, slug: str, payload: LifeEventIn, response: HttpResponse):
    """The status, founding year and legal form of the collective follow from its events."""
    user = request.auth.user
    collective = find_collective(user, slug)
    add = functools.partial(actions.add_event, via=history.SOURCE_API)
    event = validated(add, user, collective, payload.dict(exclude_unset=True))
    response["Location"] = f"/api/v1/collectives/{slug}/events"
    return Status(201, life_event(event))


@router.patch(
    "/collectives/{slug}/events/{event_id}",
    **WRITE,
    response={200: LifeEventOut, **ERRORS},
    summary="Correct the date of an event (write token)",
)
def correct_event(request, slug: str, event_id: EventId, payload: LifeEventCorrection):
    """The correction is kept and shown beside the event."""
    user = request.auth.user
    collective = find_collective(user, slug)
    event = collective.events.filter(pk=event_id).first()
    if event is None:
        raise not_found(
            "event_id",
            _("%(slug)s heeft geen gebeurtenis %(id)s; de lijst staat op %(list)s.")
            % {"slug": slug, "id": event_id, "list": f"/api/v1/collectives/{slug}/events"},
        )
    correct = functools.partial(actions.correct_event, via=history.SOURCE_API)
    return life_event(validated(correct, user, collective, event, payload.dict(exclude_unset=True)))


# --- the map ------------------------------------------------------------------------------------


@router.get(
    "/map",
    tags=["map"],
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
    caching_http.shows_listing(request, scopes.of_query(query))
    bounds = mapdata.parse_bbox(bbox)
    matching = filter_collectives(query, visible_collectives(request.user))
    return mapdata.map_data(matching, zoom, bounds)


# --- vocabularies -------------------------------------------------------------------------------

EXTRA_VOCABULARIES = {
    "location_precision": (
        LocationPrecision,
        gettext_lazy(
            "Hoe precies de getoonde plek is: een openbaar adres, postcodegebied of gemeente."
        ),
    ),
    "network_kind": (NetworkKind, gettext_lazy("Soort netwerk van collectieven.")),
}


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


@router.get(
    "/vocabularies",
    response=Vocabularies,
    tags=["reference data"],
    summary="Codes and labels of every vocabulary",
)
def list_vocabularies(request):
    vocabularies = {name: (choices, DEFINITIONS[name]) for name, choices in VOCABULARIES.items()}
    vocabularies.update(EXTRA_VOCABULARIES)
    return {name: _vocabulary(*pair) for name, pair in vocabularies.items()}
