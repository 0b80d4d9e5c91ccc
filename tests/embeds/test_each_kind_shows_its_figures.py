"""Each kind of embed shows its key figures, every one linked to its definition, with the source,
the data date and "Bron: Opmars" linking to the full page."""

import re

import pytest

from tests.embeds.conftest import YEAR

pytestmark = pytest.mark.django_db
DEFINITIONS = "http://testserver/monitor/definities/"


@pytest.mark.parametrize("kind", ["gemeenten", "provincies", "netwerken", "collectieven"])
def test_every_figure_has_its_definition_source_and_credit(client, embeds, kind):
    path, full_page = embeds[kind]
    response = client.get(path)
    assert response.status_code == 200
    page = response.content.decode()
    figures = re.findall(rf'<li><a href="{DEFINITIONS}#(\w+)" target="_blank"', page)
    assert "members" in figures and "volunteers" in figures
    assert f'href="http://testserver{full_page}"' in page
    assert "Bron: Opmars, http://testserver/, stand " in page
    assert "Bron: " in page.split("<footer>")[1]


def test_municipality_figures_say_how_many_reported(client, embeds):
    page = client.get(embeds["gemeenten"][0]).content.decode()
    assert f"leden in {YEAR}, uit 1 van de 2 collectieven" in page
    assert f"vrijwilligers in {YEAR}, uit 1 van de 2 collectieven" in page
    assert ">120<" in page and ">14<" in page
    assert "per 1.000 inwoners" in page
    assert "Bron: register van Opmars, stand op" in page


def test_network_counts_its_members(client, embeds):
    page = client.get(embeds["netwerken"][0]).content.decode()
    member_card = page.split(f'href="{DEFINITIONS}#network_members"', 1)[1][:200]
    assert ">1<" in member_card and "Aangesloten collectieven" in member_card
    assert "per 1.000 inwoners" not in page  # a network has no inhabitants


def test_collective_shows_kind_place_and_latest_facts(client, embeds, make_collective):
    page = client.get(embeds["collectieven"][0]).content.decode()
    assert "Buurtkracht Zuilen" in page
    assert "Wijk- of buurtcoöperatie" in page and "Utrecht" in page
    assert f"Kerncijfers {YEAR}" in page
    assert ">120<" in page and ">14<" in page


def test_a_fact_not_reported_is_unknown_not_zero(client, make_collective):
    from opmars.registry.models import YearlyFacts

    collective = make_collective(name="Dorpsraad Eext", municipality="GM1680")
    YearlyFacts.objects.create(collective=collective, year=YEAR, members=40)
    page = client.get(f"/insluiten/collectieven/{collective.slug}/").content.decode()
    volunteers = page.split(f'href="{DEFINITIONS}#volunteers"', 1)[1][:120]
    assert "onbekend" in volunteers
    without = make_collective(name="Dorpsraad Gieten", municipality="GM1680")
    page = client.get(f"/insluiten/collectieven/{without.slug}/").content.decode()
    assert "Er zijn nog geen jaarcijfers bekend." in page


def test_large_counts_are_written_as_numbers_are(settings):
    """'uit 12.424 van de 12.424', not 'uit 12424': as every other figure on the page."""
    from django.utils import translation

    from opmars.embeds.figures import area_figures
    from opmars.monitor import metrics

    figures = {"active_collectives": 13000, "as_of": "2025-12-31", "per_1000": None,
               "members": 453045, "members_reported": 12424, "volunteers": None,
               "volunteers_reported": 0, "active_during_year": 12424}  # fmt: skip
    area = metrics.Area("national", "NL", "Nederland", None)
    with translation.override("nl"):
        labels = [row["label"] for row in area_figures(area, figures, YEAR)]
    assert labels[1] == f"leden in {YEAR}, uit 12.424 van de 12.424 collectieven"
    assert labels[2] == f"vrijwilligers in {YEAR}, uit 0 van de 12.424 collectieven"
