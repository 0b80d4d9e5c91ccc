"""The map's offline base layer: municipality and province outlines as compact GeoJSON.

Built once per process from the shipped 2024 outlines: made valid, simplified and rounded, so the
municipality layer is about 400 kB of JSON (about 110 kB gzipped) instead of 1.1 MB.
"""

import gzip
import hashlib
import json
import re
from dataclasses import dataclass
from functools import cache

import shapely
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from shapely.geometry import mapping, shape

from opmars.geo.shapes import DATA_DIR

# About 100 m: invisible at the zoom levels where outlines are drawn instead of points.
SIMPLIFY_TOLERANCE_DEG = 0.001
# 4 decimals is about 10 m; more digits only make the answer bigger.
GRID_DEG = 0.0001
ACCEPTS_GZIP = re.compile(r"\bgzip\b")

SOURCES = {
    "municipalities": ("gemeenten_2024.geojson", "gemeentecode", "gemeentenaam"),
    "provinces": ("provincies.geojson", "provinciecode", "provincienaam"),
}


def _polygonal(geometry):
    # make_valid may leave stray lines or points where an outline touched itself.
    if geometry.geom_type in {"Polygon", "MultiPolygon"}:
        return geometry
    parts = [g for g in shapely.get_parts(geometry) if g.geom_type in {"Polygon", "MultiPolygon"}]
    return shapely.union_all(parts)


def build_outlines(layer: str) -> dict:
    filename, code_key, name_key = SOURCES[layer]
    features = json.loads((DATA_DIR / filename).read_text("utf-8"))["features"]
    geometries = shapely.make_valid([shape(f["geometry"]) for f in features])
    geometries = shapely.simplify(geometries, SIMPLIFY_TOLERANCE_DEG, preserve_topology=True)
    # set_precision snaps to the grid and keeps every polygon valid, unlike rounding by hand.
    geometries = shapely.set_precision(geometries, GRID_DEG)
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": feature["properties"][code_key],
                "properties": {
                    "code": feature["properties"][code_key],
                    "name": feature["properties"][name_key],
                },
                "geometry": mapping(_polygonal(geometry)),
            }
            for feature, geometry in zip(features, geometries, strict=True)
        ],
    }


@dataclass(frozen=True)
class EncodedLayer:
    json: bytes
    gzipped: bytes
    etag: str


@cache
def encoded_outlines(layer: str) -> EncodedLayer:
    """A layer as JSON, gzipped once too (compressing 400 kB on every request costs ~25 ms)."""
    content = json.dumps(build_outlines(layer), separators=(",", ":")).encode()
    return EncodedLayer(
        json=content,
        gzipped=gzip.compress(content, compresslevel=9, mtime=0),
        # Weak, because the same content is sent plain or gzipped.
        etag='W/"' + hashlib.sha256(content).hexdigest()[:32] + '"',
    )


def outlines_response(request, layer):
    """The precomputed JSON, gzipped when the client accepts it (as gzip_page would)."""
    encoded = encoded_outlines(layer)
    accepts_gzip = ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", ""))
    response = HttpResponse(
        encoded.gzipped if accepts_gzip else encoded.json, content_type="application/geo+json"
    )
    if accepts_gzip:
        response["Content-Encoding"] = "gzip"
    patch_vary_headers(response, ["Accept-Encoding"])
    return response
