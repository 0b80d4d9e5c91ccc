"""OpenAPI documentation of the collective filters.

The filters are validated by opmars.registry.query.parse_query (shared with the directory page
and the map), not by ninja, so they are described here instead of in the function signatures.
"""

from django.http import QueryDict

from opmars.registry.query import DEFAULT_LIMIT, MAX_LIMIT, MAX_RADIUS_KM, SORTS
from opmars.registry.vocab import Domain, Kind, Status

FILTER_NAMES = (
    "q",
    "kind",
    "domain",
    "province",
    "municipality",
    "works_in",
    "network",
    "status",
    "near",
    "radius_km",
)


def _query_param(name, description, schema):
    return {
        "in": "query",
        "name": name,
        "required": False,
        "description": description,
        "schema": schema,
    }


def _repeatable(name, description, items):
    return _query_param(
        name,
        description + " Repeat the parameter (or separate with commas) for several values; "
        "empty values are ignored, as HTML forms send them.",
        {"type": "array", "items": items},
    )


FILTER_PARAMETERS = [
    _query_param(
        "q",
        "Search words (Dutch, stemmed, diacritics ignored); every word must match. "
        "Only the first 200 characters count.",
        {"type": "string"},
    ),
    _repeatable("kind", "Kind of collective.", {"type": "string", "enum": Kind.values}),
    _repeatable(
        "domain", "Domain the collective works in.", {"type": "string", "enum": Domain.values}
    ),
    _repeatable(
        "province",
        "CBS province code of the seat municipality (case-insensitive).",
        {"type": "string", "examples": ["PV27"]},
    ),
    _repeatable(
        "municipality",
        "CBS code of the seat municipality (case-insensitive).",
        {"type": "string", "examples": ["GM0363"]},
    ),
    _repeatable(
        "works_in",
        "CBS code of a municipality the collective works in (besides its seat).",
        {"type": "string", "examples": ["GM0363"]},
    ),
    _repeatable("network", "Slug of a network the collective is a member of.", {"type": "string"}),
    _repeatable("status", "Life-cycle status.", {"type": "string", "enum": Status.values}),
    _query_param(
        "near",
        "A point in the Netherlands as 'lat,lon'; only collectives within radius_km of it.",
        {"type": "string", "examples": ["52.37,4.89"]},
    ),
    _query_param(
        "radius_km",
        "Radius around `near` in km (default 25 with near).",
        {"type": "number", "exclusiveMinimum": 0, "maximum": MAX_RADIUS_KM},
    ),
]

PAGE_PARAMETERS = [
    _query_param(
        "sort",
        "Order: name, founded_year, - for descending; distance needs near, relevance needs q. "
        "Default: relevance with q, else distance with near, else name.",
        {"type": "string", "enum": sorted(SORTS)},
    ),
    _query_param(
        "limit",
        "Page size.",
        {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
    ),
    _query_param("offset", "Items to skip.", {"type": "integer", "minimum": 0, "default": 0}),
]


def only_filters(params: QueryDict) -> QueryDict:
    """Only the filter parameters, so a stray `sort` or `limit` does not bother the map."""
    filters = QueryDict(mutable=True)
    for name in FILTER_NAMES:
        if name in params:
            filters.setlist(name, params.getlist(name))
    return filters
