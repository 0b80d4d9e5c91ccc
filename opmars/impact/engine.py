"""The social-return engine: METHODOLOGY.md §2 with the decisions of §8. Pure Python, no Django.

Per outcome o:  Gross = Q × P;  Net_1 = Gross × (1−DW)(1−DS)(1−AT);  Net_t = Net_1 × (1−DO)^(t−1);
PV_o = Σ_t Net_t / (1+r)^(t−1)  (platform convention: the reporting year is the base year) or
/ (1+r)^t ("sroi_guide" convention).  PV = Σ PV_o (overlap groups capped),  ratio = PV / I.

Monte Carlo uses plain ``random.Random(seed)``: the present value of an outcome is Q × P × a factor
that does not depend on the draw, so one simulation is two triangular draws and a multiplication per
outcome; 10,000 simulations of ten outcomes take well under a second without numpy.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

DEFAULT_DISCOUNT_RATE = 0.0225
SENSITIVITY_RATES = (0.0, 0.0225, 0.035)
DEFAULT_SIMULATIONS = 10_000
MAX_SIMULATIONS = 100_000
# Longest an outcome may last, as the report form allows; beyond it discounting overflows.
MAX_DURATION = 50
# Largest quantity or proxy value taken: far above any real collective, and products of such
# numbers stay finite.
MAX_AMOUNT = 1e15
DEFAULT_SEED = 1
CONVENTIONS = ("platform", "sroi_guide")
NO_SWITCHING_POINT = "geen omslagpunt"
RATIO_TRIGGER = 10.0
SHARE_TRIGGER = 0.5
DURATION_TRIGGER = 5
SHARE_TRIGGER_MIN_OUTCOMES = 3


class EngineError(ValueError):
    """Invalid input; ``field`` names the offending field (e.g. ``outcomes[2].deadweight``)."""

    def __init__(self, field_name, code, message):
        super().__init__(message)
        self.field = field_name
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Outcome:
    quantity: float
    proxy_value: float
    deadweight: float
    attribution: float
    displacement: float
    drop_off: float = 0.0
    duration: int = 1
    quantity_low: float | None = None
    quantity_high: float | None = None
    proxy_low: float | None = None
    proxy_high: float | None = None
    name: str = ""
    overlap_group: str | None = None

    def has_range(self):
        return self.quantity_range() is not None or self.proxy_range() is not None

    def quantity_range(self):
        return _range(self.quantity_low, self.quantity, self.quantity_high)

    def proxy_range(self):
        return _range(self.proxy_low, self.proxy_value, self.proxy_high)


def _range(low, central, high):
    # A range needs both ends; one end alone says nothing about the spread.
    if low is None or high is None:
        return None
    return (low, central, high)


@dataclass(frozen=True)
class Inputs:
    """METHODOLOGY §8: grants, member contributions, donations, in kind, volunteer hours × value."""

    grants: float = 0.0
    member_contributions: float = 0.0
    donations: float = 0.0
    in_kind: float = 0.0
    volunteer_hours: float = 0.0
    volunteer_hour_value: float = 0.0

    @property
    def volunteer_value(self):
        return self.volunteer_hours * self.volunteer_hour_value

    @property
    def total(self):
        cash = self.grants + self.member_contributions + self.donations
        return cash + self.in_kind + self.volunteer_value


@dataclass
class Result:
    present_value: float
    inputs: float
    sroi_ratio: float | None
    npv: float
    net_sroi: float | None
    payback_months: float | None
    first_year_net: float
    outcomes: list[dict]
    switching: dict
    sensitivity: dict
    simulation: dict | None
    triggers: list[dict]
    largest_share: float | None
    settings: dict = field(default_factory=dict)
    schedule: list[dict] = field(default_factory=list)

    def as_dict(self):
        data = {
            "present_value": self.present_value,
            "inputs": self.inputs,
            "sroi_ratio": self.sroi_ratio,
            "npv": self.npv,
            "net_sroi": self.net_sroi,
            "payback_months": self.payback_months,
            "first_year_net": self.first_year_net,
            "largest_share": self.largest_share,
            "outcomes": self.outcomes,
            "switching_values": self.switching,
            "sensitivity": self.sensitivity,
            "review_triggers": self.triggers,
            "settings": self.settings,
            "schedule": self.schedule,
        }
        sim = self.simulation or {}
        for key in ("p10", "p50", "p90", "ratio_p10", "ratio_p50", "ratio_p90", "simulations"):
            data[key] = sim.get(key)
        return data


# ---------------------------------------------------------------- validation


def validate(outcomes, inputs_total, discount_rate, convention, simulations):
    if not outcomes:
        raise EngineError("outcomes", "leeg", "Geef minstens één uitkomst op.")
    if inputs_total < 0:
        raise EngineError("inputs", "buiten_bereik", "De inbreng mag niet negatief zijn.")
    if not inputs_total <= MAX_AMOUNT:  # also catches an infinite sum of huge amounts
        raise EngineError(
            "inputs",
            "buiten_bereik",
            f"De inbreng is groter dan {MAX_AMOUNT:.0e}; controleer de eenheid van de bedragen.",
        )
    if not -0.5 < discount_rate < 1:
        raise EngineError(
            "discount_rate", "buiten_bereik", "De discontovoet moet tussen -0,5 en 1 liggen."
        )
    if convention not in CONVENTIONS:
        raise EngineError(
            "convention", "ongeldig", "Kies als conventie 'platform' of 'sroi_guide'."
        )
    if not 1 <= simulations <= MAX_SIMULATIONS:
        raise EngineError(
            "simulations",
            "buiten_bereik",
            f"Het aantal simulaties moet tussen 1 en {MAX_SIMULATIONS} liggen.",
        )
    for index, outcome in enumerate(outcomes):
        _validate_outcome(f"outcomes[{index}]", outcome)


def _validate_outcome(prefix, o):
    for name in ("deadweight", "attribution", "displacement", "drop_off"):
        value = getattr(o, name)
        if value is None or not 0 <= value <= 1:
            raise EngineError(
                f"{prefix}.{name}", "buiten_bereik", f"{name} moet een fractie tussen 0 en 1 zijn."
            )
    if o.quantity < 0:
        raise EngineError(
            f"{prefix}.quantity", "buiten_bereik", "De hoeveelheid mag niet negatief zijn."
        )
    if int(o.duration) != o.duration or not 1 <= o.duration <= MAX_DURATION:
        raise EngineError(
            f"{prefix}.duration",
            "buiten_bereik",
            f"De duur moet een heel aantal jaren van 1 tot en met {MAX_DURATION} zijn.",
        )
    for name in (
        "quantity",
        "quantity_low",
        "quantity_high",
        "proxy_value",
        "proxy_low",
        "proxy_high",
    ):
        _validate_size(prefix, name, getattr(o, name))
    _validate_range(prefix, "quantity", o.quantity_low, o.quantity, o.quantity_high)
    _validate_range(prefix, "proxy", o.proxy_low, o.proxy_value, o.proxy_high)
    if o.quantity_low is not None and o.quantity_low < 0:
        raise EngineError(
            f"{prefix}.quantity_low", "buiten_bereik", "De hoeveelheid mag niet negatief zijn."
        )


def _validate_size(prefix, name, value):
    if value is not None and not abs(value) <= MAX_AMOUNT:
        raise EngineError(
            f"{prefix}.{name}",
            "buiten_bereik",
            f"{name} is groter dan {MAX_AMOUNT:.0e}; controleer de eenheid van het getal.",
        )


def _validate_range(prefix, name, low, central, high):
    if (low is None) != (high is None):
        missing = f"{name}_high" if high is None else f"{name}_low"
        raise EngineError(
            f"{prefix}.{missing}", "ontbreekt", "Geef bij een bandbreedte zowel laag als hoog op."
        )
    if low is not None and not low <= central <= high:
        raise EngineError(
            f"{prefix}.{name}_low",
            "buiten_bereik",
            "De bandbreedte moet laag ≤ centraal ≤ hoog zijn.",
        )


# ---------------------------------------------------------------- the core formulas


def net_first_year(o: Outcome, quantity=None, proxy=None):
    q = o.quantity if quantity is None else quantity
    p = o.proxy_value if proxy is None else proxy
    return q * p * (1 - o.deadweight) * (1 - o.displacement) * (1 - o.attribution)


def discount_factor(t, rate, convention="platform"):
    exponent = t - 1 if convention == "platform" else t
    return 1 / (1 + rate) ** exponent


def duration_factor(o: Outcome, rate, convention="platform"):
    """Σ_t (1−DO)^(t−1) / (1+r)^e(t): PV_o = Net_1 × this factor."""
    return sum(
        (1 - o.drop_off) ** (t - 1) * discount_factor(t, rate, convention)
        for t in range(1, int(o.duration) + 1)
    )


def outcome_present_value(o: Outcome, rate=DEFAULT_DISCOUNT_RATE, convention="platform"):
    return net_first_year(o) * duration_factor(o, rate, convention)


def combine(values, groups):
    """Σ of values, each overlap group counting at most its largest single member (§6 guard 3)."""
    total = 0.0
    grouped = {}
    for value, group in zip(values, groups, strict=True):
        if group:
            grouped.setdefault(group, []).append(value)
        else:
            total += value
    for members in grouped.values():
        total += min(sum(members), max(members))
    return total


def counted_values(values, groups):
    """Each outcome's share of the total after capping, so top-outcome switching values add up."""
    counted = list(values)
    members = {}
    for index, group in enumerate(groups):
        if group:
            members.setdefault(group, []).append(index)
    for indices in members.values():
        raw = sum(values[i] for i in indices)
        capped = min(raw, max(values[i] for i in indices))
        scale = capped / raw if raw else 0.0
        for i in indices:
            counted[i] = values[i] * scale
    return counted


def ratio(pv, inputs):
    return pv / inputs if inputs else None


def schedule(outcomes, counted, raw, rate, convention="platform"):
    """The present value year by year: per year t of the longest duration, the value of the
    outcomes still lasting after drop-off and before discounting (Σ_o Net_o,t), the discount
    factor 1/(1+r)^e(t) and their product. An outcome in a capped overlap group counts with the
    same share as in PV (its counted / its own PV), so the years add up to PV exactly."""
    scales = [c / r if r else 0.0 for c, r in zip(counted, raw, strict=True)]
    longest = max((int(o.duration) for o in outcomes), default=0)
    rows = []
    for t in range(1, longest + 1):
        value = sum(
            scale * net_first_year(o) * (1 - o.drop_off) ** (t - 1)
            for o, scale in zip(outcomes, scales, strict=True)
            if t <= o.duration
        )
        factor = discount_factor(t, rate, convention)
        rows.append(
            {
                "year": t,
                "outcomes": sum(1 for o in outcomes if t <= o.duration),
                "value": value,
                "discount_factor": factor,
                "present_value": value * factor,
            }
        )
    return rows


# ---------------------------------------------------------------- switching values


def switching_values(outcomes, counted, pv, inputs):
    """How far one estimate must move for PV to equal the inputs (ratio 1:1), §2."""
    result = {"global_proxy_multiplier": _multiplier(inputs / pv if pv else None)}
    per_outcome = []
    for index, (o, pv_o) in enumerate(zip(outcomes, counted, strict=True)):
        s = (inputs - (pv - pv_o)) / pv_o if pv_o else None
        entry = {"index": index, "name": o.name, "proxy_multiplier": _multiplier(s)}
        for name in ("deadweight", "attribution", "displacement"):
            star = 1 - (1 - getattr(o, name)) * s if s is not None else None
            entry[name] = _fraction(star)
        per_outcome.append(entry)
    result["outcomes"] = per_outcome
    return result


def _multiplier(value):
    if value is None or value <= 0:
        return {"value": None, "reason": NO_SWITCHING_POINT}
    return {"value": value, "reason": None}


def _fraction(value):
    if value is None or not 0 <= value <= 1:
        return {"value": None, "reason": NO_SWITCHING_POINT}
    return {"value": value, "reason": None}


# ---------------------------------------------------------------- sensitivity and Monte Carlo


def sensitivity(outcomes, inputs, groups, rate, convention):
    by_rate = []
    for r in SENSITIVITY_RATES:
        pv = combine([outcome_present_value(o, r, convention) for o in outcomes], groups)
        by_rate.append({"discount_rate": r, "present_value": pv, "sroi_ratio": ratio(pv, inputs)})
    proxy = {}
    for end in ("low", "high"):
        values = [
            net_first_year(o, proxy=_end(o.proxy_range(), end, o.proxy_value))
            * duration_factor(o, rate, convention)
            for o in outcomes
        ]
        pv = combine(values, groups)
        proxy[end] = {"present_value": pv, "sroi_ratio": ratio(pv, inputs)}
    return {"discount_rate": by_rate, "proxy": proxy}


def _end(rng, end, central):
    if rng is None:
        return central
    return rng[0] if end == "low" else rng[2]


def percentile(sorted_values, fraction):
    """Linear interpolation between closest ranks (numpy's default), on sorted input."""
    if not sorted_values:
        return None
    position = (len(sorted_values) - 1) * fraction
    lower = math.floor(position)
    upper = min(lower + 1, len(sorted_values) - 1)
    weight = position - lower
    low, high = sorted_values[lower], sorted_values[upper]
    # low + (high − low) × w rounds monotonically in w and stays within [low, high], so
    # P10 ≤ P50 ≤ P90 holds even for subnormal values (a weighted sum of the two ends did not).
    return min(max(low + (high - low) * weight, low), high)


def simulate(outcomes, inputs, groups, rate, convention, simulations, seed):
    """Triangular draws of quantity and proxy where a range is given; adjustments and r fixed."""
    rng = random.Random(seed)
    factors = [
        (1 - o.deadweight)
        * (1 - o.displacement)
        * (1 - o.attribution)
        * duration_factor(o, rate, convention)
        for o in outcomes
    ]
    quantity_ranges = [o.quantity_range() for o in outcomes]
    proxy_ranges = [o.proxy_range() for o in outcomes]
    grouped = any(groups)
    draws = []
    for _ in range(simulations):
        values = []
        for o, factor, q_range, p_range in zip(
            outcomes, factors, quantity_ranges, proxy_ranges, strict=True
        ):
            q = rng.triangular(q_range[0], q_range[2], q_range[1]) if q_range else o.quantity
            p = rng.triangular(p_range[0], p_range[2], p_range[1]) if p_range else o.proxy_value
            values.append(q * p * factor)
        draws.append(combine(values, groups) if grouped else sum(values))
    draws.sort()
    result = {"simulations": simulations, "seed": seed}
    for name, fraction in (("p10", 0.1), ("p50", 0.5), ("p90", 0.9)):
        value = percentile(draws, fraction)
        result[name] = value
        result[f"ratio_{name}"] = ratio(value, inputs)
    return result


# ---------------------------------------------------------------- the range shown to readers

# Decision 0046: what the interval next to a central estimate is.
RANGE_PERCENTILES = "p10_p90"  # P10–P90 of the simulations; the central value lies inside
RANGE_WIDENED = "p10_p90_aangevuld"  # P10–P90 widened up or down to the central value
RANGE_NONE = "geen_bandbreedte"  # no quantity or proxy has a range: the central value alone


def shown_range(central, p10, p90):
    """The interval shown beside ``central``: ``{"low", "high", "basis"}`` with
    low ≤ central ≤ high, or None without a central value (decision 0046).

    The percentiles stay what they are; where the central value falls outside them (a range
    whose high equals the central value, as for the UK loneliness value, puts most draws below
    it), the interval is widened to the central value and ``basis`` says so."""
    if central is None:
        return None
    if p10 is None or p90 is None:
        return {"low": central, "high": central, "basis": RANGE_NONE}
    low, high = min(p10, central), max(p90, central)
    basis = RANGE_PERCENTILES if (low, high) == (p10, p90) else RANGE_WIDENED
    return {"low": low, "high": high, "basis": basis}


# ---------------------------------------------------------------- review triggers


def review_triggers(outcomes, counted, pv, sroi_ratio):
    """§6 guard 5 with §8: ratio > 10, an outcome > 50 % (≥ 3 valued), DW+AT = 0, D > 5."""
    triggers = []
    if sroi_ratio is not None and sroi_ratio > RATIO_TRIGGER:
        triggers.append({"code": "ratio_boven_10", "index": None})
    valued = [v for v in counted if v]
    if len(valued) >= SHARE_TRIGGER_MIN_OUTCOMES and pv > 0:
        for index, value in enumerate(counted):
            if value / pv > SHARE_TRIGGER:
                triggers.append({"code": "uitkomst_boven_50", "index": index})
    for index, o in enumerate(outcomes):
        if o.deadweight + o.attribution == 0:
            triggers.append({"code": "dw_at_nul", "index": index})
        if o.duration > DURATION_TRIGGER:
            triggers.append({"code": "duur_boven_5", "index": index})
    return triggers


# ---------------------------------------------------------------- the whole calculation


def calculate(
    outcomes,
    inputs,
    discount_rate=DEFAULT_DISCOUNT_RATE,
    convention="platform",
    simulations=DEFAULT_SIMULATIONS,
    seed=DEFAULT_SEED,
    monte_carlo=True,
):
    """``inputs`` is an ``Inputs`` or a number of euros. Returns a ``Result``."""
    outcomes = list(outcomes)
    total_inputs = inputs.total if isinstance(inputs, Inputs) else float(inputs)
    validate(outcomes, total_inputs, discount_rate, convention, simulations)
    groups = [o.overlap_group for o in outcomes]
    raw = [outcome_present_value(o, discount_rate, convention) for o in outcomes]
    counted = counted_values(raw, groups)
    pv = combine(raw, groups)
    first_year = combine([net_first_year(o) for o in outcomes], groups)
    sroi_ratio = ratio(pv, total_inputs)
    npv = pv - total_inputs
    per_outcome = [
        {
            "index": i,
            "name": o.name,
            "gross": o.quantity * o.proxy_value,
            "net_first_year": net_first_year(o),
            "present_value": raw[i],
            "counted_value": counted[i],
            "share": counted[i] / pv if pv else None,
        }
        for i, o in enumerate(outcomes)
    ]
    largest = max((c for c in counted), default=0.0)
    simulation = None
    if monte_carlo and any(o.has_range() for o in outcomes):
        simulation = simulate(
            outcomes, total_inputs, groups, discount_rate, convention, simulations, seed
        )
    return Result(
        present_value=pv,
        inputs=total_inputs,
        sroi_ratio=sroi_ratio,
        npv=npv,
        net_sroi=npv / total_inputs if total_inputs else None,
        payback_months=payback(total_inputs, first_year),
        first_year_net=first_year,
        outcomes=per_outcome,
        switching=switching_values(outcomes, counted, pv, total_inputs),
        sensitivity=sensitivity(outcomes, total_inputs, groups, discount_rate, convention),
        simulation=simulation,
        triggers=review_triggers(outcomes, counted, pv, sroi_ratio),
        largest_share=largest / pv if pv > 0 else None,
        settings={
            "discount_rate": discount_rate,
            "convention": convention,
            "simulations": simulations if simulation else None,
            "seed": seed if simulation else None,
        },
        schedule=schedule(outcomes, counted, raw, discount_rate, convention),
    )


def payback(inputs, first_year_net):
    """I / (Σ Net_1 / 12) months; written as 12 I / Σ Net_1 so a tiny net cannot underflow."""
    if first_year_net <= 0:
        return None
    return 12 * inputs / first_year_net


def top_outcomes(result: Result, count=3):
    """Indices of the outcomes with the largest counted value, for the 'top 3' switching values."""
    ranked = sorted(result.outcomes, key=lambda item: item["counted_value"], reverse=True)
    return [item["index"] for item in ranked[:count]]


# ---------------------------------------------------------------- aggregation over collectives


@dataclass(frozen=True)
class Member:
    present_value: float
    inputs: float
    p10: float | None = None
    p90: float | None = None


def aggregate(members):
    """Σ PV / Σ I, never an average of ratios (§2 rule 3); the range is bounds: the sums of the
    members' shown ranges (P10 … P90, each widened to its central value; decision 0046)."""
    members = list(members)
    pv = sum(m.present_value for m in members)
    inputs = sum(m.inputs for m in members)
    complete = all(m.p10 is not None and m.p90 is not None for m in members)
    shown = [shown_range(m.present_value, m.p10, m.p90) for m in members]
    return {
        "count": len(members),
        "present_value": pv,
        "inputs": inputs,
        "sroi_ratio": ratio(pv, inputs),
        # Sums of percentiles are not percentiles of the sum: these are bounds (§8).
        "lower_bound": sum(r["low"] for r in shown) if complete and members else None,
        "upper_bound": sum(r["high"] for r in shown) if complete and members else None,
    }


# ---------------------------------------------------------------- prices


@dataclass(frozen=True)
class IndexedPrice:
    value: float
    base_value: float
    currency: str
    price_year: int
    report_year: int
    index_year: int
    cpi_base: float
    cpi_report: float
    exchange_rate: float | None
    benefit_transfer: bool
    beyond_last_cpi_year: bool


def index_price(value, currency, price_year, report_year, cpi, gbp_per_eur):
    """§8: EUR × CPI_y / CPI_base; GBP first ÷ the price year's average GBP-per-EUR rate.

    ``cpi`` maps year → index; ``gbp_per_eur`` year → average rate. A report year after the last
    CPI year uses the last index, and the result says so (``beyond_last_cpi_year``).
    """
    if value is None:
        return None
    last_year = max(cpi)
    index_year = min(report_year, last_year)
    if price_year not in cpi or index_year not in cpi:
        raise EngineError("price_year", "buiten_bereik", f"Geen CPI voor {price_year}.")
    rate = None
    euros = value
    if currency == "GBP":
        if price_year not in gbp_per_eur:
            raise EngineError("price_year", "buiten_bereik", f"Geen wisselkoers voor {price_year}.")
        rate = gbp_per_eur[price_year]
        euros = value / rate
    elif currency not in ("EUR", ""):
        raise EngineError("currency", "ongeldig", f"Onbekende valuta {currency}.")
    return IndexedPrice(
        value=euros * cpi[index_year] / cpi[price_year],
        base_value=value,
        currency=currency or "EUR",
        price_year=price_year,
        report_year=report_year,
        index_year=index_year,
        cpi_base=cpi[price_year],
        cpi_report=cpi[index_year],
        exchange_rate=rate,
        benefit_transfer=currency == "GBP",
        beyond_last_cpi_year=report_year > last_year,
    )
