"""An embed needs no JavaScript: no script at all, the figures in the HTML, the map a picture
with a table of the same counts (a municipality) or a table (a province)."""

import gzip

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["gemeenten", "provincies", "netwerken", "collectieven"])
def test_no_script_and_figures_in_the_html(client, embeds, kind):
    page = client.get(embeds[kind][0]).content.decode()
    assert "<script" not in page
    assert 'class="value">120<' in page


def test_municipality_map_is_a_picture_with_a_table(client, embeds):
    page = client.get(embeds["gemeenten"][0] + "?taal=en").content.decode()
    figure = page.split('<figure class="map">', 1)[1].split("</figure>", 1)[0]
    src = figure.split('<img src="', 1)[1].split('"', 1)[0]
    assert src == "/insluiten/gemeenten/GM0344/kaart.svg?taal=en"
    assert 'alt="Active collectives in Utrecht by type"' in figure
    assert "<table" in figure  # the same counts, per kind
    image = client.get(src)
    assert image["Content-Type"].startswith("image/svg+xml")
    svg = image.content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in svg and "<title>Active" in svg
    assert svg.count("<circle") == 2  # the two active collectives' places
    assert client.get("/insluiten/gemeenten/GM9999/kaart.svg").status_code == 404
    packed = client.get(src, HTTP_ACCEPT_ENCODING="gzip")
    assert packed["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content).decode() == svg


def test_province_map_is_a_table_per_municipality(client, embeds):
    page = client.get(embeds["provincies"][0]).content.decode()
    table = page.split("<table>", 1)[1].split("</table>", 1)[0]
    assert "Utrecht" in table and "Amersfoort" in table


def test_nothing_is_loaded_from_elsewhere(client, embeds):
    for path, _full in embeds.values():
        page = client.get(path).content.decode()
        for attribute in ('src="', 'href="/static', "<link"):
            for part in page.split(attribute)[1:]:
                assert not part.startswith(("http", "//")), part[:80]
