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
from django.utils.translation import ngettext

from opmars.accounts.policy import public_collectives
from opmars.finance.matching import routes_for_area
from opmars.knowledge import sharers
from opmars.monitor import finance_figures, metrics
from opmars.rights.evidence import rights_for_area

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
    numeric: bool = True  # the columns after the first hold figures (else: text, like a source)


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


ROUTES_SHOWN = 10


def _income_by_kind(area: metrics.Area, year: int) -> Table:
    rows = finance_figures.income_by_kind(area, year)
    labels = [str(label) for label in finance_figures.INCOME_SOURCES.values()]
    return Table(
        _("Inkomsten naar bron per soort collectief in %(year)s (euro, som)") % {"year": year},
        "income_by_kind",
        [_("Soort"), *labels, _("Met jaargegevens"), _("Actief")],
        [
            [
                row["label"],
                *[source["value"] for source in row["sources"]],
                row["reporting"],
                row["active_during_year"],
            ]
            for row in rows
            if row["active_during_year"]
        ],
        _("Geen actieve collectieven in %(year)s.") % {"year": year},
    )


def _grants_by_funder(area: metrics.Area, year: int) -> Table:
    rows = finance_figures.grants_by_funder(area, year)
    labels = [str(label) for label in finance_figures.FUNDER_TYPES.values()]
    return Table(
        _("Subsidies naar financier per soort collectief in %(year)s (euro, som)") % {"year": year},
        "grants_by_funder",
        [_("Soort"), *labels, _("Impactrapporten"), _("Actief")],
        [
            [
                row["label"],
                *[funder["value"] for funder in row["funders"]],
                row["reports"],
                row["active_during_year"],
            ]
            for row in rows
            if row["active_during_year"]
        ],
        _("Geen actieve collectieven in %(year)s.") % {"year": year},
    )


def _named_fictitious(name: str, is_demo: bool) -> str:
    """A demo record's name says it is fictitious, once (demo names often say so already)."""
    return name if not is_demo or "fictief" in name.lower() else f"{name} ({_('fictief')})"


def _fitting_routes(area: metrics.Area, year: int) -> Table:
    routes = routes_for_area(area, year)
    return Table(
        _("Financieringsroutes die passen bij collectieven hier (open in %(year)s)")
        % {"year": year},
        "finance_routes",
        [_("Route"), _("Past bij"), _("Past misschien bij")],
        [
            [
                f"{_named_fictitious(row['route'].name, row['route'].is_demo)} "
                f"({row['route'].provider}; {row['where']}; {row['who']})",
                row["collectives"],
                row["maybe"],
            ]
            for row in routes[:ROUTES_SHOWN]
        ],
        _("Het register kent geen route die in %(year)s open was en hier past.") % {"year": year},
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
        _(
            "Waar het geld van de collectieven hier vandaan komt, per soort collectief en per "
            "soort financier, en welke fondsen, subsidies en leningen passen bij wie hier "
            "actief is. Een som zegt uit hoeveel collectieven of rapporten hij komt."
        ),
        _(
            "Opmars: jaargegevens en gepubliceerde impactrapporten van de collectieven; het "
            "register van financieringsroutes"
        ),
        tables=[
            income,
            _income_by_kind(area, year),
            _grants_by_funder(area, year),
            _fitting_routes(area, year),
        ],
        links=[(_("Alle financieringsroutes"), reverse("finance_routes"))],
    )


def _rights_tables(area: metrics.Area) -> tuple[list[Table], list[tuple[str, str]]]:
    rights = rights_for_area(area)
    if rights is None:
        return [], []
    counts = Table(
        ngettext(
            "Lokale rechten in de gemeente",
            "Lokale rechten in de %(n)s gemeenten van dit gebied",
            rights["municipalities"],
        )
        % {"n": rights["municipalities"]},
        "local_rights",
        [_("Recht"), _("Ja"), _("Nee"), _("Onbekend"), _("Waarvan zonder vermelding")],
        [
            [row["label"], row["ja"], row["nee"], row["onbekend"], row["no_entry"]]
            for row in rights["rights"]
        ],
    )
    entries = Table(
        _("Wat de gemeenten hebben vastgelegd, met bron"),
        "",
        [_("Gemeente en recht"), _("Status"), _("Sinds"), _("Bron"), _("Nagekeken")],
        [
            [
                _named_fictitious(f"{e['municipality_name']}: {e['right_label']}", e["demo"]),
                e["status_label"],
                e["since"].isoformat() if e["since"] else None,
                e["source_url"] or None,
                e["last_checked"].isoformat(),
            ]
            for e in rights["entries"][:ROUTES_SHOWN]
        ],
        _("Voor geen enkele gemeente hier is iets vastgelegd: alle rechten zijn onbekend."),
        numeric=False,
    )
    cases = Table(
        _("Collectieven die een recht gebruikten"),
        "",
        [_("Collectief en recht"), _("Jaar"), _("Uitkomst")],
        [
            [
                _named_fictitious(
                    f"{c['collective_name']}: {c['right_label']}, {c['subject']}", c["demo"]
                ),
                c["year"],
                c["outcome_label"],
            ]
            for c in rights["cases"][:ROUTES_SHOWN]
        ],
        _("Er zijn hier nog geen zaken vastgelegd."),
        numeric=False,
    )
    return [counts, entries, cases], [
        (_("Lokale rechten in heel Nederland"), reverse("local_rights"))
    ]


def law(area: metrics.Area, year: int, content: dict[str, Any]) -> Ask:
    forms = Table(
        _("Actieve collectieven per rechtsvorm op 31 december %(year)s") % {"year": year},
        "legal_forms",
        [_("Rechtsvorm"), _("Actief")],
        [[row["label"], row["count"]] for row in content["legal_forms"]],
    )
    rights, links = _rights_tables(area)
    return Ask(
        4,
        _("4. Een juridisch kader dat helpt"),
        _(
            "Het uitdaagrecht in de participatieverordening (Wet versterking participatie op "
            "decentraal niveau), buurtrechten en het recht op overname geven collectieven ruimte. "
            "Wat de gemeenten hier daarover hebben vastgelegd, welke collectieven een recht "
            "gebruikten, en in welke rechtsvorm de collectieven werken. Onbekend is nooit nee."
        ),
        _(
            "Opmars: het register van lokale rechten (stand van de datum 'nagekeken'); register "
            "en geschiedenis van de collectieven"
        ),
        tables=[*rights, forms],
        links=links,
    )


def four_asks(area: metrics.Area, year: int, content: dict[str, Any]) -> list[Ask]:
    """The four asks for a report whose other sections are `content` (report_content)."""
    return [
        knowledge_platform(area, year, content["networked"]),
        reward(area, year),
        finance(area, year, content),
        law(area, year, content),
    ]
