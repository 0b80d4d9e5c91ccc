"""The collective's API parameters: years and figures with their bounds, and the OpenAPI
documentation of the collective filters (generic bounds: opmars/api/params.py).

The collective filters are validated by opmars.registry.query.parse_query (shared with the
directory page and the map), not by ninja, so they are described here instead of in the function
signatures.
"""

from typing import Annotated

from django.http import QueryDict
from django.utils.translation import gettext as _
from ninja import Field

from opmars.api.params import LAST_YEAR, MAX_OFFSET
from opmars.common.errors import QueryError
from opmars.registry.forms import FIRST_YEAR
from opmars.registry.models import MAX_EUROS, MAX_PEOPLE
from opmars.registry.query import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    MAX_RADIUS_KM,
    SORTS,
    parse_query,
)
from opmars.registry.vocab import Domain, Kind, Status

Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR, description="Calendar year.")]
# In a write body the form checks the year and a figure's range (declared on the model, the same
# on both databases: docs/decisions/0037), in its own Dutch words and along with its other
# errors, after the permission check (docs/decisions/0028); the schema only shows those bounds.
# Strict: in a JSON body true is not 1 and "12" is not 12.
BodyYear = Annotated[int, Field(json_schema_extra={"minimum": FIRST_YEAR, "maximum": LAST_YEAR})]


def _figure(maximum, unit):
    bounds = {"minimum": 0, "maximum": maximum}
    return Annotated[int, Field(strict=True, json_schema_extra=bounds, description=unit)]


People = _figure(MAX_PEOPLE, "Number of people.")
Euros = _figure(MAX_EUROS, "Euro.")


FILTER_NAMES = (
    "q",
    "kind",
    "domain",
    "province",
    "municipality",
    "works_in",
    "network",
    "status",
    "active_in",
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
        description + " Repeat the parameter (or separate with commas) for several values. "
        "Sent empty, a parameter with a list of values (enum) is a 400; others ignore it.",
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
        "active_in",
        "Only collectives active on 31 December of this year, from their life-cycle events "
        "(this year: active now).",
        {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR},
    ),
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
    _query_param(
        "offset",
        "Items to skip.",
        {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0},
    ),
]
FORMATS = ("json", "geojson")
# Parameters with a closed list of values: sent empty, they are an error in the API (the
# directory page's form sends them empty for "any", and parse_query ignores that there).
CHOICE_PARAMETERS = {
    "kind": Kind.values,
    "domain": Domain.values,
    "status": Status.values,
    "sort": sorted(SORTS),
    "format": FORMATS,
}
# Numbers the API reads through parse_query: sent empty, they are an error too.
NUMBER_PARAMETERS = ("active_in", "radius_km", "limit", "offset")


def _sent_empty(params: QueryDict, name):
    return any(not value.replace(",", "").strip() for value in params.getlist(name))


def _empty_errors(params: QueryDict):
    errors = []
    for name, choices in CHOICE_PARAMETERS.items():
        if _sent_empty(params, name):
            message = _("%(name)s is leeg. Kies uit: %(choices)s, of laat %(name)s weg.") % {
                "name": name,
                "choices": ", ".join(choices),
            }
            errors.append({"field": name, "code": "leeg", "message": message})
    for name in NUMBER_PARAMETERS:
        if _sent_empty(params, name):
            message = _("%(name)s is leeg. Geef een getal, of laat %(name)s weg.") % {"name": name}
            errors.append({"field": name, "code": "leeg", "message": message})
    return errors


def _format_errors(params: QueryDict):
    unknown = [v for v in params.getlist("format") if v.strip() and v not in FORMATS]
    if not unknown:
        return []
    message = _("Onbekende waarde %(value)s voor format. Kies uit: %(choices)s.") % {
        "value": ", ".join(unknown),
        "choices": ", ".join(FORMATS),
    }
    return [{"field": "format", "code": "onbekende_waarde", "message": message}]


def parse_api_query(params: QueryDict):
    """parse_query, with two more errors the API reports along with its own: a choice or number
    parameter sent empty (status=, limit=) and an unknown format."""
    errors = _empty_errors(params) + _format_errors(params)
    try:
        query = parse_query(params)
    except QueryError as failure:
        errors += failure.errors
    if errors:
        raise QueryError(errors)
    return query


def only_filters(params: QueryDict) -> QueryDict:
    """Only the filter parameters, so a stray `sort` or `limit` does not bother the map."""
    filters = QueryDict(mutable=True)
    for name in FILTER_NAMES:
        if name in params:
            filters.setlist(name, params.getlist(name))
    return filters
