"""The municipality report "Burgercollectieven in <gemeente>, <jaar>": its content, its CSV appendix
and its PDF (Typst). The HTML page, the PDF and the CLI all build on report_content()."""

import dataclasses
import datetime
import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, get_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from opmars.accounts.audit import AuditAction
from opmars.accounts.models import AuditEvent
from opmars.caching import generation
from opmars.common.spreadsheet import dutch_csv, open_csv
from opmars.geo.outlines import build_outlines
from opmars.monitor import asks, metrics, present
from opmars.networks import query as network_query
from opmars.registry import history
from opmars.registry.models import ActivePeriod, Collective
from opmars.registry.vocab import Kind, LegalForm
from opmars.siteurl import absolute
from opmars.ui import svg
from opmars.ui.palette import KIND_COLOURS

FACT_YEARS = 6
INCOME_LABELS = {
    "income_grants": gettext_lazy("subsidies"),
    "income_contributions": gettext_lazy("ledenbijdragen"),
    "income_donations": gettext_lazy("giften"),
    "income_sales": gettext_lazy("verkoop en diensten"),
    "income_loans": gettext_lazy("leningen"),
    "income_other": gettext_lazy("overig"),
}
APPENDIX_HEADER = [
    "slug",
    "naam",
    "soort",
    "rechtsvorm",
    "status",
    "statusjaar",
    "oprichtingsjaar",
    "terreinen",
    "jaar",
    "leden",
    "vrijwilligers",
    "betaalde_krachten",
    "demo",
    "gegevens_van",
]


def facts_history(area, year):
    """Members and volunteers for the FACT_YEARS years up to `year`."""
    return [
        {"year": y, **metrics.facts_totals(area, y)} for y in range(year - FACT_YEARS + 1, year + 1)
    ]


def income(area, year):
    totals = metrics.counted_facts(area, year).aggregate(
        **{f"sum_{name}": Sum(name) for name in INCOME_LABELS},
        **{f"reported_{name}": Count(name) for name in INCOME_LABELS},
    )
    # A source nobody reported is unknown (None), not €0; every sum says how many reported it.
    return [
        {
            "key": key,
            "label": str(label),
            "value": totals[f"sum_{key}"],
            "reported": totals[f"reported_{key}"],
        }
        for key, label in INCOME_LABELS.items()
    ]


def legal_forms(area, year):
    """Legal forms of the collectives active at the end of `year`, in the form they had then."""
    periods = ActivePeriod.objects.filter(
        collective_id__in=metrics.collectives(area).values("id"),
        start_year__lte=year,
        end_year__gt=year,
    )
    counts = dict(periods.order_by().values_list("legal_form").annotate(n=Count("id")))
    return [
        {"code": form.value, "label": str(form.label), "count": counts[form.value]}
        for form in LegalForm
        if counts.get(form.value)
    ]


def networked_share(area, year, active_count):
    members = sum(
        part.filter(network_query.in_a_network(year)).values("id").distinct().count()
        for part in metrics.active_parts(area, year)
    )
    return {"members": members, "share": round(members / active_count, 3) if active_count else None}


@functools.cache
def _outlines():
    """{municipality code: GeoJSON geometry}, built once per process (it takes a moment)."""
    return {f["id"]: f["geometry"] for f in build_outlines("municipalities")["features"]}


def map_svg(area, year, title):
    """The municipality's outline with the public points of the collectives active at the end of
    `year`, coloured by kind."""
    geometry = _outlines().get(area.code)
    if geometry is None:
        return None
    points = [
        point
        for part in metrics.active_parts(area, year)
        for point in part.values_list("public_lat", "public_lon", "kind")
    ]
    return svg.map_svg(
        title, geometry, [(lat, lon, KIND_COLOURS[Kind(k)]) for lat, lon, k in points]
    )


@dataclass(frozen=True)
class TableSection:
    """A report section that is one table of a metric. The page and the PDF draw every one with
    the same loop, so a new one is a metric (metrics.py) and an entry in TABLE_SECTIONS."""

    title: str
    definition: str  # its key in metrics.DEFINITIONS: the page links each figure to it
    columns: tuple[str, ...]  # the rows' label, then one column per figure
    rows: Callable[..., list[dict[str, Any]]]  # (area, year, figures) -> {label, url, values}
    empty: str


def _network_rows(area, year, figures):
    return [
        {
            "label": n["name"],
            "url": reverse("monitor_network", args=[n["slug"]]),
            "values": [n["count"]],
        }
        for n in figures["networks"]
    ]


TABLE_SECTIONS = (
    TableSection(
        gettext_lazy("Netwerken in dit gebied"),
        "networks",
        (gettext_lazy("Netwerk"), gettext_lazy("Actieve leden uit dit gebied")),
        _network_rows,
        gettext_lazy("Geen van de actieve collectieven hier is lid van een netwerk in Opmars."),
    ),
)


def table_sections(area, year, figures):
    return [
        {
            "title": str(section.title),
            "definition": section.definition,
            "columns": [str(column) for column in section.columns],
            "rows": section.rows(area, year, figures),
            "empty": str(section.empty),
        }
        for section in TABLE_SECTIONS
    ]


def report_content(area, year):
    figures = metrics.summary(area, year)
    charts = present.charts_for(area, figures, year)
    history = facts_history(area, year)
    people_title = _("Leden en vrijwilligers per jaar, %(name)s") % {"name": area.name}
    people_svg = svg.line_svg(
        people_title,
        [row["year"] for row in history],
        [
            ("active", _("leden"), [row["members"] for row in history]),
            ("founded", _("vrijwilligers"), [row["volunteers"] for row in history]),
        ],
    )
    map_title = _("Actieve collectieven in %(name)s naar soort") % {"name": area.name}
    content = {
        "area": area,
        "year": year,
        "title": _("Burgercollectieven in %(name)s, %(year)s") % {"name": area.name, "year": year},
        "figures": figures,
        "charts": charts,
        "comparison": present.comparison_rows(area, year),
        "kinds": [row for row in figures["by_kind"] if row["count"]],
        "history": history,
        "people_chart": {"title": people_title, "svg": people_svg},
        "map": {
            "title": map_title,
            "svg": map_svg(area, year, map_title) if area.scope == "municipality" else None,
        },
        "legend": [
            {"label": row["label"], "colour": KIND_COLOURS[Kind(row["code"])]}
            for row in figures["by_kind"]
            if row["count"]
        ],
        **ask_evidence(area, year, figures["active_collectives"]),
        "tables": table_sections(area, year, figures),
    }
    content["asks"] = asks.four_asks(area, year, content)
    content["data_date"] = data_date(area)
    return content


def data_stamp():
    """The time of the last write the figures saw, in UTC, as the changes page's `sinds` takes
    it and as the CSV appendices' last column holds it. To the microsecond: the events of the
    same second before it are in the figures."""
    changed_at = generation.current().changed_at
    since = changed_at.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    return since.replace("+00:00", "Z")  # a "+" in an address would read as a space


def data_date(area):
    """The state of the data the figures were computed from: the time of the last write before
    them, and the page that lists what changed in the area since."""
    changes = reverse("monitor_changes", args=[present.url_scope(area), area.code])
    return {
        "shown": date_format(timezone.localtime(generation.current().changed_at), "j F Y, H:i"),
        "changes_path": f"{changes}?sinds={data_stamp()}",
    }


def changed_collectives(area, since):
    """The collectives whose changes after `since` the area's changes page lists: those in the
    area now, and those that left it since (their seat moved out, or the network took them
    out): a report made before they left counted them."""
    now = metrics.collectives(area).values("id")
    if since is None or area.scope == "national":
        return now
    events = AuditEvent.objects.filter(created_at__gt=since).exclude(collective_pk=None)
    if area.scope == "network":
        left = events.filter(action=AuditAction.NETWORK_REMOVE, target_id=area.code)
    else:  # a municipality or province: a collective's update holds [old, new] seats
        codes = list(metrics.area_municipalities(area).values_list("code", flat=True))
        left = events.filter(changes__municipality__0__in=codes)
    return Collective.objects.filter(Q(id__in=now) | Q(id__in=left.values("collective_pk"))).values(
        "id"
    )


def ask_evidence(area, year, active_count):
    """The report's own figures that the four asks also show (asks.py): income by source,
    legal forms, and how many active collectives are in a network."""
    return {
        "income": income(area, year),
        "legal_forms": legal_forms(area, year),
        "networked": networked_share(area, year, active_count),
    }


def appendix_rows(area, year):
    """One row per collective with its seat in the area that existed at the end of `year`, with
    its status then (by its events) and its facts over `year` as the report counts them."""
    facts = {f.collective_id: f for f in metrics.counted_facts(area, year)}
    area_ids = metrics.collectives(area).values("id")
    statuses = history.status_at_end_of(area_ids, year)
    forms = history.legal_form_at_end_of(area_ids, year)
    collectives = metrics.collectives(area).order_by("name").prefetch_related("domains")
    stamp = data_stamp()
    for c in collectives:
        if c.id not in statuses:
            continue
        status, status_year = statuses[c.id]
        f = facts.get(c.id)
        yield [
            c.slug,
            c.name,
            c.kind,
            forms.get(c.id, c.legal_form),
            status,
            status_year or "",
            c.founded_year or "",
            " ".join(sorted(c.domain_codes)),
            year,
            "" if f is None or f.members is None else f.members,
            "" if f is None or f.volunteers is None else f.volunteers,
            "" if f is None or f.paid_staff is None else f.paid_staff,
            "ja" if c.is_demo else "nee",
            stamp,
        ]


def appendix_csv(area, year, open_data=False):
    """For a spreadsheet (Dutch Excel), or with `open_data` as comma-separated open data."""
    write = open_csv if open_data else dutch_csv
    return write(APPENDIX_HEADER, appendix_rows(area, year))


ASKS_HEADER = [
    "vraag",
    "onderdeel",
    "cijfer",
    "kolom",
    "waarde",
    "eenheid",
    "jaar",
    "definitie",
    "bron",
    "gegevens_van",
]


def asks_rows(area, year):
    """'Wat de vier vragen hier betekenen' as rows: one per figure and per table cell, each with
    its definition and source. An unknown value is an empty cell, never 0. Only the asks are
    computed, not the rest of the report (its charts and map)."""
    active = metrics.summary(area, year)["active_collectives"]
    defs = metrics.DEFINITIONS
    stamp = data_stamp()
    for ask in asks.four_asks(area, year, ask_evidence(area, year, active)):
        for f in ask.figures:
            yield [
                ask.title,
                "",
                f.label,
                "",
                f.value,
                f.unit,
                year,
                f.definition,
                ask.source,
                stamp,
            ]
        for table in ask.tables:
            definition = str(defs[table.definition][1]) if table.definition in defs else ""
            for row in table.rows:
                for column, value in zip(table.columns[1:], row[1:], strict=True):
                    yield [
                        ask.title,
                        table.caption,
                        row[0],
                        column,
                        value,
                        "",
                        year,
                        definition,
                        ask.source,
                        stamp,
                    ]


def asks_csv(area, year):
    """For a spreadsheet (Dutch Excel); None is written as an empty cell."""
    return dutch_csv(ASKS_HEADER, asks_rows(area, year))


TEMPLATE = Path(__file__).resolve().parent / "typst" / "report.typ"
# The template's layouts, roomiest first, and how full its last page must be to be chosen: a
# report that ends on a page with a few stray lines reads as unfinished (issue 20).
LAYOUTS = ("roomy", "compact")
MIN_LAST_PAGE_FILL = 0.5
A4_HEIGHT_PT, TOP_MARGIN_PT, BOTTOM_MARGIN_PT = 841.89, 62.36, 56.69


def report_pdf(content, texts):
    """Compile the report with Typst; charts go in as SVG files, figures as JSON."""
    import tempfile

    import typst

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        images = {
            "growth": content["charts"]["groei"]["svg"],
            "founded": content["charts"]["oprichtingen"]["svg"],
            "kinds": content["charts"]["soorten"]["svg"],
            "people": content["people_chart"]["svg"],
            "map": content["map"]["svg"],
        }
        for name, image in images.items():
            if image:
                (root / f"{name}.svg").write_text(image, encoding="utf-8")
        data = _pdf_data(content, texts, {k: bool(v) for k, v in images.items()})
        (root / "data.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        main = root / "report.typ"
        main.write_text(TEMPLATE.read_text(encoding="utf-8"), encoding="utf-8")
        layout = _best_layout(lambda layout: _last_page_fill(main, root, layout))
        return typst.compile(str(main), root=str(root), sys_inputs={"layout": layout})


def _best_layout(fill_of):
    """The first layout whose last page is full enough, else the one with the fullest."""
    fills = {}
    for layout in LAYOUTS:
        fills[layout] = fill_of(layout)
        if fills[layout] >= MIN_LAST_PAGE_FILL:
            return layout
    return max(fills, key=fills.get)


def _last_page_fill(main, root, layout):
    """How far down the body of its last page the report ends, 0 to 1."""
    import typst

    found = typst.query(
        str(main), "<report-end>", field="value", one=True, root=str(root),
        sys_inputs={"layout": layout},
    )  # fmt: skip
    end_y = float(json.loads(found)["y"].removesuffix("pt"))
    body = A4_HEIGHT_PT - TOP_MARGIN_PT - BOTTOM_MARGIN_PT
    return (end_y - TOP_MARGIN_PT) / body


def _pdf_data(content, texts, images):
    figures = content["figures"]
    return {
        "title": content["title"],
        "year": content["year"],
        "area": content["area"].name,
        "demo": figures["demo_count"] > 0,
        "figures": {
            k: figures[k]
            for k in (
                "active_collectives",
                "per_1000",
                "population",
                "members",
                "volunteers",
                "paid_staff",
                "reporting",
                "active_end_of_year",
                "members_reported",
                "volunteers_reported",
                "active_during_year",
            )
        },
        "as_of": date_format(datetime.date.fromisoformat(figures["as_of"]), "j F Y"),
        "data_date": content["data_date"]["shown"],
        "changes_url": absolute(content["data_date"]["changes_path"]),
        "comparison": content["comparison"],
        "kinds": content["kinds"],
        "history": content["history"],
        "tables": content["tables"],
        "income": content["income"],
        "legal_forms": content["legal_forms"],
        "networked": content["networked"],
        "asks": [dataclasses.asdict(ask) for ask in content["asks"]],
        "social_value": figures["social_value"],
        "sdg": [
            {**row, "name": _(row["name"]), "unit": _(row["unit"])}
            for row in figures["sdg_contributions"]
        ],
        "legend": content["legend"],
        "images": images,
        "texts": texts,
    }


def number_texts():
    """Language and number separators of the active language, for the Typst templates."""
    return {
        "lang": get_language().split("-")[0],
        "thousands": get_format("THOUSAND_SEPARATOR"),
        "decimal": get_format("DECIMAL_SEPARATOR"),
    }


def report_texts():
    """Fixed sentences of the report, in the active language (the PDF gets them as data)."""
    return {
        **number_texts(),
        "intro": _(
            "Dit rapport laat zien hoeveel burgercollectieven er in het gebied zijn, hoe ze "
            "groeien, hoeveel mensen meedoen en wat dat zegt over de vier vragen van het manifest "
            "'Burgercollectieven: opmars in de maatschappij' (2020) aan de overheid."
        ),
        "demo": _(
            "Fictieve cijfers: dit rapport telt gegenereerde voorbeeldcollectieven en zegt niets "
            "over de werkelijkheid."
        ),
        "sources": _(
            "Bron: register van Opmars; aantallen collectieven op 31 december van het jaar van "
            "het rapport (voor het lopende jaar: de dag van maken), volgens de geschiedenis van "
            "elk collectief. Inwoners: CBS, 1 januari 2024. Definities: /monitor/definities/. "
            "Collectieven tellen naar hun vestigingsgemeente."
        ),
        # {date} and {url} are filled in by the Typst template.
        "data_date": _(
            "Berekend uit de gegevens van {date}. Wat er sindsdien in het register veranderde: "
            "{url}"
        ),
        # {year}, {n} and the like are filled in by the Typst template.
        "active_now": _("actieve collectieven op {date}"),
        "per_1000": _("per 1.000 inwoners (1-1-2024)"),
        "members_in": _("leden in {year}, uit {n} van de {of} collectieven"),
        "volunteers_in": _("vrijwilligers in {year}, uit {n} van de {of} collectieven"),
        "h_comparison": _("Kerncijfers, vergeleken per 1.000 inwoners"),
        "c_area": _("Gebied"),
        "c_active": _("Actieve collectieven"),
        "c_per_1000": _("Collectieven per 1.000"),
        "c_members_per_1000": _("Leden per 1.000"),
        "c_volunteers_per_1000": _("Vrijwilligers per 1.000"),
        "comparison_note": _(
            "Inwoners op 1 januari 2024 (CBS). Leden en vrijwilligers: som van de jaargegevens "
            "over {year}; {reporting} collectieven gaven jaargegevens."
        ),
        "h_kinds": _("Collectieven naar soort"),
        "c_kind": _("Soort"),
        "c_active_short": _("Actief"),
        "cap_map": _("Actieve collectieven naar soort (plek op postcode- of gemeenteniveau)"),
        "h_growth": _("Groei"),
        "cap_growth": _("Actieve collectieven aan het eind van elk jaar"),
        "cap_founded": _("Opgerichte en gestopte collectieven per jaar"),
        "h_people": _("Leden en vrijwilligers"),
        "cap_people": _("Leden en vrijwilligers per jaar (som van de jaargegevens)"),
        "c_year": _("Jaar"),
        "c_members": _("Leden"),
        "c_volunteers": _("Vrijwilligers"),
        "c_paid_staff": _("Betaalde krachten"),
        "c_reporting": _("Met jaargegevens"),
        "h_impact": _("Maatschappelijke waarde en SDG's"),
        "impact_sentence": _(
            "maatschappelijke waarde in {year} (bandbreedte: som van de 10e tot som van de 90e "
            "percentielen), centrale waarde € {central}, bij een inzet van € {inputs}; uit "
            "{reports} gepubliceerde impactrapporten. Alleen collectieven met een gepubliceerd "
            "rapport tellen mee."
        ),
        "c_indicator": _("Indicator"),
        "c_quantity": _("Hoeveelheid"),
        "c_unit": _("Eenheid"),
        "no_impact": _(
            "Er zijn nog geen gepubliceerde impactrapporten over {year} van collectieven in dit "
            "gebied. De bandbreedte van de maatschappelijke waarde en de bijdragen aan de SDG's "
            "(in fysieke eenheden) verschijnen hier zodra collectieven hun rapporten publiceren."
        ),
        "unknown": _("onbekend"),
        "asks_title": _("Wat de vier vragen hier betekenen"),
        "asks_intro": _(
            "Het manifest 'Burgercollectieven: opmars in de maatschappij' (2020) vraagt de "
            "overheid om vier dingen. Per vraag: wat de cijfers hier erover zeggen. Elk cijfer "
            "met wat het telt; 'onbekend' betekent dat niemand het opgaf, niet 0."
        ),
        "c_figure": _("Cijfer"),
        "c_value": _("Waarde"),
        "c_what": _("Wat het telt"),
        "source_label": _("Bron"),
        "source_doc": _("brondocument"),
    }
