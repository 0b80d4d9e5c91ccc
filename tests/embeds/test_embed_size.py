"""An embed is small: under 20 KB of HTML and CSS without the map, measured on the largest
municipality and province of a 300-collective demo."""

import re

import pytest
from django.contrib.staticfiles import finders

from opmars.registry.demo import generate_demo

pytestmark = pytest.mark.django_db
LIMIT = 20 * 1024


def _css_bytes(page):
    links = re.findall(r'<link rel="stylesheet" href="/static/([^"]+)"', page)
    assert links, "the embed links its stylesheet"
    return sum(len(open(finders.find(name), "rb").read()) for name in links)


def _without_map(page):
    return re.sub(r'<figure class="map">.*?</figure>', "", page, flags=re.S)


@pytest.mark.parametrize(
    "path",
    ["/insluiten/gemeenten/GM0363/", "/insluiten/provincies/PV28/?taal=en"],
)
def test_html_and_css_under_20_kb_without_the_map(client, path):
    generate_demo(300, seed=3)
    page = client.get(path).content.decode()
    assert "<svg" in page or "<table" in page
    html = _without_map(page).encode()
    assert len(html) + _css_bytes(page) < LIMIT, (len(html), _css_bytes(page))


def test_collective_embed_is_small(client, make_collective):
    collective = make_collective(name="Buurtkracht Zuilen", municipality="GM0344")
    page = client.get(f"/insluiten/collectieven/{collective.slug}/").content.decode()
    assert len(page.encode()) + _css_bytes(page) < LIMIT
