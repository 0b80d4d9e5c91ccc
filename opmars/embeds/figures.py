"""What an embed shows, read from the monitor's own figures (monitor/metrics.py): one definition
per metric, so an embed never shows a number that differs from the monitor page it links to."""

import datetime
import gzip

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opmars.caching import store
from opmars.monitor import metrics, report
from opmars.networks import query as network_query
from opmars.networks.models import Network
from opmars.registry.models import Collective, YearlyFacts
from opmars.ui.palette import KIND_COLOURS


def _figure(key, value, label, ratio=False):
    """One number: its definition's key on the definitions page, its value (None: unknown) and
    the words that give its unit and year."""
    return {"key": key, "value": value, "label": label, "ratio": ratio}


def _as_date(iso):
    return date_format(datetime.date.fromisoformat(iso), "j F Y")


def area_figures(area, figures, year):
    """The key figures of a municipality, province or network, in the monitor page's words."""
    rows = []
    if area.scope == "network":
        rows.append(
            _figure("network_members", network_members(area.code), _("Aangesloten collectieven"))
        )
    rows.append(
        _figure(
            "active_collectives",
            figures["active_collectives"],
            _("actieve collectieven op %(date)s") % {"date": _as_date(figures["as_of"])},
        )
    )
    if figures["per_1000"] is not None:
        rows.append(
            _figure(
                "per_1000",
                figures["per_1000"],
                _("per 1.000 inwoners (%(n)s op 1-1-2024, CBS)")
                % {"n": intcomma(figures["population"])},
                ratio=True,
            )
        )
    people = {
        "members": _("leden in %(year)s, uit %(n)s van de %(of)s collectieven"),
        "volunteers": _("vrijwilligers in %(year)s, uit %(n)s van de %(of)s collectieven"),
    }
    for key, text in people.items():
        reported = figures[f"{key}_reported"]
        counts = {
            "year": year,
            "n": intcomma(reported),
            "of": intcomma(figures["active_during_year"]),
        }
        rows.append(_figure(key, figures[key], text % counts))
    return rows


def network_members(slug):
    """Its members on the public listing, counted as the networks list and API count them."""

    def count():
        found = network_query.networks_with_counts(Network.objects.filter(slug=slug))
        return found[0].member_count if found else 0

    return store.cached("embeds.network_members", slug, compute=count)


def is_demo_network(slug):
    return Network.objects.filter(slug=slug, is_demo=True).exists()


def map_title(area):
    return _("Actieve collectieven in %(name)s naar soort") % {"name": area.name}


def map_image(area, year, gzipped=False):
    """The municipality report's map (outline and the active collectives by kind) as SVG bytes,
    drawn and compressed once per data generation and language; None for a municipality
    without an outline."""
    title = map_title(area)

    def draw():
        image = report.map_svg(area, year, title)
        return None if image is None else image.encode()

    image = store.cached("embeds.map", area.code, year, compute=draw)
    if image is None or not gzipped:
        return image
    return store.cached(
        "embeds.map.gz", area.code, year, compute=lambda: gzip.compress(image, mtime=0)
    )


def map_legend(figures):
    """The map's colours with the same counts, per kind: its table alternative."""
    return [
        {"label": row["label"], "colour": KIND_COLOURS[row["code"]], "count": row["count"]}
        for row in figures["by_kind"]
        if row["count"]
    ]


def province_table(area):
    """The monitor page's table per municipality: the map's alternative without a picture."""
    return metrics.municipality_map(area)


def latest_facts(collective: Collective):
    """The collective's most recent yearly facts that the monitor counts, or None."""
    return YearlyFacts.counted().filter(collective=collective).order_by("-year").first()


def collective_figures(facts):
    """Members and volunteers of one year, each None when not reported ('onbekend')."""
    if facts is None:
        return []
    return [
        _figure("members", facts.members, _("Leden")),
        _figure("volunteers", facts.volunteers, _("Vrijwilligers")),
    ]
