"""The map page: offline Leaflet, the same filters as the directory, and a list alternative."""

import json
import re

from django.urls import reverse


def map_config(html):
    return json.loads(
        re.search(r'<script id="map-config" type="application/json">(.*?)</script>', html).group(1)
    )


def test_map_page_loads_local_leaflet_and_its_config(client, db):
    html = client.get(reverse("map")).content.decode()
    for path in [
        "leaflet/leaflet.js",
        "leaflet/leaflet.css",
        "leaflet-markercluster/leaflet.markercluster.js",
        "leaflet-markercluster/MarkerCluster.css",
        "leaflet-markercluster/MarkerCluster.Default.css",
        "opmars/map.js",
    ]:
        assert f"/static/{path}" in html
    config = map_config(html)
    assert config["mapUrl"] == "/api/v1/map"
    assert config["municipalityOutlinesUrl"] == "/api/v1/outlines/municipalities"
    assert config["provinceOutlinesUrl"] == "/api/v1/outlines/provinces"
    assert config["tileUrl"] == ""
    assert config["collectiveUrl"] == "/collectieven/SLUG/"
    assert config["municipalityUrl"] == "/gemeenten/CODE/"
    assert config["text"]["demo"] == "Fictief voorbeeld"


def test_a_colour_and_a_label_for_every_kind(client, db):
    from opmars.registry.vocab import Kind

    html = client.get(reverse("map")).content.decode()
    config = map_config(html)
    assert set(config["colours"]) == set(Kind.values)
    assert len(set(config["colours"].values())) == len(Kind.values)
    for kind in Kind:
        assert str(kind.label) in html  # the legend


def test_tile_layer_only_when_configured(client, settings, db):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "© Voorbeeld"
    config = map_config(client.get(reverse("map")).content.decode())
    assert config["tileUrl"] == "https://tiles.example.org/{z}/{x}/{y}.png"
    assert config["tileAttribution"] == "© Voorbeeld"


def test_filters_and_the_list_link_keep_the_same_filters(client, db):
    html = client.get(reverse("map") + "?kind=dorpsraad&province=PV21&zoom=9").content.decode()
    assert '<option value="dorpsraad" selected>' in html
    assert '<option value="PV21" selected>' in html
    assert "Bekijk als lijst" in html
    assert f'href="{reverse("collectives")}?kind=dorpsraad&amp;province=PV21"' in html
    assert 'name="sort"' not in html  # the map has no order


def test_invalid_filters_are_explained(client, db):
    html = client.get(reverse("map") + "?status=weg").content.decode()
    assert "Onbekende waarde weg voor status" in html


def test_the_directory_links_to_the_map_with_its_filters(client, db):
    html = client.get(reverse("collectives") + "?kind=dorpsraad").content.decode()
    assert f'href="{reverse("map")}?kind=dorpsraad"' in html
