"""What a monitor page, a report and a download show, built from metrics.summary(): charts with
their data rows, the comparison with the province and the country. No request handling here."""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.translation import gettext as _

from opmars.monitor import comparison, metrics, movement
from opmars.ui import svg

CHART_NAMES = ("groei", "oprichtingen", "soorten", "terreinen")
# Tables that download as CSV like a chart's figures, without an image.
TABLE_NAMES = ("vergelijking",)


def area_for(scope, code):
    finders = {
        "nederland": lambda _code: metrics.national(),
        "provincies": metrics.province_area,
        "gemeenten": metrics.municipality_area,
        "netwerken": metrics.network_area,
        "soorten": metrics.kind_area,
    }
    finder = finders.get(scope)
    return finder(code) if finder else None


def url_scope(area):
    return {
        "national": "nederland",
        "province": "provincies",
        "municipality": "gemeenten",
        "network": "netwerken",
        "kind": "soorten",
    }[area.scope]


def chart_data(name, area, figures, year):
    """(title, header, rows, svg text or None) of one chart or table."""
    if name == "vergelijking":
        return _comparison_table(area, year)
    growth = figures["growth"]
    years = [row["year"] for row in growth]
    if name == "groei":
        title = _("Actieve collectieven aan het eind van elk jaar, %(name)s") % {"name": area.name}
        header = [_("jaar"), _("actief")]
        rows = [[row["year"], row["active"]] for row in growth]
        series = [("active", _("actief"), [row["active"] for row in growth])]
        return title, header, rows, svg.line_svg(title, years, series)
    if name == "oprichtingen":
        title = _("Opgerichte en gestopte collectieven per jaar, %(name)s") % {"name": area.name}
        header = [_("jaar"), _("opgericht"), _("gestopt"), _("netto groei")]
        rows = [[row["year"], row["founded"], row["stopped"], row["net"]] for row in growth]
        series = [
            ("founded", _("opgericht"), [row["founded"] for row in growth]),
            ("stopped", _("gestopt"), [row["stopped"] for row in growth]),
        ]
        return title, header, rows, svg.column_svg(title, years, series)
    key = "by_kind" if name == "soorten" else "by_domain"
    if name == "soorten":
        title = _("Actieve collectieven per soort, %(name)s") % {"name": area.name}
    else:
        title = _("Actieve collectieven per terrein, %(name)s") % {"name": area.name}
    header = [_("code"), _("omschrijving"), _("actief")]
    rows = [[row["code"], row["label"], row["count"]] for row in figures[key]]
    bars = [(row["label"], row["count"]) for row in figures[key]]
    return title, header, rows, svg.bar_svg(title, bars)


def _chart_url(scope, code, name, ext, year):
    return reverse("monitor_chart", args=[scope, code, name, ext]) + f"?jaar={year}"


def charts_for(area, figures, year):
    scope = url_scope(area)
    result = {}
    for name in CHART_NAMES:
        title, header, rows, image = chart_data(name, area, figures, year)
        result[name] = {
            "title": title,
            "header": header,
            "rows": rows,
            "svg": image,
            "svg_url": _chart_url(scope, area.code, name, "svg", year),
            "png_url": _chart_url(scope, area.code, name, "png", year),
            "csv_url": _chart_url(scope, area.code, name, "csv", year),
            "open_csv_url": reverse("monitor_chart_open_csv", args=[scope, area.code, name])
            + f"?jaar={year}",
        }
    return result


def comparison_rows(area, year):
    """Per 1,000 inhabitants: the area, its province and the country (as counted in the
    register); for the country alone a second line, the estimate of the whole movement with its
    band (`estimate` True, `low`/`high` per figure). A municipality, province or network has no
    estimate line: the estimate is national, and set beside a local register count it would
    read as a local shortfall (decision 0053)."""
    areas = [area]
    if area.scope == "municipality":
        areas.append(metrics.province_area(area.province_code))
    if area.scope != "national":
        areas.append(metrics.national())
    rows = []
    for each in areas:
        figures = metrics.summary(each, year)
        population = each.population or 0
        rows.append(
            {
                "name": each.name,
                "active": figures["active_collectives"],
                "population": population,
                "per_1000": figures["per_1000"],
                "members_per_1000": metrics.per_thousand(figures["members"], population),
                "volunteers_per_1000": metrics.per_thousand(figures["volunteers"], population),
                "estimate": False,
            }
        )
    if area.scope == "national":
        rows.append(estimate_row(area, year))
    return rows


def estimate_row(area, year):
    """The comparison's line 'Geschatte hele beweging': the estimate per 1,000 inhabitants, each
    figure with its low and high end; `estimate` True so every reader labels it as one."""
    found = movement.movement(year)
    population = area.population or 0

    def per_1000(band, key):
        return metrics.per_thousand(band[key], population)

    collectives, members, volunteers = (found[m] for m in movement.MEASURES)
    return {
        "name": _("Geschatte hele beweging (schatting)"),
        "active": collectives["value"],
        "active_low": collectives["low"],
        "active_high": collectives["high"],
        "population": population,
        "per_1000": per_1000(collectives, "value"),
        "per_1000_low": per_1000(collectives, "low"),
        "per_1000_high": per_1000(collectives, "high"),
        "members_per_1000": per_1000(members, "value"),
        "members_per_1000_low": per_1000(members, "low"),
        "members_per_1000_high": per_1000(members, "high"),
        "volunteers_per_1000": per_1000(volunteers, "value"),
        "volunteers_per_1000_low": per_1000(volunteers, "low"),
        "volunteers_per_1000_high": per_1000(volunteers, "high"),
        "estimate": True,
    }


def _comparison_table(area, year):
    title = _("Vergelijking per 1.000 inwoners, %(name)s, %(year)s") % {
        "name": area.name,
        "year": year,
    }
    header = [
        _("gebied"),
        _("inwoners_1_1_2024"),
        _("actieve_collectieven"),
        _("collectieven_per_1000"),
        _("leden_per_1000"),
        _("vrijwilligers_per_1000"),
        _("schatting"),
        _("collectieven_laag"),
        _("collectieven_hoog"),
    ]
    rows = [
        [
            row["name"],
            row["population"],
            row["active"],
            row["per_1000"],
            row["members_per_1000"],
            row["volunteers_per_1000"],
            _("ja") if row["estimate"] else _("nee"),
            row.get("active_low", ""),
            row.get("active_high", ""),
        ]
        for row in comparison_rows(area, year)
    ]
    return title, header, rows, None


def comparison_downloads(area, year):
    """The comparison table's two CSV files: for a spreadsheet, and as open data."""
    scope, code = url_scope(area), area.code
    return {
        "csv_url": _chart_url(scope, code, "vergelijking", "csv", year),
        "open_csv_url": reverse("monitor_chart_open_csv", args=[scope, code, "vergelijking"])
        + f"?jaar={year}",
    }


def nieuwe_zuil(figures, year=None):
    """The register's members and active people beside churches, unions and parties; with a
    year also the estimate of the whole movement (members, volunteers) as a second line."""
    return {
        "members": figures["members"],
        "active_people": figures["active_people"],
        "pillars": comparison.pillar_figures(),
        "estimate": movement.movement(year) if year else None,
    }


def energy_coverage():
    area = metrics.kind_area("energiecooperatie")
    this_year = metrics.last_complete_year() + 1
    series = metrics.cached("growth", area, this_year, lambda: metrics.growth(area, this_year))
    return comparison.coverage_rows({row["year"]: row["active"] for row in series})


def coverage_with_share(figures):
    total = {row["code"]: row for row in figures["kind_coverage"]}
    return [
        {**row, "coverage": total.get(row["code"])}
        for row in figures["by_kind"]
        if row["count"] or total.get(row["code"], {}).get("municipalities")
    ]


def municipality_table(map_rows):
    """The map's table: each municipality with its link and figures formatted once here. Done
    per row in the template ({% url %}, intcomma, floatformat over 342 rows) it was a third of
    the national page's template time."""
    link = reverse("monitor_municipality", args=["GM0000"])
    return [
        {
            "name": row["name"],
            "url": link.replace("GM0000", row["code"]),
            "active": intcomma(row["active"]),
            "per_1000": floatformat(row["per_1000"], 2),
        }
        for row in map_rows
    ]
