""" "Wat de vier vragen hier betekenen": the manifesto's four asks to government, each with its
local evidence, for the municipality, province and network reports.

One structure feeds the web page, the PDF and the CSV: an ask has figures (each with its
definition, unit and year) and tables (each with a caption and a definition); the three
renderings loop over them, so a new piece of evidence is data here, not a change in three
templates (docs/decisions/0054-four-asks-in-reports.md)."""

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from opmars.accounts.policy import public_collectives
from opmars.knowledge import sharers
from opmars.monitor import metrics

PLATFORM_SOURCE = "Opmars: vragen, gesprekken, markeringen en vastgelegde kennisdeling"


@dataclass
class Figure:
    label: str
    value: Any  # None is unknown ("onbekend"), never 0
    unit: str
    definition: str
    reported: str = ""  # how many reported it, where a sum depends on that


@dataclass
class Table:
    caption: str
    definition: str
    columns: list[str]
    rows: list[list[Any]]
    empty: str = ""


@dataclass
class Ask:
    number: int
    title: str
    text: str
    source: str
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (label, path)


def _sharers_path(area: metrics.Area, year: int) -> str:
    """The knowledge sharers' overview of the area (a province shows the whole country's, with
    the municipality chosen on the page)."""
    params = {"gemeente": area.code} if area.scope == "municipality" else {}
    params |= {"netwerk": area.code} if area.scope == "network" else {}
    return reverse("knowledge_sharers") + "?" + urlencode({**params, "jaar": year})


def _public(area: metrics.Area):
    return metrics.collectives(area).filter(pk__in=public_collectives().values("id"))


def knowledge_platform(area: metrics.Area, year: int, networked: dict[str, Any]) -> Ask:
    count = _("aantal")
    figures = [
        Figure(evidence.label, evidence.value, count, evidence.definition)
        for evidence in sharers.platform_use(_public(area), year)
    ]
    figures.append(
        Figure(
            _("actieve collectieven in een netwerk"),
            networked["members"],
            count,
            _("Actieve collectieven op 31 december die lid waren van een netwerk in Opmars."),
        )
    )
    return Ask(
        1,
        _("1. Een kennisplatform"),
        _(
            "Collectieven leren het meest van elkaar. Zo gebruikten de collectieven hier het "
            "platform in %(year)s: wat ze vroegen, wat beantwoord werd, wie ze benaderden en "
            "welke kennis ze gebruikten."
        )
        % {"year": year},
        PLATFORM_SOURCE,
        figures,
    )


def reward(area: metrics.Area, year: int) -> Ask:
    evidence = sharers.sharing_in(_public(area), year)
    return Ask(
        2,
        _("2. Beloning voor wie kennis deelt"),
        _(
            "Wie kennis deelt, helpt anderen vooruit. Dit is wat anderen in %(year)s bevestigden "
            "over collectieven hier; de lijst per collectief, met download voor een "
            "beloningsregeling, staat bij de kennisdelers."
        )
        % {"year": year},
        PLATFORM_SOURCE,
        [Figure(e.label, e.value, _("aantal"), e.definition) for e in evidence],
        links=[(_("Kennisdelers van dit gebied, met download"), _sharers_path(area, year))],
    )


def finance(area: metrics.Area, year: int, content: dict[str, Any]) -> Ask:
    income = Table(
        _("Inkomsten naar bron in %(year)s (euro, som)") % {"year": year},
        "income",
        [_("Bron"), _("Euro"), _("Opgegeven door (collectieven)")],
        [[row["label"], row["value"], row["reported"]] for row in content["income"]],
    )
    return Ask(
        3,
        _("3. Financiering die past bij elk soort collectief"),
        _("De inkomsten van de collectieven die jaargegevens gaven, naar bron."),
        _("Opmars: jaargegevens van de collectieven"),
        tables=[income],
    )


def law(area: metrics.Area, year: int, content: dict[str, Any]) -> Ask:
    forms = Table(
        _("Actieve collectieven per rechtsvorm op 31 december %(year)s") % {"year": year},
        "legal_forms",
        [_("Rechtsvorm"), _("Actief")],
        [[row["label"], row["count"]] for row in content["legal_forms"]],
    )
    return Ask(
        4,
        _("4. Een juridisch kader dat helpt"),
        _(
            "Uitdaagrecht in de participatieverordening (Wet versterking participatie op "
            "decentraal niveau) en buurtrechten vragen om collectieven die daarvoor zijn "
            "toegerust. De rechtsvormen van de actieve collectieven hier:"
        ),
        _("Opmars: register en geschiedenis van de collectieven"),
        tables=[forms],
    )


def four_asks(area: metrics.Area, year: int, content: dict[str, Any]) -> list[Ask]:
    """The four asks for a report whose other sections are `content` (report_content)."""
    return [
        knowledge_platform(area, year, content["networked"]),
        reward(area, year),
        finance(area, year, content),
        law(area, year, content),
    ]
