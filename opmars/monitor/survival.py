"""Cohort survival (issue 14): of the collectives founded in a year or a five-year cohort, the
share not yet stopped 1, 5 and 10 years on, with the collectives still going counted as
censored, not as survivors of years nobody has seen yet.

The estimate is the product-limit (Kaplan–Meier) estimator on whole years. A library was
considered: lifelines, scikit-survival and statsmodels each have one, but each brings pandas,
scipy (and more) into a web application for about thirty lines of arithmetic that the registry
needs on grouped counts, not on one row per collective. So `product_limit` is a short pure
function here, tested against a textbook example worked by hand
(tests/monitor/test_survival.py); it was checked once against lifelines' KaplanMeierFitter on
random data with ties (same survival and numbers at risk at every time).

Counting: one SQL statement per area, grouping the area's collectives (the directory filter,
metrics.collectives) by (founding year, year of the first stop); Python only folds those
groups. metrics.DEFINITIONS['cohort_survival'] says what counts as a stop and how censoring
works.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypedDict

from django.db import connection
from django.utils.translation import gettext as _

from opmars.monitor import summaries
from opmars.monitor.metrics import FIRST_SERIES_YEAR, Area, collectives, last_complete_year
from opmars.registry.models import LifeEvent
from opmars.registry.vocab import EventKind

TIMES = (1, 5, 10)
DEFINITION_KEY = "cohort_survival"  # its definition is in metrics.DEFINITIONS


@dataclass(frozen=True)
class Step:
    """One time of the product-limit table: of the `at_risk` collectives followed up to `time`
    years, `events` stopped at `time` and `censored` were last seen then; `survival` is the
    estimated share not stopped after `time` years."""

    time: int
    at_risk: int
    events: int
    censored: int
    survival: float


def product_limit(durations: Iterable[tuple[int, bool]]) -> list[Step]:
    """Pure: the Kaplan–Meier estimate of (duration, stopped) pairs, one pair per subject.

    A pair with stopped=False is censored at that duration: known not to have stopped up to and
    including it. Events and censoring at the same time: events first (the censored count as
    at risk at that time), the standard convention. One step per distinct time, ascending.
    """
    return product_limit_counts((time, stopped, 1) for time, stopped in durations)


def product_limit_counts(groups: Iterable[tuple[int, bool, int]]) -> list[Step]:
    """Pure: `product_limit` on grouped subjects, (duration, stopped, how many)."""
    events: dict[int, int] = {}
    censored: dict[int, int] = {}
    for time, stopped, n in groups:
        if n < 0:
            raise ValueError(f"negative count {n} at time {time}")
        into = events if stopped else censored
        into[time] = into.get(time, 0) + n
    at_risk = sum(events.values()) + sum(censored.values())
    survival = 1.0
    steps = []
    for time in sorted(events.keys() | censored.keys()):
        ended, lost = events.get(time, 0), censored.get(time, 0)
        if not ended and not lost:
            continue
        if ended:
            survival *= 1 - ended / at_risk
        steps.append(Step(time, at_risk, ended, lost, survival))
        at_risk -= ended + lost
    return steps


def survival_at(steps: Sequence[Step], time: int) -> tuple[float | None, int]:
    """(share not stopped after `time` years, number at risk at `time`) from a product-limit
    table. The number at risk counts the subjects followed to at least `time`. The share is None
    when nobody is followed that long, unless the estimate had already reached 0: unknown is
    never shown as 0, and a 0 that is known is never hidden."""
    at_risk = next((step.at_risk for step in steps if step.time >= time), 0)
    survival = 1.0
    for step in steps:
        if step.time > time:
            break
        survival = step.survival
    if at_risk == 0 and survival > 0:
        return None, 0
    return survival, at_risk


class SurvivalPoint(TypedDict):
    years: int
    survival: float | None  # share, 0..1, rounded to 4 decimals; None: unknown
    at_risk: int


class CohortRow(TypedDict):
    label: str
    first: int | None  # None: the cohort of everything founded before FIRST_SERIES_YEAR
    last: int
    founded: int
    stopped: int  # first stops up to and including the last complete year
    points: list[SurvivalPoint]  # one per year of TIMES


class CohortSurvival(TypedDict):
    definition: str
    cohort_years: int
    last_complete_year: int
    times: list[int]
    cohorts: list[CohortRow]
    without_founded_year: int
    founded_after: int  # founded after the last complete year: not followed for a year yet


def cohort_survival(area: Area, cohort_years: int = 5) -> CohortSurvival:
    """Per cohort of `cohort_years` founding years from FIRST_SERIES_YEAR (and one cohort of
    everything founded before it): the product-limit share not stopped after 1, 5 and 10 years
    and the number at risk then, from one aggregate query."""
    last_year = last_complete_year()
    kept = summaries.usable(area, last_year)
    return survival_table(
        summaries.cohorts(area) if kept else first_stops(area), cohort_years, last_year
    )


def first_stops(area: Area) -> list[tuple[int | None, int | None, int]]:
    """(founded_year, year of the first stop or None, number of collectives) for the area, from
    one SQL statement, shaped for each database's planner (docs/performance.md).

    Both read the first stop per collective once, from the events' (kind, year, collective)
    index (`_FIRST_STOPS`). PostgreSQL: the area's collectives LEFT JOIN those first stops,
    GROUP BY founding year and stop year (hash join, hash aggregate). SQLite would scan that
    join as a nested loop, so there the statement is a UNION ALL of two aggregates: the area's
    collectives per founding year, and the stopped ones per founding and stop year (driven from
    the first stops, each looking up its collective by primary key); the stopped ones are then
    subtracted from their founding year's total.

    The unary plus (a no-op on both) keeps SQLite from choosing an index for its order instead
    of for the filter: on the founding year, a province's count would scan the whole founding
    index; on the collective, the first stops would be read from every event."""
    area_sql, area_params = (
        collectives(area).order_by().values("id", "founded_year").query.sql_with_params()
    )
    params = [*area_params, EventKind.GESTOPT.value]
    if connection.vendor == "postgresql":
        sql = (
            f'SELECT c."founded_year", s."stop", COUNT(*) FROM ({area_sql}) c '
            f'LEFT JOIN ({_FIRST_STOPS}) s ON s."collective_id" = c."id" GROUP BY 1, 2'
        )
    else:
        sql = (
            f'SELECT +c."founded_year", NULL, COUNT(*) FROM ({area_sql}) c GROUP BY 1 '
            f'UNION ALL SELECT c."founded_year", s."stop", COUNT(*) FROM ({_FIRST_STOPS}) s '
            f'JOIN ({area_sql}) c ON c."id" = s."collective_id" GROUP BY 1, 2'
        )
        params += area_params
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows: list[tuple[int | None, int | None, int]] = cursor.fetchall()
    if connection.vendor == "postgresql":
        return rows
    # SQLite's rows: (year, None, all founded that year) and (year, stop, stopped).
    counts = {(founded, stop): n for founded, stop, n in rows}
    for (founded, stop), n in counts.items():
        if stop is not None:
            counts[founded, None] -= n
    return [(founded, stop, n) for (founded, stop), n in counts.items() if n]


_FIRST_STOPS = (
    f'SELECT +"collective_id" AS "collective_id", MIN("year") AS "stop" '
    f'FROM "{LifeEvent._meta.db_table}" WHERE "kind" = %s GROUP BY 1'
)


def survival_table(
    rows: Iterable[tuple[int | None, int | None, int]], cohort_years: int, last_year: int
) -> CohortSurvival:
    """Pure: groups of (founded_year, first stop year or None, n) to the cohort table, followed
    up to and including `last_year` (the last complete year)."""
    if cohort_years < 1:
        raise ValueError("cohort_years must be at least 1")
    unknown = after = 0
    groups: dict[int | None, list[tuple[int, bool, int]]] = {}
    founded: dict[int | None, int] = {}
    stopped: dict[int | None, int] = {}
    for founded_year, stop, n in rows:
        if founded_year is None:
            unknown += n
            continue
        if founded_year > last_year:
            after += n
            continue
        cohort = _cohort_start(founded_year, cohort_years)
        founded[cohort] = founded.get(cohort, 0) + n
        if stop is not None and stop <= last_year:
            # A stop dated before the founding year (an inconsistent record) stops at once.
            groups.setdefault(cohort, []).append((max(stop - founded_year, 0), True, n))
            stopped[cohort] = stopped.get(cohort, 0) + n
        else:
            groups.setdefault(cohort, []).append((last_year - founded_year, False, n))
    starts = range(FIRST_SERIES_YEAR, last_year + 1, cohort_years)
    cohorts: list[CohortRow] = []
    for start in [None, *starts]:  # every cohort, empty ones too: the table keeps its shape
        steps = product_limit_counts(groups.get(start, []))
        points: list[SurvivalPoint] = []
        for years in TIMES:
            share, at_risk = survival_at(steps, years)
            points.append(
                {
                    "years": years,
                    "survival": None if share is None else round(share, 4),
                    "at_risk": at_risk,
                }
            )
        last = FIRST_SERIES_YEAR - 1 if start is None else min(start + cohort_years - 1, last_year)
        cohorts.append(
            {
                "label": _cohort_label(start, last),
                "first": start,
                "last": last,
                "founded": founded.get(start, 0),
                "stopped": stopped.get(start, 0),
                "points": points,
            }
        )
    return {
        "definition": DEFINITION_KEY,
        "cohort_years": cohort_years,
        "last_complete_year": last_year,
        "times": list(TIMES),
        "cohorts": cohorts,
        "without_founded_year": unknown,
        "founded_after": after,
    }


def _cohort_start(founded_year: int, cohort_years: int) -> int | None:
    if founded_year < FIRST_SERIES_YEAR:
        return None
    return founded_year - (founded_year - FIRST_SERIES_YEAR) % cohort_years


def _cohort_label(start: int | None, last: int) -> str:
    if start is None:
        return _("vóór %(year)s") % {"year": FIRST_SERIES_YEAR}
    return str(start) if start == last else f"{start}–{last}"
