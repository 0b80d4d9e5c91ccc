"""The web calculator's form: fields named o-<row>-<name>, percentages instead of fractions."""

from django.utils.translation import gettext as _

from opmars.impact import calculator

PERCENT = ("deadweight", "attribution", "displacement", "drop_off")
ROW_FIELDS = (
    "name",
    "quantity",
    "quantity_low",
    "quantity_high",
    "proxy_value",
    "proxy_low",
    "proxy_high",
    *PERCENT,
    "duration",
)
INPUTS = ("grants", "member_contributions", "donations", "in_kind", "volunteer_hours",
          "volunteer_hour_value")  # fmt: skip
MAX_ROWS = 30


def field_labels():
    return {
        "name": _("Uitkomst"),
        "quantity": _("Hoeveelheid"),
        "quantity_low": _("Hoeveelheid laag"),
        "quantity_high": _("Hoeveelheid hoog"),
        "proxy_value": _("Waarde per eenheid (€)"),
        "proxy_low": _("Waarde laag (€)"),
        "proxy_high": _("Waarde hoog (€)"),
        "deadweight": _("Was toch gebeurd (%)"),
        "attribution": _("Aandeel van anderen (%)"),
        "displacement": _("Verdringing (%)"),
        "drop_off": _("Afname per jaar (%)"),
        "duration": _("Duur (jaren)"),
        "grants": _("Subsidies (€)"),
        "member_contributions": _("Bijdragen van leden (€)"),
        "donations": _("Giften (€)"),
        "in_kind": _("Bijdragen in natura (€)"),
        "volunteer_hours": _("Vrijwilligersuren"),
        "volunteer_hour_value": _("Waarde van een vrijwilligersuur (€)"),
        "discount_rate": _("Discontovoet (%)"),
    }


def row_count(post):
    try:
        rows = int(post.get("rows", 1))
    except ValueError:
        rows = 1
    return max(1, min(rows, MAX_ROWS))


def read_rows(post, rows):
    return [
        {name: post.get(f"o-{i}-{name}", "").strip() for name in ROW_FIELDS} for i in range(rows)
    ]


def read_inputs(post):
    return {name: post.get(name, "").strip() for name in INPUTS}


def to_request(rows, inputs, post):
    """The form as the API's JSON body; empty rows are skipped, percentages become fractions."""
    outcomes = []
    for row in rows:
        if not any(row[k] for k in ROW_FIELDS if k != "name"):
            continue
        item = {"name": row["name"]}
        for name in ROW_FIELDS[1:]:
            value = _decimal(row[name])
            if value is not None and name in PERCENT:
                value = value / 100 if isinstance(value, float) else value
            item[name] = value
        outcomes.append(item)
    rate = _decimal(post.get("discount_rate", "2.25"))
    return {
        "inputs": {name: _decimal(value) for name, value in inputs.items()},
        "outcomes": outcomes,
        "discount_rate": rate / 100 if isinstance(rate, float) else rate,
        "convention": post.get("convention") or "platform",
    }


def _decimal(text):
    """Dutch decimal comma accepted; text that is not a number is passed on for the error."""
    if text in ("", None):
        return None
    try:
        return float(text.replace(".", "").replace(",", ".") if "," in text else text)
    except ValueError:
        return text


def web_errors(errors, rows):
    """Turn API-style fields (outcomes[0].deadweight) into form ids and readable labels."""
    labels = field_labels()
    filled = [i for i, row in enumerate(rows) if any(row[k] for k in ROW_FIELDS if k != "name")]
    result = []
    for error in errors:
        field = error["field"]
        anchor, label = "", labels.get(field.split(".")[-1], field)
        if field.startswith("outcomes["):
            index = int(field[len("outcomes[") : field.index("]")])
            row = filled[index] if index < len(filled) else index
            name = field.split(".")[-1] if "." in field else "quantity"
            anchor = f"o-{row}-{name}"
            label = _("Rij %(row)s: %(label)s") % {"row": row + 1, "label": labels.get(name, name)}
        elif field.startswith("inputs."):
            anchor = field.split(".")[-1]
        result.append({"anchor": anchor, "label": label, "message": _message(error)})
    return result


def _message(error):
    field = error["field"].split(".")[-1]
    if error["code"] == "ontbreekt":
        return _("vul dit in.")
    if error["code"] == "geen_getal":
        return _("vul een getal in, zoals 2,5.")
    if field in PERCENT:
        return _("kies een percentage van 0 tot en met 100.")
    if field == "duration":
        return _("vul een heel aantal jaren in, minstens 1.")
    if field in ("quantity", "quantity_low") or error["field"].startswith("inputs"):
        return _("mag niet negatief zijn.")
    if error["code"] == "leeg":
        return _("vul minstens één rij in.")
    return error["message"]


def example_rows():
    """Anouk's map as a starting point: 35 people less lonely."""
    return [
        {
            "name": _("Mensen minder eenzaam"),
            "quantity": "35",
            "quantity_low": "25",
            "quantity_high": "45",
            "proxy_value": "13920",
            "proxy_low": "13409",
            "proxy_high": "13920",
            "deadweight": "25",
            "attribution": "50",
            "displacement": "0",
            "drop_off": "0",
            "duration": "1",
        }
    ]


def calculate(rows, inputs, post):
    body = to_request(rows, inputs, post)
    body["inputs"]["volunteer_hour_value"] = body["inputs"].get("volunteer_hour_value")
    result = calculator.calculate(body)
    return calculator.response(result, calculator.parse(body)["inputs"])


# ---------------------------------------------------------------- the library page (staff)

LIBRARY_FIELDS = ("value", "low", "high")


def proxy_number(value):
    """A proxy value as the form shows it: Dutch decimal comma, no grouping, no rounding."""
    if value is None:
        return ""
    text = repr(float(value))
    return (text[:-2] if text.endswith(".0") else text).replace(".", ",")


def library_changes(post, proxies):
    """{key: {field: value}} of what the form changes: a number that differs from the current
    one (Dutch comma accepted; text that is not a number is passed on for the error), and the
    source when one is given."""
    changes = {}
    for proxy in proxies:
        fields = {}
        for name in LIBRARY_FIELDS:
            text = post.get(f"{proxy.key}-{name}", proxy_number(getattr(proxy, name))).strip()
            number = _decimal(text)
            if number != getattr(proxy, name):
                fields[name] = number
        source = post.get(f"{proxy.key}-source", "").strip()
        if source:
            fields["source"] = source
        if fields:
            changes[proxy.key] = fields
    return changes


def library_form_values(post, proxies):
    """What each field of the form shows: the posted text, else the current value."""
    return {
        proxy.key: {
            **{
                name: post.get(f"{proxy.key}-{name}", proxy_number(getattr(proxy, name)))
                for name in LIBRARY_FIELDS
            },
            "source": post.get(f"{proxy.key}-source", ""),
        }
        for proxy in proxies
    }


def library_field_labels():
    return {
        "value": _("waarde"),
        "low": _("lage waarde"),
        "high": _("hoge waarde"),
        "source": _("bron van de nieuwe waarde"),
        "note": _("Reden"),
        "key": _("Wijzigingen"),
    }


def library_errors(errors, proxies):
    """Each error with the field's id on the page and a label that names proxy and field."""
    labels = library_field_labels()
    names = {proxy.key: proxy.key for proxy in proxies}
    result = []
    for error in errors:
        key, _dot, name = error["field"].partition(".")
        if key in names and name:
            anchor = f"{key}-{name}"
            label = f"{key}: {labels.get(name, name)}"
        else:
            anchor = "note" if key == "note" else ""
            label = labels.get(key, key)
        result.append({"anchor": anchor, "label": label, "field": error["field"],
                       "message": error["message"]})  # fmt: skip
    return result
