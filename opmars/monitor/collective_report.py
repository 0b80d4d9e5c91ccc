"""One-page report of a single collective for its funders: who it is, its yearly facts and, when
published, its impact report's value range and SDG contributions."""

import json
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

from opmars.accounts.policy import visible_collectives
from opmars.impact import engine, present
from opmars.impact.models import ImpactReport, ReportStatus
from opmars.impact.templatetags.impact import euro
from opmars.monitor.report import number_texts
from opmars.ui import svg

TEMPLATE = Path(__file__).resolve().parent / "typst" / "collective.typ"
FACT_YEARS = 6


def find(slug):
    return (
        visible_collectives(None).select_related("municipality__province").filter(slug=slug).first()
    )


def content(collective, year):
    facts = list(collective.facts.filter(year__gt=year - FACT_YEARS, year__lte=year))
    years = [f.year for f in facts]
    people_title = _("Leden en vrijwilligers per jaar, %(name)s") % {"name": collective.name}
    chart = svg.line_svg(
        people_title,
        years,
        [
            ("active", _("leden"), [f.members for f in facts]),
            ("founded", _("vrijwilligers"), [f.volunteers for f in facts]),
        ],
    )
    report = (
        ImpactReport.objects.filter(collective=collective, year=year, status=ReportStatus.PUBLISHED)
        .exclude(present_value=None)
        .first()
    )
    return {
        "title": _("%(name)s in %(year)s") % {"name": collective.name, "year": year},
        "name": collective.name,
        "kind": str(collective.get_kind_display()),
        "legal_form": str(collective.get_legal_form_display()),
        "municipality": collective.municipality.name,
        "province": collective.municipality.province.name,
        "founded": collective.founded_year,
        "status": str(collective.get_status_display()),
        "demo": collective.is_demo,
        "year": year,
        "facts": [
            {
                "year": f.year,
                "members": f.members,
                "volunteers": f.volunteers,
                "paid_staff": f.paid_staff,
                "income": f.income_total,
            }
            for f in facts
        ],
        "impact": _impact(report),
        "texts": texts(),
        "has_chart": chart is not None,
        "chart": chart,
    }


def _impact(report):
    if report is None:
        return None
    outcomes = report.outcomes.select_related("indicator__primary_target")
    return {
        "present_value": round(report.present_value),
        "inputs": round(report.inputs_total or 0),
        "ratio": None if report.sroi_ratio is None else round(report.sroi_ratio, 2),
        # The pure percentiles, as stored; the PDF prints `range` (decision 0046).
        "p10": None if report.p10 is None else round(report.p10),
        "p90": None if report.p90 is None else round(report.p90),
        "range": shown_range(report),
        "outcomes": [
            {
                "goal": o.indicator.primary_target.goal_id,
                "name": _(o.indicator.name),
                "unit": _(o.indicator.unit),
                "quantity": round(o.quantity),
            }
            for o in outcomes
        ],
    }


def shown_range(report):
    """The interval printed beside the central value: P10–P90 widened to hold it, what it is
    in the impact page's words and, when widened, the pure percentiles and why (decision 0046).
    Rounding to whole euros keeps low ≤ central ≤ high."""
    shown = engine.shown_range(report.present_value, report.p10, report.p90)
    widened = shown["basis"] == engine.RANGE_WIDENED
    return {
        "low": round(shown["low"]),
        "high": round(shown["high"]),
        "basis": shown["basis"],
        "text": present.range_basis_text(shown["basis"]),
        "note": (
            # The same sentence as the fold-out on the impact page (impact/includes/range.html).
            _(
                "80 %% van de simulaties ligt tussen %(p10)s en %(p90)s (P10–P90). De centrale "
                "schatting ligt daarbuiten. Dat gebeurt als een lage of hoge schatting gelijk is "
                "aan de centrale schatting: dan vallen de meeste simulaties hoger of lager uit. "
                "Daarom loopt de bandbreedte hier door tot de centrale schatting."
            )
            % {"p10": euro(report.p10), "p90": euro(report.p90)}
            if widened
            else None
        ),
    }


def pdf(data):
    import typst

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        if data["chart"]:
            (root / "people.svg").write_text(data["chart"], encoding="utf-8")
        plain = {k: v for k, v in data.items() if k != "chart"}
        (root / "data.json").write_text(json.dumps(plain, ensure_ascii=False), encoding="utf-8")
        (root / "collective.typ").write_text(TEMPLATE.read_text(encoding="utf-8"), "utf-8")
        return typst.compile(str(root / "collective.typ"), root=str(root))


def texts():
    """Fixed texts of the one-page report; {year}-style placeholders are filled by Typst."""
    return {
        **number_texts(),
        "sources": _(
            "Bron: register en impactrapporten van Opmars. Definities: /monitor/definities/ en "
            "/methode/."
        ),
        "founded": _("opgericht"),
        "unknown": _("onbekend"),
        "status": _("status"),
        "demo": _(
            "Fictief voorbeeld: dit collectief en zijn cijfers zijn gegenereerd en bestaan niet."
        ),
        "h_value": _("Maatschappelijke waarde in {year}"),
        "no_report": _(
            "Er is nog geen gepubliceerd impactrapport over {year}. De waarde verschijnt hier "
            "zodra het collectief het rapport publiceert; we tonen geen schatting zonder rapport."
        ),
        # {basis} is the range's basis in the impact page's words (present.range_basis_text);
        # {central} and {inputs} are amounts with their euro sign.
        "value_sentence": _(
            "maatschappelijke waarde ({basis}), centrale schatting {central}, bij een inzet van "
            "{inputs}"
        ),
        "why_widened": _("Waarom aangevuld?"),
        "ratio": _("verhouding"),
        "c_outcome": _("Resultaat"),
        "c_quantity": _("Hoeveelheid"),
        "c_unit": _("Eenheid"),
        "h_facts": _("Leden, vrijwilligers en inkomsten"),
        "cap_people": _("Leden en vrijwilligers per jaar"),
        "c_year": _("Jaar"),
        "c_members": _("Leden"),
        "c_volunteers": _("Vrijwilligers"),
        "c_paid_staff": _("Betaalde krachten"),
        "c_income": _("Inkomsten (€)"),
    }
