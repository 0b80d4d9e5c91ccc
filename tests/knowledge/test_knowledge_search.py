"""Dutch search with stemming, the same on SQLite and PostgreSQL; filters; the API."""

import pytest

from opmars.knowledge.query import search_items


@pytest.fixture
def library(make_item):
    return {
        "leden": make_item(title="Ledenadministratie bijhouden", body="De ledenlijst en de ALV."),
        "zon": make_item(
            title="Zonnepanelen op het dak van de school",
            body="Subsidie voor zonnepanelen.",
            item_type="financiering",
            kinds=["energiecooperatie"],
            domains=["energie"],
        ),
        "zorg": make_item(
            title="Vrijwilligers in de zorgcoöperatie",
            body="Coöperaties vinden vrijwilligers.",
            item_type="les",
            kinds=["zorgcooperatie"],
            domains=["zorg_welzijn"],
        ),
    }


def slugs(items):
    return {i.slug for i in items}


@pytest.mark.parametrize(
    "q, expected",
    [
        ("zonnepaneel", "zon"),  # singular finds plural
        ("zonnepanelen", "zon"),
        ("vrijwilliger", "zorg"),
        ("cooperatie", "zorg"),  # diacritics folded
        ("coöperaties", "zorg"),
        ("ledenadministratie", "leden"),
    ],
)
def test_dutch_word_forms(library, q, expected):
    assert slugs(search_items(q=q)) == {library[expected].slug}


def test_filters(library):
    assert slugs(search_items(item_types=["les"])) == {library["zorg"].slug}
    assert slugs(search_items(collective_kinds=["zorgcooperatie"])) == {library["zorg"].slug}
    assert library["zon"].slug in slugs(search_items(domains=["energie"]))
    assert slugs(search_items(q="subsidie", domains=["zorg_welzijn"])) == set()


def test_api(client, library):
    body = client.get("/api/v1/knowledge", {"q": "zonnepaneel"}).json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["slug"] == library["zon"].slug and item["type"] == "financiering"
    assert item["demo"] is False and item["useful"] == 0 and item["collectives"]
    error = client.get("/api/v1/knowledge", {"type": "roman"}).json()["errors"][0]
    assert error["field"] == "type" and error["code"] == "onbekende_waarde"


def test_library_page(client, library):
    html = client.get("/kennis/", {"q": "vrijwilligers"}).content.decode()
    assert "Vrijwilligers in de zorgcoöperatie" in html
    assert "Ledenadministratie bijhouden" not in html


def test_a_query_without_searchable_words_lists_everything(library, client):
    assert slugs(search_items("ð !!")) == slugs(library.values())
    assert client.get("/api/v1/knowledge", {"q": "ð"}).status_code == 200
