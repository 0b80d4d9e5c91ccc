"""One parser and one query for the directory, the map and the API, so they always agree.

Every invalid parameter becomes an error naming the parameter and saying, in Dutch, what to do.
"""

import functools
import math
import operator
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Q, QuerySet
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt
from django.utils import timezone
from django.utils.translation import gettext as _

from opmars.common.errors import FieldError, QueryError, field_error
from opmars.geo.lookup import Merged, merged_municipality
from opmars.geo.models import Municipality, Province
from opmars.geo.shapes import in_netherlands
from opmars.networks.models import Membership
from opmars.registry.forms import FIRST_YEAR
from opmars.registry.history import active_at_end_of
from opmars.registry.models import Collective, CollectiveDomain
from opmars.registry.search import apply_search, newest_first, query_stems
from opmars.registry.vocab import Domain, Kind, Status

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
DEFAULT_RADIUS_KM = 25.0
MAX_RADIUS_KM = 300.0
EARTH_RADIUS_KM = 6371.0
SORTS = {"name", "-name", "founded_year", "-founded_year", "distance", "relevance"}
# A directory search that matches more collectives than this is counted up to here and listed
# newest first instead of by relevance (decision 0065): ranking and counting half a million
# matches took a second at 1,000,000 collectives.
BROAD_SEARCH = 10_000
LIST_PARAMS = ("kind", "domain", "province", "municipality", "works_in", "network", "status")


@dataclass
class CollectiveQuery:
    q: str = ""
    kind: list[str] = field(default_factory=list)
    domain: list[str] = field(default_factory=list)
    province: list[str] = field(default_factory=list)
    municipality: list[str] = field(default_factory=list)
    works_in: list[str] = field(default_factory=list)
    network: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    active_in: int | None = None  # active on 31 December of this year
    near: tuple[float, float] | None = None
    radius_km: float | None = None
    sort: str = ""
    limit: int = DEFAULT_LIMIT
    offset: int = 0

    @property
    def effective_sort(self) -> str:
        if self.sort:
            return self.sort
        if self.q:
            return "relevance"
        if self.near:
            return "distance"
        return "name"


def _values(params: Mapping[str, Any], name: str) -> list[str]:
    """A filter takes one value, repeats the parameter, or separates values with commas."""
    raw = params.getlist(name) if hasattr(params, "getlist") else params.get(name) or []
    if isinstance(raw, str):
        raw = [raw]
    return [v.strip() for item in raw for v in str(item).split(",") if v.strip()]


def _check_choices(
    name: str, values: list[str], allowed: Collection[str], errors: list[FieldError]
) -> None:
    unknown = [v for v in values if v not in allowed]
    if unknown:
        errors.append(
            field_error(
                name,
                "onbekende_waarde",
                _("Onbekende waarde %(value)s voor %(name)s. Kies uit: %(allowed)s.")
                % {"value": ", ".join(unknown), "name": name, "allowed": ", ".join(allowed)},
            )
        )


def _check_codes(
    name: str,
    values: list[str],
    places: type[Province] | type[Municipality],
    example: str,
    errors: list[FieldError],
    former: Callable[[str], Merged | None] | None = None,
) -> list[str]:
    # Only the codes asked about are looked up: most queries name none (the monitor's areas
    # build several per figure), and a query for all codes would run for each.
    asked = [v.upper() for v in values]
    # Text that is no code at all is not looked up (PostgreSQL refuses a NUL byte in a query).
    looked_up = [v for v in asked if v.isascii() and v.isalnum()]
    known_codes = set(places.objects.filter(code__in=looked_up).values_list("code", flat=True))
    unknown = [v for v in values if v.upper() not in known_codes]
    # A former municipality's code: say where it went rather than that it is unknown.
    merged = [m for m in map(former, unknown) if m] if former else []
    errors.extend(field_error(name, "opgegaan", m.message) for m in merged)
    unknown = [v for v in unknown if v.upper() not in {m.code for m in merged}]
    if unknown:
        errors.append(
            field_error(
                name,
                "onbekende_code",
                _("Onbekende code %(value)s voor %(name)s. Gebruik een CBS-code zoals %(example)s.")
                % {"value": ", ".join(unknown), "name": name, "example": example},
            )
        )
    return asked


def _year(params: Mapping[str, Any], name: str, errors: list[FieldError]) -> int | None:
    """A year of the life-cycle history (none lies before FIRST_YEAR, none after this year)."""
    if params.get(name) in (None, ""):
        return None
    year = _int(params, name, 0, FIRST_YEAR, timezone.localdate().year, errors)
    return year or None  # 0: refused, the error says why


def _int(
    params: Mapping[str, Any],
    name: str,
    default: int,
    low: int,
    high: int,
    errors: list[FieldError],
) -> int:
    raw = params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError):
        errors.append(
            field_error(
                name, "geen_getal", _("%(name)s moet een heel getal zijn.") % {"name": name}
            )
        )
        return default
    if not low <= value <= high:
        errors.append(
            field_error(
                name,
                "buiten_bereik",
                _("%(name)s moet tussen %(low)s en %(high)s liggen.")
                % {"name": name, "low": low, "high": high},
            )
        )
        return default
    return value


def _near(params: Mapping[str, Any], errors: list[FieldError]) -> tuple[float, float] | None:
    raw = (params.get("near") or "").strip()
    if not raw:
        return None
    try:
        lat, lon = (float(part) for part in raw.split(","))
    except ValueError:
        errors.append(
            field_error(
                "near",
                "ongeldig",
                _("Geef near als 'breedtegraad,lengtegraad', bijvoorbeeld near=52.37,4.89."),
            )
        )
        return None
    if not in_netherlands(lat, lon):
        errors.append(
            field_error("near", "buiten_nederland", _("Het punt bij near ligt niet in Nederland."))
        )
        return None
    return lat, lon


def _radius(
    params: Mapping[str, Any], near: tuple[float, float] | None, errors: list[FieldError]
) -> float | None:
    raw = params.get("radius_km")
    if raw in (None, ""):
        return DEFAULT_RADIUS_KM if near else None
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not (0 < value <= MAX_RADIUS_KM):
        errors.append(
            field_error(
                "radius_km",
                "buiten_bereik",
                _("radius_km moet een getal groter dan 0 en hoogstens %(max)s zijn.")
                % {"max": int(MAX_RADIUS_KM)},
            )
        )
        return None
    if not near:
        errors.append(field_error("radius_km", "zonder_near", _("Geef bij radius_km ook near op.")))
    return value


def parse_query(params: Mapping[str, Any]) -> CollectiveQuery:
    """Validate parameters (a QueryDict or a dict); raise QueryError listing every error."""
    errors: list[FieldError] = []
    query = CollectiveQuery(q=(params.get("q") or "").strip()[:200])
    if not query_stems(query.q):
        query.q = ""  # only punctuation or symbols: nothing to search for
    query.kind = _values(params, "kind")
    _check_choices("kind", query.kind, Kind.values, errors)
    query.domain = _values(params, "domain")
    _check_choices("domain", query.domain, Domain.values, errors)
    query.status = _values(params, "status")
    _check_choices("status", query.status, Status.values, errors)
    query.province = _check_codes("province", _values(params, "province"), Province, "PV27", errors)
    query.municipality = _check_codes(
        "municipality",
        _values(params, "municipality"),
        Municipality,
        "GM0363",
        errors,
        merged_municipality,
    )
    query.works_in = _check_codes(
        "works_in",
        _values(params, "works_in"),
        Municipality,
        "GM0363",
        errors,
        merged_municipality,
    )
    query.network = _values(params, "network")
    query.active_in = _year(params, "active_in", errors)
    query.near = _near(params, errors)
    query.radius_km = _radius(params, query.near, errors)
    query.sort = (params.get("sort") or "").strip()
    if query.sort and query.sort not in SORTS:
        _check_choices("sort", [query.sort], sorted(SORTS), errors)
    elif query.sort == "distance" and not query.near:
        errors.append(
            field_error("sort", "zonder_near", _("Sorteren op afstand kan alleen met near."))
        )
    elif query.sort == "relevance" and not query.q:
        errors.append(
            field_error("sort", "zonder_q", _("Sorteren op relevantie kan alleen met q."))
        )
    query.limit = _int(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT, errors)
    query.offset = _int(params, "offset", 0, 0, 10_000_000, errors)
    if errors:
        raise QueryError(errors)
    return query


def distance_km_expression(lat: float, lon: float) -> CombinedExpression:
    """Haversine distance in SQL from (lat, lon) to each collective's public point."""
    dlat = Radians(F("public_lat") - lat) / 2
    dlon = Radians(F("public_lon") - lon) / 2
    a = Power(Sin(dlat), 2) + math.cos(math.radians(lat)) * Cos(Radians(F("public_lat"))) * Power(
        Sin(dlon), 2
    )
    return 2 * EARTH_RADIUS_KM * ASin(Sqrt(a))


def filter_collectives(
    query: CollectiveQuery, queryset: QuerySet[Collective]
) -> QuerySet[Collective]:
    """Apply every filter of the query; annotate distance_km and relevance where they apply."""
    filters = Q()
    if query.kind:
        filters &= Q(kind__in=query.kind)
    if query.status:
        filters &= Q(status__in=query.status)
    if query.active_in is not None:
        filters &= functools.reduce(operator.or_, active_at_end_of(query.active_in))
    if query.province:
        # Municipality codes, not a join: lets SQLite use the (municipality, kind) index.
        codes = Municipality.objects.filter(province_id__in=query.province).values_list(
            "code", flat=True
        )
        filters &= Q(municipality_id__in=list(codes))
    if query.municipality:
        filters &= Q(municipality_id__in=query.municipality)
    # Related filters read the link tables directly (covering indexes, no join with collectives).
    if query.domain:
        domains = CollectiveDomain.objects.filter(domain__in=query.domain)
        filters &= Q(id__in=domains.values("collective_id"))
    if query.works_in:
        works_in = Collective.works_in.through.objects.filter(municipality_id__in=query.works_in)
        filters &= Q(id__in=works_in.values("collective_id"))
    if query.network:
        members = Membership.objects.filter(network__slug__in=query.network)
        filters &= Q(id__in=members.values("collective_id"))
    queryset = queryset.filter(filters)
    if query.near:
        # parse_query sets a radius with every near; a query built in code may leave it out.
        radius_km = DEFAULT_RADIUS_KM if query.radius_km is None else query.radius_km
        queryset = _within_radius(queryset, *query.near, radius_km)
    if query.q:
        queryset = apply_search(queryset, query.q)
    return queryset


def _within_radius(
    queryset: QuerySet[Collective], lat: float, lon: float, radius_km: float
) -> QuerySet[Collective]:
    # A bounding box on the indexed columns first, the exact distance only for what is inside.
    dlat = radius_km / 111.0
    dlon = radius_km / (111.0 * math.cos(math.radians(lat)))
    distance = distance_km_expression(lat, lon)
    return (
        queryset.filter(
            public_lat__range=(lat - dlat, lat + dlat), public_lon__range=(lon - dlon, lon + dlon)
        )
        .annotate(distance_km=distance)
        .filter(distance_km__lte=radius_km)
    )


def directory_page(
    query: CollectiveQuery, matching: QuerySet[Collective], fields: Sequence[str]
) -> tuple[int, bool, list[dict[str, Any]]]:
    """(how many collectives match, whether the search is broad, the page's rows as dicts of
    `fields`). A search is counted up to BROAD_SEARCH only (decision 0065): above it, it is
    broad and listed newest first; below it, its matches' relevance is read in the same pass
    that counts them and the page is ranked from those, instead of reading every match twice
    (at 1,000,000 collectives each pass over 100,000 candidate matches costs 0.2 s)."""
    window = slice(query.offset, query.offset + query.limit)
    if not query.q:
        rows = order_collectives(query, matching)[window]
        return matching.count(), False, list(rows.values(*fields))
    relevance = query.effective_sort == "relevance"
    unordered = matching.order_by()
    if relevance:
        # relevance: the annotation of apply_search.
        read = unordered.values_list("pk", "relevance", "name")  # type: ignore[misc]
        found = list(read[: BROAD_SEARCH + 1])
        count = len(found)
    else:  # another order: only counted here, so counted in SQL
        count = unordered.values("pk")[: BROAD_SEARCH + 1].count()
    if count > BROAD_SEARCH:
        rows = order_collectives(query, matching, broad=True)[window]
        return BROAD_SEARCH, True, list(rows.values(*fields))
    if not relevance:
        return count, False, list(order_collectives(query, matching)[window].values(*fields))
    # The order of order_collectives: best match first, then by name and id.
    found.sort(key=lambda row: (-row[1], row[2], row[0]))
    page = [pk for pk, _relevance, _name in found[window]]
    by_pk = {row["pk"]: row for row in Collective.objects.filter(pk__in=page).values("pk", *fields)}
    return count, False, [_without_pk(by_pk[pk], fields) for pk in page]


def _without_pk(row: dict[str, Any], fields: Sequence[str]) -> dict[str, Any]:
    return {name: row[name] for name in fields}


def order_collectives(
    query: CollectiveQuery, queryset: QuerySet[Collective], broad: bool = False
) -> QuerySet[Collective]:
    """The query's order; a broad search's (directory_page) relevance is newest first."""
    sort = query.effective_sort
    if sort == "relevance" and broad:
        return newest_first(queryset)
    if sort == "relevance":
        # relevance and distance_km are annotations of apply_search and _within_radius.
        return queryset.order_by("-relevance", "name", "id")  # type: ignore[misc]
    if sort == "distance":
        return queryset.order_by("distance_km", "name", "id")  # type: ignore[misc]
    if sort.lstrip("-") == "founded_year":
        nulls = (
            F("founded_year").desc(nulls_last=True)
            if sort.startswith("-")
            else F("founded_year").asc(nulls_last=True)
        )
        return queryset.order_by(nulls, "name", "id")
    return queryset.order_by(sort, "id")
