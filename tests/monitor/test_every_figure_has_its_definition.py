"""One definition per figure: every figure in a table or a key-figure list on the monitor, the
reports and the network pages links to its definition in metrics.DEFINITIONS, and every such
link leads to a definition that exists."""

from html.parser import HTMLParser

import pytest

from opmars.monitor.metrics import DEFINITIONS
from opmars.networks.models import Network

DEFINITIONS_PATH = "/monitor/definities/#"


class FigureWalker(HTMLParser):
    """Collects, per numeric column header (th.num) and key figure (ul.key-figures li), the
    definition keys linked inside it; and every definition link on the page."""

    def __init__(self):
        super().__init__()
        self.cells = []  # (what, text, keys)
        self.links = []
        self.open = None  # the cell or item being read: [what, text parts, keys, depth]
        self.in_key_figures = False
        self.sourced_table = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        href = attrs.get("href") or ""
        if tag == "a" and DEFINITIONS_PATH in href:
            key = href.split("#", 1)[1]
            self.links.append(key)
            if self.open:
                self.open[2].append(key)
        if tag == "ul" and "key-figures" in classes:
            self.in_key_figures = True
        if self.open is None and tag == "th" and "num" in classes:
            self.open = ["column", [], [], "th"]
        elif self.open is None and tag == "li" and self.in_key_figures:
            self.open = ["key figure", [], [], "li"]

    def handle_endtag(self, tag):
        if self.open and tag == self.open[3]:
            what, text, keys, _tag = self.open
            self.cells.append((what, " ".join("".join(text).split()), keys))
            self.open = None
        if tag == "ul":
            self.in_key_figures = False

    def handle_data(self, data):
        if self.open:
            self.open[1].append(data)


@pytest.fixture
def pages(demo_set):
    network = Network.objects.filter(members__isnull=False).first()
    return [
        "/monitor/",
        "/monitor/provincies/PV27/",
        "/monitor/gemeenten/GM0363/",
        f"/monitor/netwerken/{network.slug}/",
        "/monitor/soorten/energiecooperatie/",
        "/monitor/gemeenten/GM0363/rapport/",
        "/monitor/provincies/PV27/rapport/",
        f"/monitor/netwerken/{network.slug}/rapport/",
        "/netwerken/",
        "/netwerken/analyse/",
        f"/netwerken/{network.slug}/",
    ]


@pytest.mark.django_db
def test_every_figure_on_every_page_links_to_its_definition(client, pages):
    missing, unknown, checked = [], [], 0
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        walker = FigureWalker()
        walker.feed(response.content.decode())
        missing += [(path, what, text) for what, text, keys in walker.cells if not keys]
        unknown += [(path, key) for key in walker.links if key not in DEFINITIONS]
        checked += len(walker.cells)
        if path.startswith("/monitor/"):
            assert walker.cells, f"{path} shows no figures to check"
    assert checked > 100
    assert missing == []
    assert unknown == []


@pytest.mark.django_db
def test_every_definition_is_on_the_definitions_page_with_its_anchor(client):
    page = client.get("/monitor/definities/").content.decode()
    for key, (_label, text) in DEFINITIONS.items():
        assert f'id="{key}"' in page, key
        assert len(str(text)) > 40, key


def test_the_walker_catches_a_figure_without_a_definition():
    walker = FigureWalker()
    walker.feed(
        '<table><tr><th scope="col" class="num">Leden</th>'
        '<th scope="col" class="num"><a href="/monitor/definities/#members">Leden</a></th></tr>'
        '</table><ul class="key-figures"><li><span>12</span> leden</li></ul>'
    )
    assert walker.cells == [
        ("column", "Leden", []),
        ("column", "Leden", ["members"]),
        ("key figure", "12 leden", []),
    ]
