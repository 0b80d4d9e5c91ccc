"""Shapes for the API and the pages: a catalogue item, a report, and the page's view of it."""

from django.utils.translation import gettext as _

from opmars.impact import engine
from opmars.impact.engine import NO_SWITCHING_POINT


def value_range(calc):
    """The interval of the present value shown to readers, in the API and in downloads:
    ``{"low", "high", "basis"}`` holding the central value (decision 0046), or None."""
    calc = calc or {}
    return engine.shown_range(calc.get("present_value"), calc.get("p10"), calc.get("p90"))


def ratio_range(calc):
    """The same interval for the ratio (value per euro of inputs)."""
    calc = calc or {}
    return engine.shown_range(calc.get("sroi_ratio"), calc.get("ratio_p10"), calc.get("ratio_p90"))


def range_basis_text(basis):
    """What the interval is, in words for readers and downloads."""
    texts = {
        engine.RANGE_PERCENTILES: _("P10–P90 van de simulaties"),
        engine.RANGE_WIDENED: _("P10–P90, aangevuld tot de centrale schatting"),
        engine.RANGE_NONE: _("geen bandbreedte: er zijn geen lage en hoge schattingen opgegeven"),
    }
    return texts.get(basis, basis)


def newer_library(report, latest):
    """The newest library version when the report was computed with an older one, else None."""
    if latest is None or report.library.version >= latest.version:
        return None
    return {"version": latest.version, "released": latest.released.isoformat()}


def trigger_text(code):
    texts = {
        "ratio_boven_10": _("De verhouding is hoger dan 10: controleer de aannames."),
        "uitkomst_boven_50": _("Eén uitkomst levert meer dan de helft van de waarde."),
        "dw_at_nul": _("‘Was toch gebeurd’ en ‘aandeel van anderen’ zijn allebei 0 %."),
        "duur_boven_5": _("Deze uitkomst duurt langer dan 5 jaar."),
    }
    return texts.get(code, code)


def indicator_item(indicator):
    return {
        "code": indicator.code,
        "theme": indicator.theme,
        "name": indicator.name,
        "unit": indicator.unit,
        "definition": indicator.definition,
        "sdg_target": indicator.primary_target_id,
        "secondary_sdg_targets": [t.code for t in indicator.secondary_targets.all()],
        "relation": indicator.relation,
        "un_indicator": indicator.un_indicator or None,
        "iris_metric": indicator.iris_metric or None,
        "proxy": indicator.proxy_key or None,
        "defaults": {
            "deadweight": indicator.deadweight / 100,
            "attribution": indicator.attribution / 100,
            "displacement": indicator.displacement / 100,
            "drop_off": indicator.drop_off / 100,
            "duration": indicator.duration,
        },
        "overlap_group": indicator.overlap_group or None,
        "evidence_guidance": indicator.evidence_guidance,
    }


def report_item(report, latest_library=None):
    summary = report.result or {}
    calc = summary.get("calculation") or {}
    return {
        "year": report.year,
        "demo": report.is_demo,
        "library_version": report.library.version,
        "newer_library": newer_library(report, latest_library),
        "discount_rate": report.discount_rate,
        "physical": [
            {k: row[k] for k in ("indicator", "name", "unit", "quantity", "evidence_grade")}
            for row in summary.get("physical", [])
        ],
        "inputs": summary.get("inputs"),
        "present_value": calc.get("present_value"),
        "p10": calc.get("p10"),
        "p50": calc.get("p50"),
        "p90": calc.get("p90"),
        "range": value_range(calc),
        "sroi_ratio": calc.get("sroi_ratio"),
        "npv": calc.get("npv"),
        "largest_share": calc.get("largest_share"),
        "low_evidence_share": summary.get("low_evidence_share"),
        "valued_outcomes": [
            {
                "indicator": row["indicator"],
                "present_value": item["present_value"],
                "counted_value": item["counted_value"],
                "unit_value": row["price"]["value"],
                "proxy": row["price"]["proxy_key"],
                "price_year": row["price"]["price_year"],
                "benefit_transfer": row["price"]["benefit_transfer"],
            }
            for row, item in zip(summary.get("valued", []), calc.get("outcomes", []), strict=False)
        ],
        "switching_values": calc.get("switching_values"),
        "pm_items": [
            {"indicator": row["indicator"], "reason": row["pm_reason"]}
            for row in summary.get("pm_items", [])
        ],
        "sdg_targets": summary.get("sdg_targets", []),
        "review_triggers": [t["code"] for t in calc.get("review_triggers", [])],
    }


def report_view(report):
    """What the public page shows for one year; everything read from the stored result."""
    summary = report.result or {}
    calc = summary.get("calculation") or {}
    valued = []
    for row, item in zip(summary.get("valued", []), calc.get("outcomes", []), strict=False):
        valued.append({**row, **item})
    top = []
    switching = (calc.get("switching_values") or {}).get("outcomes", [])
    for index in summary.get("top_outcomes", []):
        entry = dict(switching[index])
        entry["row"] = valued[index]
        top.append(entry)
    triggers = []
    for trigger in calc.get("review_triggers", []):
        name = valued[trigger["index"]]["name"] if trigger["index"] is not None else ""
        triggers.append({"text": trigger_text(trigger["code"]), "outcome": name})
    return {
        "report": report,
        "summary": summary,
        "calc": calc,
        "valued": valued,
        "top": top,
        "triggers": triggers,
        "no_switching_point": NO_SWITCHING_POINT,
        "beyond_cpi": any(r["price"]["beyond_last_cpi_year"] for r in valued),
    }
