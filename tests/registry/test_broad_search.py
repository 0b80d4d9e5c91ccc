"""A directory search that matches very many collectives (decision 0065): counted up to a bound
and listed with the most recently added first, and the page says so; a narrower search is
counted exactly and ranked by relevance, and the API always counts exactly."""

import re

import pytest
from django.core.cache import cache

from opmars.registry import query

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_matches(make_collective, monkeypatch):
    """Five collectives about 'zorg' (the bound lowered to three) and one about something else;
    the best match by relevance is the oldest."""
    monkeypatch.setattr(query, "BROAD_SEARCH", 3)
    made = [make_collective(name="Zorg Zorg Zorg", description="Zorg en zorg.")]
    made += [
        make_collective(
            name=f"Buurtzorg {n}",
            description="Wij doen van alles.",
            municipality="GM0363" if n < 3 else "GM0344",
        )
        for n in range(1, 5)
    ]
    make_collective(name="Energie Oost", description="Zonnepanelen.", domains=["energie"])
    cache.clear()
    return made


def heading(response):
    html = response.content.decode()
    return " ".join(re.search(r'id="results-count">(.*?)</h2>', html, re.S).group(1).split())


def listed(response):
    return [row["name"] for row in response.context["collectives"]]


def test_a_broad_search_says_more_than_the_bound_and_lists_the_newest_first(client, five_matches):
    page = client.get("/collectieven/", {"q": "zorg"})
    assert heading(page) == "Meer dan 3 collectieven gevonden"
    assert 'id="broad-search"' in page.content.decode()
    newest_first = [c.name for c in reversed(five_matches)][:3]
    assert listed(page)[:3] == newest_first
    assert page.context["pagination"]["last"] == 1  # three shown, twenty to a page


def test_a_search_under_the_bound_is_counted_exactly_and_ranked(client, five_matches):
    narrower = client.get("/collectieven/", {"q": "zorg", "municipality": "GM0363"})
    assert heading(narrower) == "3 collectieven gevonden"
    assert 'id="broad-search"' not in narrower.content.decode()
    assert listed(narrower)[0] == "Zorg Zorg Zorg"  # the best match first, though the oldest


def test_a_chosen_order_is_kept_in_a_broad_search(client, five_matches):
    page = client.get("/collectieven/", {"q": "zorg", "sort": "name"})
    assert heading(page) == "Meer dan 3 collectieven gevonden"
    assert listed(page)[:3] == ["Buurtzorg 1", "Buurtzorg 2", "Buurtzorg 3"]


def test_the_api_counts_every_match(client, five_matches):
    answer = client.get("/api/v1/collectives", {"q": "zorg"}).json()
    assert answer["count"] == 5
    assert answer["items"][0]["name"] == "Zorg Zorg Zorg"


def test_a_ranked_page_lists_what_the_api_lists(client, make_collective):
    """Under the bound the directory ranks the matches it counted itself: the same order as the
    API's list, which the database sorts, page by page."""
    for n in range(25):
        words = " ".join(["moestuin"] * (1 + n % 4))
        make_collective(name=f"Tuin {n:02d}", description=f"Een {words} in de wijk.")
    cache.clear()
    api = client.get("/api/v1/collectives", {"q": "moestuin", "limit": 50}).json()
    expected = [item["name"] for item in api["items"]]
    first = client.get("/collectieven/", {"q": "moestuin"})
    second = client.get("/collectieven/", {"q": "moestuin", "pagina": "2"})
    assert heading(first) == "25 collectieven gevonden"
    assert listed(first) + listed(second) == expected
    assert len(set(expected)) == 25
