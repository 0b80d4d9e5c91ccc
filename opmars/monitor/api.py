"""Area statistics: the same figures as the monitor pages, from opmars/monitor/metrics.py."""

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from opmars.api.errors import ApiError, not_found
from opmars.api.schemas import ErrorResponse
from opmars.caching import http as caching_http
from opmars.common.errors import field_error
from opmars.geo.lookup import merged_municipality
from opmars.monitor import comparison, metrics, movement
from opmars.registry.params import Year

router = Router(tags=["statistics"])


class YearValue(Schema):
    year: int
    value: int


class CodeCount(Schema):
    code: str
    label: str
    count: int


class KindCoverage(Schema):
    code: str
    label: str
    municipalities: int
    of: int
    share: float | None


class NetworkCount(Schema):
    slug: str
    name: str
    count: int


class SocialValue(Schema):
    reports: int = Field(description="Published impact reports over `year` that are counted.")
    present_value: int = Field(description="Σ present value, euro.")
    inputs: int = Field(description="Σ inputs, euro.")
    ratio: float | None = Field(description="Σ present value / Σ inputs.")
    lower_bound: int | None = Field(description="Σ P10, euro: a bound, not a percentile.")
    upper_bound: int | None = Field(description="Σ P90, euro: a bound, not a percentile.")


class SdgContribution(Schema):
    goal: int
    indicator: str
    name: str
    unit: str
    quantity: int


class AreaRef(Schema):
    scope: str = Field(description="national, province, municipality or network.")
    code: str
    name: str


class ComparisonFigure(Schema):
    key: str
    subject: str
    value: int
    unit: str
    date: str | None = Field(description="Reference date; null where the source gives none.")
    source: str
    source_url: str
    note: str


class AreaStats(Schema):
    area: AreaRef
    year: int = Field(description="The calendar year every figure is about.")
    as_of: str = Field(
        description="The date the counts describe: 31 December of `year`, or today for the "
        "running year (ISO 8601)."
    )
    active_collectives: int = Field(
        description="Collectives active on `as_of`, by their life-cycle events. For the running "
        "year it equals the count of /api/v1/collectives with the same area filter and "
        "status=actief; a change made today never moves the figure of an earlier year."
    )
    active_end_of_year: int | None
    population: int | None = Field(description="Inhabitants on population_date (CBS).")
    population_date: str
    per_1000: float | None = Field(description="Active collectives per 1,000 inhabitants.")
    members: int | None = Field(description="Sum of members over `year`; null when none reported.")
    volunteers: int | None = Field(
        description="Sum of volunteers over `year`; null when none reported."
    )
    paid_staff: int | None = Field(
        description="Sum of paid staff over `year`; null when none reported."
    )
    active_people: int | None = Field(
        description="volunteers + paid_staff; null when either is unknown."
    )
    reporting: int = Field(description="Collectives with yearly facts over `year`.")
    active_during_year: int = Field(
        description="Collectives active during at least part of `year`: those whose facts count."
    )
    members_reported: int = Field(description="Collectives whose members over `year` are known.")
    volunteers_reported: int = Field(
        description="Collectives whose volunteers over `year` are known."
    )
    paid_staff_reported: int = Field(
        description="Collectives whose paid staff over `year` is known."
    )
    demo_count: int = Field(description="Active collectives that are generated demo records.")
    demo: bool
    active: list[YearValue]
    founded: list[YearValue]
    stopped: list[YearValue]
    by_kind: list[CodeCount]
    by_domain: list[CodeCount]
    kind_coverage: list[KindCoverage]
    networks: list[NetworkCount]
    social_value: SocialValue
    sdg_contributions: list[SdgContribution]
    definitions: str = Field(description="Path of the page with every metric's definition.")


class EstimateBand(Schema):
    value: int | None = Field(description="Central estimate; null when it cannot be estimated.")
    low: int | None = Field(description="Low end of the band (summed bounds, not a percentile).")
    high: int | None = Field(description="High end of the band (summed bounds, not a percentile).")


class MovementEstimate(Schema):
    year: int = Field(description="The year the estimate is about.")
    collectives: EstimateBand = Field(description="Burgercollectieven in the Netherlands.")
    members: EstimateBand = Field(
        description="Σ members per collective: a person in two counts twice."
    )
    volunteers: EstimateBand = Field(description="Σ volunteers per collective.")
    method: str = Field(description="The method in plain Dutch (docs/movement-estimate.md).")
    sources: list[ComparisonFigure] = Field(description="The published figures the estimate used.")
    demo: bool = Field(description="True when the register it starts from holds demo records.")


class NationalStats(AreaStats):
    comparison: list[ComparisonFigure]
    sector_figures: list[ComparisonFigure]
    movement_estimate: MovementEstimate = Field(
        description="An estimate of the whole movement, in and outside the register: not a count."
    )


class YearParams(Schema):
    # Not `| None`: a query string cannot send null, so the schema should not offer it.
    year: Year = Field(None, description="Calendar year; default the last complete year.")


def _year(params):
    year = params.year or metrics.last_complete_year()
    if not metrics.valid_year(year):
        raise ApiError(
            400,
            [
                field_error(
                    "year",
                    "buiten_bereik",
                    _("Kies een jaar tussen %(low)s en dit jaar.") % {"low": metrics.FIRST_YEAR},
                )
            ],
        )
    return year


def _series(growth, key):
    return [{"year": row["year"], "value": row[key]} for row in growth]


def area_stats(area, year):
    figures = metrics.summary(area, year)
    return {
        "area": {"scope": area.scope, "code": area.code, "name": area.name},
        "year": year,
        **{k: v for k, v in figures.items() if k != "growth"},
        "demo": figures["demo_count"] > 0,
        "active": _series(figures["growth"], "active"),
        "founded": _series(figures["growth"], "founded"),
        "stopped": _series(figures["growth"], "stopped"),
        "definitions": "/monitor/definities/",
    }


def _plain(figure):
    return {k: figure[k] for k in ComparisonFigure.model_fields}


@router.get(
    "/stats/national",
    response={200: NationalStats, 400: ErrorResponse},
    summary="The movement in the Netherlands: key figures, growth and comparison figures",
)
def stats_national(request, params: Query[YearParams]):
    year = _year(params)
    answer = area_stats(metrics.national(), year)
    answer["comparison"] = [_plain(f) for f in comparison.pillar_figures()]
    answer["sector_figures"] = [_plain(f) for f in comparison.movement_figures()]
    answer["movement_estimate"] = movement.api_answer(year)
    return answer


@router.get(
    "/stats/provinces/{code}",
    response={200: AreaStats, 400: ErrorResponse, 404: ErrorResponse},
    summary="Key figures and growth of one province",
)
def stats_province(request, code: str, params: Query[YearParams]):
    area = metrics.province_area(code)
    if area is None:
        raise not_found(
            "code",
            _("Er is geen provincie met code %(code)s. Gebruik een CBS-code zoals PV27.")
            % {"code": code},
        )
    caching_http.shows_area(request, area)  # a write elsewhere leaves its cached copy valid
    return area_stats(area, _year(params))


@router.get(
    "/stats/municipalities/{code}",
    response={200: AreaStats, 400: ErrorResponse, 404: ErrorResponse},
    summary="Key figures and growth of one municipality",
)
def stats_municipality(request, code: str, params: Query[YearParams]):
    area = metrics.municipality_area(code)
    merged = merged_municipality(code) if area is None else None
    if merged:  # a former municipality: the error names where its area went
        raise ApiError(404, [field_error("code", "opgegaan", merged.message)])
    if area is None:
        raise not_found(
            "code",
            _("Er is geen gemeente met code %(code)s. Gebruik een CBS-code zoals GM0363.")
            % {"code": code},
        )
    caching_http.shows_area(request, area)  # a write elsewhere leaves its cached copy valid
    return area_stats(area, _year(params))


@router.get(
    "/stats/networks/{slug}",
    response={200: AreaStats, 400: ErrorResponse, 404: ErrorResponse},
    summary="Key figures and growth of one network's member collectives",
)
def stats_network(request, slug: str, params: Query[YearParams]):
    area = metrics.network_area(slug)
    if area is None:
        raise not_found(
            "slug",
            _("Er is geen netwerk met slug '%(slug)s'. Alle netwerken staan op /netwerken/.")
            % {"slug": slug},
        )
    caching_http.shows_area(request, area)  # a write elsewhere leaves its cached copy valid
    return area_stats(area, _year(params))
