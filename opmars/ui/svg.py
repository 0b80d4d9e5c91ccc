"""Stand-alone SVG charts with presentation attributes: the same file is shown on the page,
downloaded and embedded in the PDF. Geometry comes from opmars/ui/charts.py; tables next to
the charts hold the same numbers."""

import re
from xml.sax.saxutils import escape

from opmars.ui import charts

# Presentation attributes, not style="": the charts are inlined in pages whose
# Content-Security-Policy allows no inline style.
FONT_FAMILY = "'Source Sans 3','Noto Sans','DejaVu Sans',Arial,sans-serif"
FONT = f'font-family="{FONT_FAMILY}" font-size="12"'
TEXT = f'{FONT} fill="#333"'
VIEWBOX = r'viewBox="0 0 ([\d.]+) ([\d.]+)"'
# Colour-blind-safe (Paul Tol 'bright'), one per series key.
SERIES_COLOURS = {"active": "#154273", "founded": "#228833", "stopped": "#EE6677"}


def _open(width, height, title):
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{_attribute(title)}">'
        f"<title>{escape(title)}</title>"
        f'<rect width="{width}" height="{height}" fill="#fff"/>'
    )


def _attribute(text):
    """Text for a double-quoted attribute (quoteattr may pick single quotes instead)."""
    return escape(text, {'"': "&quot;"})


def _number(value):
    return f"{value:,}".replace(",", ".")


def line_svg(title, years, series):
    """series: [(key, label, values)]; None when nothing is known."""
    chart = charts.line_chart(years, series)
    if chart is None:
        return None
    parts = [_open(chart["width"], chart["height"], title), *_axes(chart)]
    for line in chart["lines"]:
        colour = SERIES_COLOURS.get(line["key"], "#333")
        for points in line["paths"]:
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5"/>'
            )
        parts.append(
            f'<text x="{line["end"]["x"]}" y="{line["end"]["y"]}" '
            f'{FONT} fill="{colour}" font-weight="600">{escape(line["label"])}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _axes(chart):
    """Grid lines with their values, the x axis and the year labels under it."""
    parts = []
    for tick in chart["ticks"]:
        parts.append(
            f'<line x1="{chart["left"]}" x2="{chart["right"]}" y1="{tick["y"]}" '
            f'y2="{tick["y"]}" stroke="#ddd"/>'
            f'<text x="{chart["tick_label_x"]}" y="{tick["y"] + 4}" text-anchor="end" '
            f"{TEXT}>{_number(tick['value'])}</text>"
        )
    parts.append(
        f'<line x1="{chart["left"]}" x2="{chart["right"]}" y1="{chart["bottom"]}" '
        f'y2="{chart["bottom"]}" stroke="#666"/>'
    )
    for year in chart["years"]:
        parts.append(
            f'<text x="{year["x"]}" y="{chart["year_label_y"]}" text-anchor="middle" '
            f"{TEXT}>{year['label']}</text>"
        )
    return parts


def column_svg(title, years, series):
    """Grouped columns per year with a legend; series: [(key, label, values)]. None when
    nothing is known."""
    chart = charts.column_chart(years, series)
    if chart is None:
        return None
    parts = [_open(chart["width"], chart["height"], title), *_axes(chart)]
    for column in chart["columns"]:
        parts.append(
            f'<rect x="{column["x"]}" y="{column["y"]}" width="{column["width"]}" '
            f'height="{column["height"]}" fill="{SERIES_COLOURS.get(column["key"], "#333")}">'
            f"<title>{column['year']}: {_number(column['value'])}</title></rect>"
        )
    for item in chart["legend"]:
        colour = SERIES_COLOURS.get(item["key"], "#333")
        parts.append(
            f'<rect x="{item["x"]}" y="{item["y"] - 10}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{item["x"] + 18}" y="{item["y"]}" {TEXT}>{escape(item["label"])}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def framed(svg_text, title, source_lines):
    """A chart as a file on its own (download, PNG): its title above it and its source lines
    under it, which on a page stand in the caption and the footer."""
    width, height = (float(v) for v in re.search(VIEWBOX, svg_text).groups())
    top = 30
    total = height + top + 14 * len(source_lines) + 10
    inner = svg_text.replace("<svg ", f'<svg x="0" y="{top}" ', 1)
    sources = "".join(
        f'<text x="8" y="{_plain(height + top + 14 * (n + 1))}" font-family="{FONT_FAMILY}" '
        f'font-size="10" fill="#555">{escape(line)}</text>'
        for n, line in enumerate(source_lines)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_plain(width)} {_plain(total)}" '
        f'width="{_plain(width)}" height="{_plain(total)}" role="img" '
        f'aria-label="{_attribute(title)}"><title>{escape(title)}</title>'
        f'<rect width="{_plain(width)}" height="{_plain(total)}" fill="#fff"/>'
        f'<text x="8" y="20" font-family="{FONT_FAMILY}" font-size="14" font-weight="600" '
        f'fill="#154273">{escape(title)}</text>{inner}{sources}</svg>'
    )


def _plain(number):
    return f"{number:g}"


# Horizontal bars put each label on its own line(s) above its bar: a label column beside the
# bars cut the long Dutch kinds ("Dorpsraad, dorpsbelang of kleine-kernenvereniging") short.
LABEL_CHARS = 70  # a line of 12px text within 520 px, with room to spare
LINE_H, BAR_H, GAP = 15, 14, 8


def _wrapped(label, chars=LABEL_CHARS):
    """The label in lines of at most `chars` characters, broken between words."""
    import textwrap

    return textwrap.wrap(str(label), chars, break_long_words=True) or [""]


def bar_svg(title, rows, width=520, colour="#154273"):
    """Horizontal bars; rows: [(label, value)] with value >= 0. None when all are zero."""
    bars = charts.bar_chart([row for row in rows if row[1]])
    if not bars:
        return None
    value_w, left = 60, 4
    plot_w = width - left - value_w
    parts, y = [], 4
    for bar in bars:
        for line in _wrapped(bar["label"]):
            y += LINE_H
            parts.append(f'<text x="{left}" y="{y - 3}" {TEXT}>{escape(line)}</text>')
        bar_w = round(plot_w * bar["percent"] / 100, 1)
        parts.append(
            f'<rect x="{left}" y="{y + 1}" width="{bar_w}" height="{BAR_H}" fill="{colour}"/>'
            f'<text x="{left + bar_w + 6}" y="{y + BAR_H - 1}" {TEXT}>'
            f"{_number(bar['value'])}</text>"
        )
        y += BAR_H + GAP
    return "".join([_open(width, y, title), *parts, "</svg>"])


def _rings(geometry):
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


def map_svg(title, geometry, points, width=520, height=420, pad=12):
    """An outline (GeoJSON Polygon or MultiPolygon, lon/lat) with dots [(lat, lon, colour)]."""
    import math

    rings = _rings(geometry)
    lons = [x for ring in rings for x, _y in ring]
    lats = [y for ring in rings for _x, y in ring]
    # Equirectangular with the longitude shrunk by cos(latitude): right for an area this small.
    shrink = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x, span_y = (max(lons) - min(lons)) * shrink or 1e-6, (max(lats) - min(lats)) or 1e-6
    scale = min((width - 2 * pad) / span_x, (height - 2 * pad) / span_y)
    used_w, used_h = span_x * scale, span_y * scale
    off_x, off_y = (width - used_w) / 2, (height - used_h) / 2

    def xy(lon, lat):
        return (
            round(off_x + (lon - min(lons)) * shrink * scale, 1),
            round(off_y + (max(lats) - lat) * scale, 1),
        )

    path = " ".join(
        "M" + " L".join(f"{x},{y}" for x, y in (xy(lon, lat) for lon, lat in ring)) + " Z"
        for ring in rings
    )
    parts = [_open(width, height, title)]
    parts.append(f'<path d="{path}" fill="#f2f5f8" stroke="#555" stroke-width="1.2"/>')
    for lat, lon, colour in points:
        x, y = xy(lon, lat)
        parts.append(
            f'<circle cx="{x}" cy="{y}" r="4" fill="{colour}" stroke="#222" stroke-width="0.6" '
            'fill-opacity="0.9"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def to_png(svg_text, ppi=192):
    """PNG of an SVG chart through the Typst compiler the reports already use (no system
    packages): a page exactly the chart's size with the SVG on it."""
    import tempfile
    from pathlib import Path

    import typst

    width, height = re.search(VIEWBOX, svg_text).groups()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "chart.svg").write_text(svg_text, encoding="utf-8")
        (root / "chart.typ").write_text(
            f"#set page(width: {width}pt, height: {height}pt, margin: 0pt)\n"
            f'#image("chart.svg", width: 100%)\n',
            encoding="utf-8",
        )
        return typst.compile(str(root / "chart.typ"), root=str(root), format="png", ppi=ppi)
