"""GET /api/v1/outlines/...: the offline base layer of the map, as small valid GeoJSON."""

import gzip
import json
import re

import pytest
from django.utils.cache import get_max_age
from shapely.geometry import shape

from opmars.geo.models import Municipality, Province
from opmars.geo.shapes import DATA_DIR

LAYERS = [
    ("municipalities", Municipality, "gemeenten_2024.geojson", 342),
    ("provinces", Province, "provincies.geojson", 12),
]


def outlines(client, layer):
    response = client.get(f"/api/v1/outlines/{layer}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


@pytest.mark.parametrize(("layer", "model", "_source", "expected"), LAYERS)
def test_one_feature_per_area_with_code_and_name(client, db, layer, model, _source, expected):
    collection = outlines(client, layer)
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert len(features) == expected
    names = dict(model.objects.values_list("code", "name"))
    assert {f["properties"]["code"]: f["properties"]["name"] for f in features} == names
    assert all(f["type"] == "Feature" and f["id"] == f["properties"]["code"] for f in features)


@pytest.mark.parametrize(("layer", "_model", "source", "_expected"), LAYERS)
def test_simplified_outlines_are_valid_and_keep_their_area(
    client, db, layer, _model, source, _expected
):
    original = {
        f["properties"].get("gemeentecode") or f["properties"]["provinciecode"]: shape(
            f["geometry"]
        )
        for f in json.loads((DATA_DIR / source).read_text())["features"]
    }
    for feature in outlines(client, layer)["features"]:
        geometry = shape(feature["geometry"])
        assert geometry.geom_type in {"Polygon", "MultiPolygon"}
        assert geometry.is_valid, feature["id"]
        assert geometry.area == pytest.approx(original[feature["id"]].area, rel=0.1)


def test_coordinates_are_rounded_and_the_layer_is_small(client, db):
    response = client.get("/api/v1/outlines/municipalities", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert len(response.content) < 500_000
    text = gzip.decompress(response.content).decode()
    assert not re.search(r"\d\.\d{6,}", text)


def test_outlines_are_cached_long_and_revalidated_cheaply(client, db):
    response = client.get("/api/v1/outlines/provinces")
    assert get_max_age(response) >= 7 * 24 * 3600
    assert "public" in response["Cache-Control"]
    again = client.get("/api/v1/outlines/provinces", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
