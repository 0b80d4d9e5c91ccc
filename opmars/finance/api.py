"""API: the financing routes register, and the routes that fit one collective with the reason."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from opmars.accounts.policy import visible_collectives
from opmars.api.errors import not_found
from opmars.api.params import Offset, limit
from opmars.api.schemas import ErrorResponse
from opmars.finance import matching, query

router = Router(tags=["finance routes"])


class AreaOut(Schema):
    level: str = Field(description="landelijk, provinciaal or gemeentelijk")
    code: str | None = Field(
        description="CBS code of the province or municipality; null: national."
    )
    name: str = Field(description="Where it applies: a province, a municipality or 'landelijk'.")


class RouteOut(Schema):
    id: int
    name: str
    provider: str = Field(description="Who gives or lends the money.")
    route_type: str = Field(description="fonds, subsidie, lening, garantiefonds or overig")
    area: AreaOut
    kinds: list[str] = Field(description="Kind codes that may apply; empty: every kind.")
    legal_forms: list[str] = Field(description="Legal form codes that may apply; empty: all.")
    phases: list[str] = Field(
        description="startfase (< 3 years since founding), groeifase (3-9), volwassen (10+); "
        "empty: every phase."
    )
    amount_min: int | None = Field(description="Lowest amount in euro; null: unknown.")
    amount_max: int | None = Field(description="Highest amount in euro; null: unknown.")
    opens: dt.date | None = Field(description="First day to apply; null: open already.")
    closes: dt.date | None = Field(description="Last day to apply; null when ongoing.")
    ongoing: bool = Field(description="Doorlopend: no closing date.")
    description: str
    source_url: str = Field(description="Where the route is described (required).")
    last_checked: dt.date = Field(description="When someone last checked the source.")
    url: str = Field(description="Its page on this site.")
    demo: bool = Field(description="True for a fictitious example route: it does not exist.")


class RouteList(Schema):
    count: int
    items: list[RouteOut]


class RouteParams(Schema):
    kind: str = Field("", description="Only routes open to this kind of collective.")
    legal_form: str = Field("", description="Only routes open to this legal form.")
    phase: str = Field("", description="Only routes open to this phase.")
    municipality: str = Field(
        "", description="CBS code: only routes that apply there (national, its province, it)."
    )
    limit: int = limit(100)
    offset: Offset = 0


class MatchOut(Schema):
    route: RouteOut
    fit: str = Field(description="'past' (fits) or 'past misschien' (phase unknown).")
    reason: str = Field(
        description="In Dutch, e.g. 'past: energiecoöperatie …, coöperatie U.A., Gelderland, "
        "startfase'."
    )
    reasons: list[str] = Field(description="The conditions it meets, one by one.")
    doubts: list[str] = Field(description="Why it only may fit (empty when it fits).")


class CollectiveRef(Schema):
    slug: str
    name: str
    phase: str | None = Field(description="Its phase this year; null: no founding year known.")


class CollectiveMatches(Schema):
    collective: CollectiveRef
    date: dt.date = Field(description="The day the routes are open on.")
    count: int
    items: list[MatchOut]


def route_out(request, route) -> dict:
    code = route.municipality_id or route.province_id
    return {
        "id": route.pk,
        "name": route.name,
        "provider": route.provider,
        "route_type": route.route_type,
        "area": {"level": route.level, "code": code, "name": matching.area_label(route)},
        "kinds": route.kinds,
        "legal_forms": route.legal_forms,
        "phases": route.phases,
        "amount_min": route.amount_min,
        "amount_max": route.amount_max,
        "opens": route.opens,
        "closes": route.closes,
        "ongoing": route.is_ongoing,
        "description": route.description,
        "source_url": route.source_url,
        "last_checked": route.last_checked,
        "url": request.build_absolute_uri(route.get_absolute_url()),
        "demo": route.is_demo,
    }


@router.get(
    "/finance-routes",
    response={200: RouteList, 400: ErrorResponse},
    summary="Financing routes that are open or open later",
)
def list_routes(request, params: Query[RouteParams]):
    routes = query.filter_routes(
        query.current_routes(timezone.localdate()),
        kind=params.kind.strip(),
        legal_form=params.legal_form.strip(),
        phase=params.phase.strip(),
        municipality=params.municipality.strip(),
    )
    page = routes[params.offset : params.offset + params.limit]
    return {"count": len(routes), "items": [route_out(request, r) for r in page]}


@router.get(
    "/collectives/{slug}/finance-routes",
    response={200: CollectiveMatches, 404: ErrorResponse},
    summary="The open financing routes that fit one collective, with the reason",
)
def collective_routes(request, slug: str):
    collective = (
        visible_collectives(request.user)
        .select_related("municipality__province")
        .filter(slug=slug)
        .first()
    )
    if collective is None:
        raise not_found(
            "slug",
            _("Er is geen collectief met slug '%(slug)s'. Zoek het op via %(search)s.")
            % {"slug": slug, "search": "/api/v1/collectives?q=naam"},
        )
    today = timezone.localdate()
    found = matching.routes_for(collective, today)
    phase = matching.phase_of(collective.founded_year, today.year)
    return {
        "collective": {"slug": collective.slug, "name": collective.name, "phase": phase},
        "date": today,
        "count": len(found),
        "items": [
            {
                "route": route_out(request, m.route),
                "fit": m.fit,
                "reason": m.reason,
                "reasons": m.reasons,
                "doubts": m.doubts,
            }
            for m in found
        ],
    }
