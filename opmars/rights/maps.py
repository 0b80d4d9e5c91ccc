"""A static SVG map of the Netherlands (or one province) with every municipality coloured by
its status for one right. No script needed; the page puts a table with the same data beside it.

The outlines are the shipped 2024 municipality outlines (geo/outlines.py), simplified once more
for a whole-country picture and projected once per process."""

import functools
import math
from xml.sax.saxutils import escape

import shapely
from shapely.geometry import mapping, shape

from opmars.geo.outlines import build_outlines
from opmars.rights.models import Status

WIDTH = 800  # viewBox units; the page scales the picture to its column
PAD = 8
TOLERANCE_DEG = 0.004  # about 300 m: invisible at a country-wide scale
FILL = {Status.JA: "#1f5f99", Status.NEE: "#d9822b", Status.ONBEKEND: "#eceff3"}
STROKE = "#8a94a0"


def _rings(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]  # the outer ring; holes are too small to see
    return [polygon[0] for polygon in geometry["coordinates"]]


@functools.cache
def _projected():
    """{code: (name, [rings as [(x, y)] in lon·cos(lat), lat])}."""
    features = build_outlines("municipalities")["features"]
    geometries = shapely.simplify(
        [shape(f["geometry"]) for f in features], TOLERANCE_DEG, preserve_topology=True
    )
    shrink = math.cos(math.radians(52.2))
    result = {}
    for feature, geometry in zip(features, geometries, strict=True):
        rings = [[(lon * shrink, lat) for lon, lat in ring] for ring in _rings(mapping(geometry))]
        result[feature["id"]] = (feature["properties"]["name"], rings)
    return result


def _path(rings, transform):
    parts = []
    for ring in rings:
        points = [transform(x, y) for x, y in ring]
        if len(points) < 3:
            continue
        start, rest = points[0], points[1:]
        steps, (px, py) = [], start
        for x, y in rest:
            if (x, y) != (px, py):
                steps.append(f"{x - px} {y - py}")
                px, py = x, y
        parts.append(f"M{start[0]} {start[1]}l" + " ".join(steps) + "z")
    return "".join(parts)


def status_map(title, statuses, codes=None, titles=None):
    """The SVG text: `statuses` {code: status} (missing: onbekend), drawn for `codes` (default
    all municipalities); `titles` {code: hover text}."""
    shapes = _projected()
    codes = [c for c in (codes if codes is not None else shapes) if c in shapes]
    if not codes:
        return ""
    xs = [x for c in codes for ring in shapes[c][1] for x, _y in ring]
    ys = [y for c in codes for ring in shapes[c][1] for _x, y in ring]
    scale = (WIDTH - 2 * PAD) / (max(xs) - min(xs))
    height = round((max(ys) - min(ys)) * scale + 2 * PAD)
    left, top = min(xs), max(ys)

    def transform(x, y):
        return round(PAD + (x - left) * scale), round(PAD + (top - y) * scale)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'class="rights-map" role="img" aria-label="{escape(title, {chr(34): "&quot;"})}">'
        f"<title>{escape(title)}</title>"
    ]
    for status in Status:
        chosen = [c for c in codes if statuses.get(c, Status.ONBEKEND) == status.value]
        if not chosen:
            continue
        parts.append(f'<g fill="{FILL[status]}" stroke="{STROKE}" stroke-width="0.6">')
        for code in chosen:
            name, rings = shapes[code]
            hover = (titles or {}).get(code) or f"{name}: {status.label}"
            parts.append(f"<path d=\"{_path(rings, transform)}\"><title>{escape(str(hover))}"
                         "</title></path>")  # fmt: skip
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)
