"""The movement as a whole: the register's count per kind next to every published sector figure
(coverage), and an estimate of all burgercollectieven in the Netherlands, their members and
their volunteers, each with a band. The method is in docs/movement-estimate.md and the choices
behind it in docs/decisions/0053-movement-estimate.md.

Two layers: `register_figures(years)` reads the register (counts per kind at the end of each
year, yearly facts per kind over it); `estimate(year, register)` is pure arithmetic on those
numbers and the reference figures, so tests can check it by hand.

In short, per kind:

- a kind with a published count (energy, care communities, village organisations): the latest
  published count carried to the chosen year by the register's own change for that kind since
  then (= the register count divided by the coverage in the reference year). The band takes the
  lowest and highest of those carried counts over every published year, widened by the figure's
  own uncertainty (10 % for a dated count, 25 % for an approximate or undated one; a figure the
  source calls a lower bound is not lowered);
- a kind without one: the register count is the central value and the low end (those exist);
  the high end assumes the kind is registered as incompletely as the kinds that can be measured
  (the register count divided by their pooled coverage);
- members and volunteers: the estimated collectives times people per collective, from the
  published figures where they give them (±25 %), or else the register's own average per
  reporting collective of that kind (±50 %: who reports is self-selected), or else the average
  over all kinds;
- the total: the sums, bounds added as bounds (not percentiles); from 2024 on never below the
  VU lower bound of 7,400 burgercollectieven. Collectives the floor adds get the all-kinds
  averages for members and volunteers.
"""

from __future__ import annotations

from typing import Any, TypedDict

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from opmars.monitor import comparison, metrics, summaries
from opmars.registry.vocab import Kind

# Relative uncertainty of a published count: a dated count by the sector's own monitor, and an
# approximate, estimated or undated one.
U_COUNTED = 0.10
U_APPROXIMATE = 0.25
# Relative uncertainty of people per collective: from a published figure, from the register.
U_RATIO_PUBLISHED = 0.25
U_RATIO_REGISTER = 0.50

FLOOR_KEY = "burgercollectieven_lower_bound_2024"
FLOOR_FROM_YEAR = 2024

# Which reference figures (by key prefix) describe which kind, and what they count.
KIND_FIGURES: dict[str, dict[str, tuple[str, ...]]] = {
    "energiecooperatie": {
        "collectives": ("energy_coops_", "energy_collectives_"),
        "members": ("energy_coop_members_",),
    },
    "zorgcooperatie": {"collectives": ("care_communities_",)},
    "dorpsraad": {
        "collectives": ("village_organisations_",),
        "volunteers": ("village_movement_active_people",),
    },
}
# Figures about every kind together: shown for coverage; only the VU lower bound is used.
ALL_KINDS_KEYS = (FLOOR_KEY, "cooperatives_economically_active", "maex_initiatives_2022")

# The Monitor Zorgzame Gemeenschappen 2020 gives people per community only through its survey:
# the 323 communities that answered had 28,000 members and more than 16,000 volunteers (the
# note of care_communities_2020 in reference_figures.csv; a test keeps the two in step).
CARE_SURVEY = {
    "key": "care_communities_2020",
    "answered": 323,
    "members": 28000,
    "volunteers": 16000,
}

MEASURES = ("collectives", "members", "volunteers")
# Figures their source gives as a minimum ("more than 4000", "lower bound"): never lowered.
SIGNIFICANT = 3
LOWER_BOUND_KEYS = frozenset(
    {"village_organisations_lvkk", "energy_coop_members_2019", FLOOR_KEY, "maex_initiatives_2022"}
)


class Band(TypedDict):
    value: int | None
    low: int | None
    high: int | None


def _is_approximate(figure: dict[str, Any]) -> bool:
    """Undated, or its source calls it approximate or an estimate (the note in the CSV)."""
    note = figure["note"].lower()
    return figure["date"] is None or "approximate" in note or "estimate" in note


def _is_lower_bound(figure: dict[str, Any]) -> bool:
    return figure["key"] in LOWER_BOUND_KEYS


def figure_year(figure: dict[str, Any]) -> int | None:
    return int(figure["date"][:4]) if figure["date"] else None


def figures_for(kind: str, measure: str) -> list[dict[str, Any]]:
    prefixes = KIND_FIGURES.get(kind, {}).get(measure, ())
    if not prefixes:
        return []
    found = [
        comparison.labelled(f)
        for f in comparison.reference_figures()
        if f["key"].startswith(prefixes)
    ]
    return sorted(found, key=lambda f: (figure_year(f) or 0, f["key"]))


def reference_years() -> set[int]:
    years = set()
    for kind in KIND_FIGURES:
        for measure in MEASURES:
            years.update(y for f in figures_for(kind, measure) if (y := figure_year(f)))
    years.update(
        y
        for f in comparison.reference_figures()
        if f["key"] in ALL_KINDS_KEYS and (y := figure_year(f))
    )
    return years


# --- the register -------------------------------------------------------------------------


def register_figures(years: set[int]) -> dict[int, dict[str, dict[str, int | None]]]:
    """{year: {kind: {collectives, members, members_reported, volunteers,
    volunteers_reported}}}: active at the end of the year (metrics.by_kind) and the yearly
    facts over it that count (metrics.counted_facts), for the whole country."""
    area = metrics.national()
    found: dict[int, dict[str, dict[str, int | None]]] = {}
    # Every year from the kept rows in one query, else each year from all rows.
    kept = summaries.register(area, years) if summaries.usable_for_all(area, years) else None
    for year in sorted(years):
        if kept is not None:
            counts = {kind: row[0] for (at, kind), row in kept.items() if at == year}
            facts = {kind: row[1:] for (at, kind), row in kept.items() if at == year}
        else:
            counts = {row["code"]: row["count"] for row in metrics.by_kind(area, year)}
            facts = {
                kind: tuple(row)
                for kind, *row in metrics.counted_facts(area, year)
                .order_by()
                .values_list("collective__kind")
                .annotate(Sum("members"), Count("members"), Sum("volunteers"), Count("volunteers"))
            }
        found[year] = {}
        for kind in Kind.values:
            members, members_n, volunteers, volunteers_n = facts.get(kind, (None, 0, None, 0))
            found[year][kind] = {
                "collectives": counts.get(kind, 0),
                "members": members,
                "members_reported": members_n,
                "volunteers": volunteers,
                "volunteers_reported": volunteers_n,
            }
    return found


# --- the arithmetic -----------------------------------------------------------------------


def significant(x: float | None, digits: int = SIGNIFICANT) -> int | None:
    """Rounded to `digits` significant digits: 128,834 is 129,000 (the estimate is no more
    precise), 7 stays 7."""
    if x is None:
        return None
    if x == 0:
        return 0
    step = 10 ** max(len(str(int(abs(x)))) - digits, 0)
    return int(round(x / step) * step)


def _band(value: float | None, low: float | None, high: float | None) -> Band:
    rounded = significant

    return {"value": rounded(value), "low": rounded(low), "high": rounded(high)}


def coverage(counted: int | None, published: int) -> float | None:
    return round(counted / published, 3) if counted is not None and published else None


def percent(share: float | None) -> float | None:
    """A coverage as a percentage with one decimal (0.45 %, not 0 %)."""
    return None if share is None else round(share * 100, 1)


def _carried(figure: dict[str, Any], year: int, counts: dict[int, int]) -> float:
    """The published count carried to `year` by the register's change for the kind since the
    figure's own year: value × register(year) / register(figure year); unchanged when the
    figure is undated or the register had none of the kind then."""
    then = figure_year(figure)
    base = counts.get(then) if then is not None else None
    if not base:
        return float(figure["value"])
    return figure["value"] * counts[year] / base


def collectives_band(kind: str, year: int, counts: dict[int, int], pooled: float | None):
    """(value, low, high, basis) of one kind's collectives in `year`; counts = {year: register}."""
    registered = counts[year]
    published = figures_for(kind, "collectives")
    if not published:
        high = registered / pooled if pooled else registered
        return float(registered), float(registered), float(max(high, registered)), "register"
    latest = max(published, key=lambda f: (figure_year(f) is not None, figure_year(f) or 0))
    value = max(_carried(latest, year, counts), registered)
    lows, highs = [], []
    for figure in published:
        carried = _carried(figure, year, counts)
        spread = U_APPROXIMATE if _is_approximate(figure) else U_COUNTED
        lows.append(carried if _is_lower_bound(figure) else carried * (1 - spread))
        highs.append(carried * (1 + spread))
    low = max(min(lows), registered)
    return value, min(low, value), max(max(highs), value), "sector"


def people_ratio(kind: str, measure: str, register_now: dict[str, dict[str, int | None]]):
    """(people per collective, relative uncertainty, where from) for `measure` of a kind."""
    if kind == "zorgcooperatie":
        return CARE_SURVEY[measure] / CARE_SURVEY["answered"], U_RATIO_PUBLISHED, CARE_SURVEY["key"]
    published = figures_for(kind, measure)
    counts = {figure_year(f): f for f in figures_for(kind, "collectives")}
    for figure in sorted(published, key=lambda f: -(figure_year(f) or 0)):
        # People per collective from a figure with a count of the same year (or both undated).
        match = counts.get(figure_year(figure))
        if match:
            return figure["value"] / match["value"], U_RATIO_PUBLISHED, figure["key"]
    own = register_now.get(kind, {})
    if own.get(measure) is not None and own.get(f"{measure}_reported"):
        return own[measure] / own[f"{measure}_reported"], U_RATIO_REGISTER, "register"
    return _pooled_ratio(measure, register_now)


def _pooled_ratio(measure: str, register_now: dict[str, dict[str, int | None]]):
    total = sum(row[measure] or 0 for row in register_now.values())
    reported = sum(row[f"{measure}_reported"] or 0 for row in register_now.values())
    if not reported:
        return None, None, None
    return total / reported, U_RATIO_REGISTER, "register_all_kinds"


def pooled_coverage(register: dict[int, dict[str, dict[str, int | None]]]) -> float | None:
    """Σ register / Σ published over the kinds with a dated published count, each at its latest
    published year: how completely the register holds the kinds that can be measured."""
    counted = published = 0
    for kind in KIND_FIGURES:
        dated = [f for f in figures_for(kind, "collectives") if figure_year(f)]
        if not dated:
            continue
        latest = max(dated, key=figure_year)
        at = register.get(figure_year(latest), {}).get(kind)
        if at is None:
            continue
        counted += at["collectives"] or 0
        published += latest["value"]
    return min(counted / published, 1.0) if published and counted else None


def published_rows(kind: str, year: int, register) -> list[dict[str, Any]]:
    """Every published figure about a kind, with the register's number for the same year and
    the coverage. An undated figure is set against the chosen year, and says so."""
    rows = []
    for measure in MEASURES:
        for figure in figures_for(kind, measure):
            then = figure_year(figure)
            at = register.get(then if then is not None else year, {}).get(kind, {})
            counted = at.get(measure)
            rows.append(
                {
                    **figure,
                    "measure": measure,
                    "year": then,
                    "compared_year": then if then is not None else year,
                    "counted": counted,
                    "reported": at.get(f"{measure}_reported") if measure != "collectives" else None,
                    "coverage": coverage(counted, figure["value"]),
                    "coverage_percent": percent(coverage(counted, figure["value"])),
                }
            )
    return rows


def all_kinds_rows(year: int, register) -> list[dict[str, Any]]:
    rows = []
    for figure in comparison.reference_figures():
        if figure["key"] not in ALL_KINDS_KEYS:
            continue
        then = figure_year(figure)
        at = register.get(then if then is not None else year)
        counted = sum(row["collectives"] or 0 for row in at.values()) if at else None
        rows.append(
            {
                **comparison.labelled(figure),
                "measure": "collectives",
                "year": then,
                "compared_year": then if then is not None else year,
                "counted": counted,
                "coverage": coverage(counted, figure["value"]),
                "coverage_percent": percent(coverage(counted, figure["value"])),
                "used_as_floor": figure["key"] == FLOOR_KEY,
            }
        )
    return rows


def estimate(year: int, register: dict[int, dict[str, dict[str, int | None]]]) -> dict[str, Any]:
    """The estimate of the whole movement in `year` from the register's figures per year and
    kind (register_figures) and the reference figures. Pure: no database."""
    now = register[year]
    pooled = pooled_coverage(register)
    kinds = []
    totals = {m: [0.0, 0.0, 0.0] for m in MEASURES}
    unknown = {m: False for m in MEASURES}
    for kind in Kind:
        counts = {y: register[y][kind.value]["collectives"] or 0 for y in register}
        value, low, high, basis = collectives_band(kind.value, year, counts, pooled)
        row = {
            "code": kind.value,
            "label": str(kind.label),
            "basis": basis,
            "register": now[kind.value],
            "published": published_rows(kind.value, year, register),
            "estimate": {"collectives": _band(value, low, high)},
            "ratios": {},
        }
        for i, x in enumerate((value, low, high)):
            totals["collectives"][i] += x
        for measure in ("members", "volunteers"):
            ratio, spread, source = people_ratio(kind.value, measure, now)
            row["ratios"][measure] = {
                "per_collective": ratio,
                "uncertainty": spread,
                "from": source,
            }
            if not value:
                row["estimate"][measure] = _band(0, 0, 0)
                continue
            if ratio is None:
                row["estimate"][measure] = _band(None, None, None)
                unknown[measure] = True
                continue
            own = now[kind.value][measure] or 0  # reported people: at least these
            people = (
                max(value * ratio, own),
                max(low * ratio * (1 - spread), own),
                max(high * ratio * (1 + spread), own),
            )
            row["estimate"][measure] = _band(*people)
            for i, x in enumerate(people):
                totals[measure][i] += x
        if now[kind.value]["collectives"] or basis == "sector":
            kinds.append(row)
    floor = next(f for f in comparison.reference_figures() if f["key"] == FLOOR_KEY)
    floor_applies = year >= FLOOR_FROM_YEAR
    added = [0.0, 0.0, 0.0]
    if floor_applies:
        added = [max(floor["value"] - x, 0.0) for x in totals["collectives"]]
        totals["collectives"] = [max(x, floor["value"]) for x in totals["collectives"]]
    for measure in ("members", "volunteers"):
        if any(added):
            ratio, spread, _source = _pooled_ratio(measure, now)
            if ratio is None:
                unknown[measure] = True
            else:
                factors = (1, 1 - spread, 1 + spread)
                for i in range(3):
                    totals[measure][i] += added[i] * ratio * factors[i]
    result = {m: _band(None, None, None) if unknown[m] else _band(*totals[m]) for m in MEASURES}
    return {
        "year": year,
        "kinds": kinds,
        "all_kinds": all_kinds_rows(year, register),
        "pooled_coverage": pooled,
        "floor": {
            "key": floor["key"],
            "value": floor["value"],
            "applies": floor_applies,
            "added": _band(added[0], added[1], added[2]),
        },
        **result,
    }


# --- what pages and the API show ----------------------------------------------------------


def method_text(pooled: float | None) -> str:
    """The method in plain Dutch, with the pooled coverage of the measured kinds."""
    return _(
        "Schatting van Opmars, geen telling. Per soort met een gepubliceerd aantal "
        "(energiecoöperaties, zorgzame gemeenschappen, dorpsorganisaties): het laatst "
        "gepubliceerde aantal, doorgetrokken naar het gekozen jaar met de groei van die soort in "
        "het register (het aantal in Opmars gedeeld door de dekking in het jaar van het cijfer). "
        "De band loopt van het laagste tot het hoogste doorgetrokken aantal over alle "
        "gepubliceerde jaren, met 10%% onzekerheid voor een gedateerde telling en 25%% voor een "
        "benadering of ongedateerd cijfer; een ondergrens uit de bron gaat niet omlaag. Soorten "
        "zonder gepubliceerd aantal tellen met het aantal in Opmars (ook de ondergrens); de "
        "bovengrens neemt aan dat ze even onvolledig in Opmars staan als de soorten die we wel "
        "kunnen meten (samen %(pooled)s dekking). Leden en vrijwilligers: geschatte collectieven "
        "maal mensen per collectief, uit de gepubliceerde cijfers waar die er zijn (±25%%), "
        "anders het gemiddelde per collectief dat het meldde in Opmars (±50%%). Het totaal is de "
        "som; de grenzen zijn opgetelde grenzen, geen percentielen. Vanaf 2024 is het totaal "
        "nooit lager dan de ondergrens van 7.400 burgercollectieven van de VU (2024); "
        "collectieven die daardoor bijkomen krijgen het gemiddelde aantal leden en vrijwilligers "
        "van alle soorten. Leden en vrijwilligers zijn per collectief opgeteld: wie bij twee "
        "collectieven hoort, telt twee keer. Afgerond op drie "
        "significante cijfers."
    ) % {"pooled": _percent(pooled)}


def _percent(share: float | None) -> str:
    return _("onbekende") if share is None else f"{round(share * 100)}%"


def sources(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The reference figures the estimate used, each with its unit, date and source."""
    keys = {FLOOR_KEY} if result["floor"]["applies"] else set()
    for row in result["kinds"]:
        keys.update(f["key"] for f in row["published"])
        keys.update(r["from"] for r in row["ratios"].values() if r["from"] and "_" in r["from"])
    keys.discard("register_all_kinds")
    return [
        {
            k: f[k]
            for k in ("key", "subject", "value", "unit", "date", "source", "source_url", "note")
        }
        for f in comparison.reference_figures()
        if f["key"] in keys
    ]


def movement(year: int | None = None) -> dict[str, Any]:
    """The estimate for `year` (default the last complete year) with the register's figures per
    kind, the method text and its sources; cached under the data generation."""
    year = year or metrics.last_complete_year()

    def compute() -> dict[str, Any]:
        register = register_figures(reference_years() | {year})
        result = estimate(year, register)
        text = method_text(result["pooled_coverage"])
        demo = metrics.summary(metrics.national(), year)["demo_count"] > 0
        return {
            **result,
            "method": text,
            "sources": sources(result),
            "demo": demo,
            "as_of": metrics.as_of(year).isoformat(),
        }

    return metrics.cached("movement", metrics.national(), year, compute)


def api_answer(year: int) -> dict[str, Any]:
    """`movement_estimate` of GET /api/v1/stats/national."""
    found = movement(year)
    return {
        "year": year,
        **{m: found[m] for m in MEASURES},
        "method": found["method"],
        "sources": found["sources"],
        "demo": found["demo"],
    }
