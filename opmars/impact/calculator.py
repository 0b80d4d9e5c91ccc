"""The public calculator: read an impact map (API JSON or the web form), run the engine,
and write the result as CSV. Errors are lists of {field, code, message} in Dutch."""

import math

from django.utils.translation import gettext as _

from opmars.common.errors import field_error
from opmars.common.spreadsheet import dutch_csv
from opmars.impact import compute, engine
from opmars.impact.models import Proxy, ProxyLibrary
from opmars.impact.present import range_basis_text, value_range

REQUIRED = ("quantity", "proxy_value", "deadweight", "attribution", "displacement")
OPTIONAL_NUMBERS = ("quantity_low", "quantity_high", "proxy_low", "proxy_high")
INPUT_FIELDS = (
    "grants",
    "grant_municipality",
    "grant_province",
    "grant_national",
    "grant_funds",
    "grant_other",
    "member_contributions",
    "donations",
    "in_kind",
    "volunteer_hours",
    "volunteer_hour_value",
)


class CalculatorError(Exception):
    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def _missing(field):
    return field_error(
        field, "ontbreekt", _("Geef %(field)s op; dit veld is verplicht.") % {"field": field}
    )


def _not_a_number(field):
    return field_error(
        field, "geen_getal", _("%(field)s moet een getal zijn, zoals 2.5.") % {"field": field}
    )


def _number(data, key, field, errors, required=False, default=None):
    value = data.get(key)
    if value is None or value == "":
        if required:
            errors.append(_missing(field))
        return default
    if isinstance(value, bool):
        errors.append(_not_a_number(field))
        return default
    try:
        number = float(value)
    except (TypeError, ValueError):
        errors.append(_not_a_number(field))
        return default
    if not math.isfinite(number):
        errors.append(_not_a_number(field))
        return default
    return number


def parse(data):
    """``data`` is the decoded request body. Returns the keyword arguments of engine.calculate."""
    if not isinstance(data, dict):
        raise CalculatorError([field_error("", "ongeldig", _("Stuur een JSON-object."))])
    errors = []
    options = {
        "discount_rate": _number(
            data, "discount_rate", "discount_rate", errors, default=engine.DEFAULT_DISCOUNT_RATE
        ),
        "convention": data.get("convention") or "platform",
        "simulations": _integer(data, "simulations", engine.DEFAULT_SIMULATIONS, errors),
        "seed": _integer(data, "seed", engine.DEFAULT_SEED, errors),
    }
    inputs = _inputs(data.get("inputs"), errors)
    outcomes = _outcomes(data.get("outcomes"), errors)
    if errors:
        raise CalculatorError(errors)
    return {"outcomes": outcomes, "inputs": inputs, **options}


def _integer(data, key, default, errors):
    number = _number(data, key, key, errors, default=default)
    if number is None or number != int(number):
        errors.append(
            field_error(
                key, "geen_getal", _("%(field)s moet een heel getal zijn.") % {"field": key}
            )
        )
        return default
    return int(number)


def _check_amount(field, amount, errors):
    """An input is 0 or more and at most engine.MAX_AMOUNT: a larger one is a unit mistake,
    and sums of such numbers run out of floating point (an infinite payback time)."""
    if amount is None:
        return
    if amount < 0:
        message = _("%(field)s mag niet negatief zijn.") % {"field": field}
    elif amount > engine.MAX_AMOUNT:
        message = _("%(field)s is groter dan %(limit)s; controleer de eenheid van het getal.") % {
            "field": field,
            "limit": f"{engine.MAX_AMOUNT:.0e}",
        }
    else:
        return
    errors.append(field_error(field, "buiten_bereik", message))


def _inputs(value, errors):
    if value is None:
        errors.append(_missing("inputs"))
        return engine.Inputs()
    if not isinstance(value, dict):
        amount = _number({"inputs": value}, "inputs", "inputs", errors, default=0.0)
        _check_amount("inputs", amount, errors)
        return engine.Inputs(grants=amount)
    numbers = {}
    for key in INPUT_FIELDS:
        numbers[key] = _number(value, key, f"inputs.{key}", errors, default=None)
        _check_amount(f"inputs.{key}", numbers[key], errors)
    grants = sum(numbers[k] or 0.0 for k in INPUT_FIELDS if k.startswith("grant"))
    hour_value = numbers["volunteer_hour_value"]
    return engine.Inputs(
        grants=grants,
        member_contributions=numbers["member_contributions"] or 0.0,
        donations=numbers["donations"] or 0.0,
        in_kind=numbers["in_kind"] or 0.0,
        volunteer_hours=numbers["volunteer_hours"] or 0.0,
        volunteer_hour_value=default_volunteer_hour_value() if hour_value is None else hour_value,
    )


def default_volunteer_hour_value():
    """A volunteer hour counts at the minimum-wage proxy of the current proxy library (as it
    stands there, not indexed), as reports do; 0 when that library has none."""
    library = ProxyLibrary.objects.order_by("-version").first()
    proxy = Proxy.objects.filter(library=library, key=compute.VOLUNTEER_PROXY).first()
    return proxy.value if proxy else 0.0


def _outcomes(items, errors):
    if not isinstance(items, list) or not items:
        errors.append(
            field_error("outcomes", "leeg", _("Geef minstens één uitkomst op in outcomes."))
        )
        return []
    outcomes = []
    for index, item in enumerate(items):
        prefix = f"outcomes[{index}]"
        if not isinstance(item, dict):
            errors.append(field_error(prefix, "ongeldig", _("Elke uitkomst is een JSON-object.")))
            continue
        values = {key: _number(item, key, f"{prefix}.{key}", errors, True) for key in REQUIRED}
        values.update(
            {key: _number(item, key, f"{prefix}.{key}", errors) for key in OPTIONAL_NUMBERS}
        )
        values["drop_off"] = _number(item, "drop_off", f"{prefix}.drop_off", errors, default=0.0)
        duration = _number(item, "duration", f"{prefix}.duration", errors, default=1)
        if None in (values[key] for key in REQUIRED):
            continue
        outcomes.append(
            engine.Outcome(
                duration=duration if duration == int(duration) else duration,
                name=str(item.get("name") or "")[:200],
                overlap_group=str(item.get("overlap_group") or "") or None,
                **values,
            )
        )
    return outcomes


def calculate(data):
    """Parse and compute; raises CalculatorError with every problem found."""
    kwargs = parse(data)
    try:
        return engine.calculate(**kwargs)
    except engine.EngineError as exc:
        raise CalculatorError([_engine_error(exc)]) from exc


def _engine_error(exc):
    return field_error(
        exc.field,
        exc.code,
        _("Controleer %(field)s: %(problem)s") % {"field": exc.field, "problem": exc.message},
    )


def response(result, inputs):
    data = result.as_dict()
    data["range"] = value_range(data)
    data["inputs_detail"] = {
        "grants": inputs.grants,
        "member_contributions": inputs.member_contributions,
        "donations": inputs.donations,
        "in_kind": inputs.in_kind,
        "volunteer_hours": inputs.volunteer_hours,
        "volunteer_hour_value": inputs.volunteer_hour_value,
        "volunteer_value": inputs.volunteer_value,
    }
    return data


CSV_SUMMARY = (
    "present_value",
    "inputs",
    "sroi_ratio",
    "npv",
    "payback_months",
    "p10",
    "p50",
    "p90",
    "ratio_p10",
    "ratio_p50",
    "ratio_p90",
)


SCHEDULE_COLUMNS = (
    "jaar",
    "lopende_uitkomsten",
    "waarde_na_afname_eur",
    "discontofactor",
    "contante_waarde_eur",
)


def discounting_rule(convention):
    """In words: when a year's value is discounted, as engine.discount_factor does it."""
    if convention == "sroi_guide":
        return _(
            "eind van het jaar (SROI-gids): de waarde van jaar t telt als ontvangen aan het eind "
            "van dat jaar; discontofactor = 1 / (1 + discontovoet)^t, ook in jaar 1"
        )
    return _(
        "begin van het jaar (Opmars): jaar 1 is het rapportagejaar en telt onverdisconteerd; "
        "discontofactor = 1 / (1 + discontovoet)^(t − 1)"
    )


def schedule_definitions(convention):
    """Each column of the year-by-year schedule: name, unit and what it means."""
    return [
        [
            "jaar",
            _("jaar t"),
            _("t = 1 is het rapportagejaar; het schema loopt tot de langste duur."),
        ],
        [
            "lopende_uitkomsten",
            _("aantal uitkomsten"),
            _("aantal uitkomsten dat in dat jaar nog effect heeft (duur in jaren)."),
        ],
        [
            "waarde_na_afname_eur",
            "€",
            _(
                "netto waarde in dat jaar van de uitkomsten die nog lopen, na afname: netto jaar 1 "
                "× (1 − afname)^(t − 1); vóór verdisconteren."
            ),
        ],
        ["discontofactor", _("factor (geen eenheid)"), discounting_rule(convention)],
        [
            "contante_waarde_eur",
            "€",
            _("waarde_na_afname_eur × discontofactor. De som over de jaren is present_value."),
        ],
    ]


def to_csv(data):
    """Blocks for a Dutch spreadsheet: the totals and the settings they were computed with
    (name;value), one row per outcome, the present value year by year with its total, and what
    the schedule's columns mean."""
    settings = data["settings"]
    rows = [[key, data.get(key)] for key in CSV_SUMMARY]
    shown = value_range(data)
    if shown is not None:
        # The interval the page shows (decision 0046); p10 and p90 above stay the percentiles.
        rows += [["bandbreedte_laag", shown["low"]], ["bandbreedte_hoog", shown["high"]]]
        rows += [["bandbreedte_basis", range_basis_text(shown["basis"])]]
    rows += [["discontovoet", settings["discount_rate"]], ["conventie", settings["convention"]]]
    rows += [["verdisconteren", discounting_rule(settings["convention"])]]
    rows += [[], ["uitkomst", "bruto", "netto_jaar_1", "contante_waarde", "meegeteld", "aandeel"]]
    rows += [
        [
            row["name"] or f"#{row['index'] + 1}",
            *(row[key] for key in ("gross", "net_first_year", "present_value", "counted_value")),
            row["share"],
        ]
        for row in data["outcomes"]
    ]
    schedule = data.get("schedule") or []
    rows += [[], list(SCHEDULE_COLUMNS)]
    rows += [
        [row["year"], row["outcomes"], row["value"], row["discount_factor"], row["present_value"]]
        for row in schedule
    ]
    rows += [
        [
            "totaal",
            "",
            sum(row["value"] for row in schedule),
            "",
            sum(row["present_value"] for row in schedule),
        ]
    ]
    rows += [[], ["kolom", "eenheid", "betekenis"], *schedule_definitions(settings["convention"])]
    return dutch_csv(["grootheid", "waarde"], rows)
