"""Municipality outlines in memory, for point-in-polygon (no GDAL: shapely on the GeoJSON)."""

import json
from functools import cache
from pathlib import Path

from shapely import STRtree
from shapely.geometry import Point, shape

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
# Points this close to an outline still count: the outlines are simplified and coasts move.
EDGE_TOLERANCE_DEG = 0.03  # about 2-3 km
NL_BBOX = (3.2, 50.7, 7.3, 53.7)  # west, south, east, north (European Netherlands)


@cache
def municipality_shapes():
    features = json.loads((DATA_DIR / "gemeenten_2024.geojson").read_text("utf-8"))["features"]
    codes = [f["properties"]["gemeentecode"] for f in features]
    geometries = [shape(f["geometry"]) for f in features]
    return codes, geometries, STRtree(geometries)


def municipality_code_at(lat: float, lon: float) -> str | None:
    """The CBS code of the 2024 municipality at this point, or the nearest one within tolerance."""
    codes, geometries, tree = municipality_shapes()
    point = Point(lon, lat)
    hits = tree.query(point, predicate="within")
    if len(hits):
        return codes[int(hits[0])]
    nearest = tree.nearest(point)
    if nearest is not None and geometries[int(nearest)].distance(point) <= EDGE_TOLERANCE_DEG:
        return codes[int(nearest)]
    return None


def in_netherlands(lat: float, lon: float) -> bool:
    west, south, east, north = NL_BBOX
    if not (south <= lat <= north and west <= lon <= east):
        return False
    return municipality_code_at(lat, lon) is not None
