"""The directory: filters, search, sorting, pages and URLs that can be shared."""

import pytest
from django.urls import reverse

from tests.web.conftest import result_names

URL = reverse("collectives")


@pytest.fixture
def three(make_collective):
    return [
        make_collective(
            name="Energiecoöperatie Zonnedak",
            kind="energiecooperatie",
            domains=["energie"],
            founded_year=2012,
        ),
        make_collective(
            name="Zorgcoöperatie Hand in Hand",
            kind="zorgcooperatie",
            municipality="GM0014",
            founded_year=2019,
        ),
        make_collective(
            name="Dorpsraad Ulrum",
            kind="dorpsraad",
            municipality="GM0014",
            founded_year=1990,
            status="slapend",
            status_year=2022,
        ),
    ]


def test_lists_every_collective_with_count_and_details(client, three):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "3 collectieven gevonden" in html
    assert sorted(result_names(response)) == sorted(c.name for c in three)
    assert "Energiecoöperatie of energiecollectief" in html
    assert "opgericht in 2012" in html
    assert "Slapend sinds 2022" in html
    assert f'href="{three[0].get_absolute_url()}"' in html


def test_filters_by_kind_and_municipality(client, three):
    assert result_names(client.get(URL, {"kind": "dorpsraad"})) == ["Dorpsraad Ulrum"]
    names = result_names(client.get(URL, {"municipality": "GM0014"}))
    assert sorted(names) == ["Dorpsraad Ulrum", "Zorgcoöperatie Hand in Hand"]
    names = result_names(client.get(URL + "?kind=dorpsraad&kind=zorgcooperatie"))
    assert len(names) == 2


def test_filters_by_domain_status_and_province(client, three):
    assert result_names(client.get(URL, {"domain": "energie"})) == ["Energiecoöperatie Zonnedak"]
    assert result_names(client.get(URL, {"status": "slapend"})) == ["Dorpsraad Ulrum"]
    assert len(result_names(client.get(URL, {"province": "PV20"}))) == 2


def test_search_finds_words_without_accents(client, three):
    assert result_names(client.get(URL, {"q": "zorgcooperatie"})) == ["Zorgcoöperatie Hand in Hand"]
    response = client.get(URL, {"q": "onvindbaar"})
    assert "0 collectieven gevonden" in response.content.decode()
    assert "Geen collectieven gevonden" in response.content.decode()


def test_sorting(client, three):
    newest_first = result_names(client.get(URL, {"sort": "-founded_year"}))
    assert newest_first == [
        "Zorgcoöperatie Hand in Hand",
        "Energiecoöperatie Zonnedak",
        "Dorpsraad Ulrum",
    ]
    assert result_names(client.get(URL, {"sort": "-name"}))[0] == "Zorgcoöperatie Hand in Hand"


def test_pages_of_twenty(client, make_collective):
    for n in range(23):
        make_collective(name=f"Collectief {n:02d}")
    first = client.get(URL)
    assert result_names(first) == [f"Collectief {n:02d}" for n in range(20)]
    assert 'href="?pagina=2"' in first.content.decode()
    second = client.get(URL, {"pagina": "2"})
    assert result_names(second) == ["Collectief 20", "Collectief 21", "Collectief 22"]
    assert "Nummer 21 tot en met 23" in second.content.decode()


def test_page_keeps_filters_in_its_links(client, make_collective):
    for n in range(21):
        make_collective(name=f"Energie {n:02d}", kind="energiecooperatie")
    html = client.get(URL, {"kind": "energiecooperatie"}).content.decode()
    assert 'href="?kind=energiecooperatie&amp;pagina=2"' in html


def test_wrong_page_numbers_get_a_dutch_message(client, three):
    html = client.get(URL, {"pagina": "twee"}).content.decode()
    assert "Het paginanummer moet een heel getal zijn" in html
    html = client.get(URL, {"pagina": "9"}).content.decode()
    assert "Pagina 9 bestaat niet; er zijn 1 pagina" in html


def test_invalid_filters_get_dutch_errors(client, three):
    response = client.get(URL, {"kind": "kerk", "municipality": "GM9999"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Er klopt iets niet aan de filters" in html
    assert "Onbekende waarde kerk voor kind" in html
    assert "Onbekende code GM9999 voor municipality" in html
    assert result_names(response) == []


def test_empty_fields_redirect_to_a_short_shareable_url(client, three):
    response = client.get(URL + "?q=&kind=dorpsraad&domain=&province=&sort=&pagina=1")
    assert response.status_code == 302
    assert response["Location"] == URL + "?kind=dorpsraad"
    assert result_names(client.get(response["Location"])) == ["Dorpsraad Ulrum"]


def test_form_shows_the_current_filters(client, three):
    html = client.get(URL, {"kind": "dorpsraad", "q": "ulrum"}).content.decode()
    assert '<option value="dorpsraad" selected>' in html
    assert 'value="ulrum"' in html
    assert "Soort: Dorpsraad, dorpsbelang of kleine-kernenvereniging" in html  # removable filter
    assert f'href="{reverse("map")}?q=ulrum&amp;kind=dorpsraad"' in html


def test_htmx_gets_only_the_results_and_a_clean_url(client, three):
    response = client.get(
        URL + "?q=&kind=dorpsraad", headers={"HX-Request": "true", "HX-Current-URL": URL}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert "1 collectief gevonden" in html
    assert response["HX-Push-Url"] == URL + "?kind=dorpsraad"
    assert "HX-Request" in response["Vary"]


def test_without_javascript_the_form_is_a_plain_get_form(client, three):
    html = client.get(URL).content.decode()
    assert 'method="get"' in html and f'action="{URL}"' in html
    assert 'hx-get="' in html and 'hx-push-url="true"' in html
