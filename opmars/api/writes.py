"""Writing collectives and their yearly facts with a write token.

The same service functions as the web forms do the work (registry/actions.py), so the policy,
the Dutch validation messages and the audit events are the forms' own.
"""

from django.http import HttpResponse
from ninja.responses import Status

from opmars.api.auth import WriteToken
from opmars.api.collectives import find_collective, router
from opmars.api.errors import ApiError
from opmars.api.params import Year
from opmars.api.schemas import (
    CollectiveDetail,
    CollectiveIn,
    ErrorResponse,
    NewCollectiveIn,
    YearlyFactsIn,
    YearlyFactsOut,
)
from opmars.api.serializers import collective_detail, yearly_facts
from opmars.registry import actions

# On the read router: ninja serves one path from one router, so GET and PATCH share it.
WRITE = {"auth": WriteToken(), "tags": ["writing"]}
# 413: a body over DATA_UPLOAD_MAX_MEMORY_SIZE (errors.py).
ERRORS = {code: ErrorResponse for code in (400, 401, 403, 404, 413, 429)}


def form_data(fields):
    """The API's JSON fields as the collective form's data."""
    data = dict(fields)
    data.update(data.pop("characteristics", None) or {})
    if "works_in" in data:
        data["works_in"] = ", ".join(data["works_in"] or [])
    return data


def validated(write, *args):
    """Run a service function; its Dutch field errors become a 400 in the error shape."""
    try:
        return write(*args)
    except actions.ActionError as failure:
        raise ApiError(400, failure.errors) from failure


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
    collective = validated(actions.create_collective, user, data)
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
    validated(actions.update_collective, user, collective, data)
    return collective_detail(find_collective(user, slug))


@router.put(
    "/collectives/{slug}/facts/{year}",
    **WRITE,
    response={200: YearlyFactsOut, **ERRORS},
    summary="Create or replace one year's facts of a collective you edit (write token)",
)
def put_yearly_facts(request, slug: str, year: Year, payload: YearlyFactsIn):
    """Replaces the whole year: a field that is not sent becomes unknown."""
    user = request.auth.user
    collective = find_collective(user, slug)
    facts = validated(actions.save_yearly_facts, user, collective, {**payload.dict(), "year": year})
    return yearly_facts(facts)
