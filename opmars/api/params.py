"""Bounds of API parameters (docs/decisions/0036-api-parameter-bounds.md) and the generic
parameter types built from them: an offset, a page size, a repeatable choice.

Every integer the API reads has a lower and an upper bound; ninja checks them and the OpenAPI
schema shows them (minimum/maximum), so an out-of-range number is a 400 in the error shape before
it reaches the database (an offset past 2^63 or a count past PostgreSQL's 32-bit integer was a
500). The collective's own parameters (years, figures, the directory filters) are in
opmars/registry/params.py.
"""

from typing import Annotated

from ninja import Field

# parse_query's own bounds on offset and page size (tests/api/test_parameter_bounds.py keeps them
# equal).
MAX_OFFSET = 10_000_000
MAX_LIMIT = 500
# The forms refuse years after this year; the schema needs a fixed bound, far enough ahead
# (the first year is the collective's own: opmars/registry/params.py).
LAST_YEAR = 2100
# Leaflet's deepest zoom level.
MAX_ZOOM = 20
# A search radius below 100 m finds nothing, and the peers' closeness score divides by its square
# (a radius of 5e-324 km was a division by zero on PostgreSQL).
MIN_RADIUS_KM = 0.1

Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET, description="Items to skip.")]


def choices(vocabulary, description):
    """A repeatable parameter whose values come from a vocabulary: the schema lists them, the
    endpoint refuses others with a Dutch message of its own."""
    return Field(
        [],
        description=description + " Repeat the parameter for several values.",
        json_schema_extra={"items": {"type": "string", "enum": list(vocabulary.values)}},
    )


def limit(default, maximum=MAX_LIMIT):
    """A page size field: 1 up to maximum items."""
    return Field(default, ge=1, le=maximum, description=f"How many items, at most {maximum}.")
