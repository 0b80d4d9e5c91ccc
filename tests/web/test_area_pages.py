"""Municipality and province pages and their index pages."""

import re

from django.urls import reverse

from tests.web.conftest import result_names


def test_municipality_page(client, make_collective):
    make_collective(name="Dorpsraad Ulrum", kind="dorpsraad", municipality="GM0014")
    make_collective(name="Zon op Groningen", kind="energiecooperatie", municipality="GM0014")
    make_collective(name="Elders", municipality="GM0363", works_in="GM0014")
    response = client.get(reverse("municipality", args=["GM0014"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Gemeente Groningen</h1>" in html
    assert "1 januari 2024, bron: CBS" in html
    assert re.search(r"<dd>\d{3}\.\d{3} <span", html)  # population, Dutch thousands separator
    assert result_names(response) == ["Dorpsraad Ulrum", "Zon op Groningen"]
    assert "2 gevestigd in deze gemeente" in html
    assert "nog 1 elders gevestigd en hier ook actief" in html
    assert "?works_in=GM0014" in html
    kinds = html[html.index('class="kind-table"') : html.index("</table>")]
    assert re.search(r'kleine-kernenvereniging</th><td class="num">1<', kinds)
    assert "Wooncoöperatie" not in kinds  # only kinds that occur
    assert f'href="{reverse("province", args=["PV20"])}"' in html


def test_municipality_code_is_case_insensitive_and_unknown_is_404(client, db):
    response = client.get("/gemeenten/gm0014/")
    assert response.status_code == 302 and response["Location"] == "/gemeenten/GM0014/"
    assert client.get("/gemeenten/GM9999/").status_code == 404


def test_municipality_without_collectives(client, db):
    html = client.get(reverse("municipality", args=["GM0014"])).content.decode()
    assert "Hier zijn nog geen collectieven bekend." in html


def test_municipality_list_pages_collectives(client, make_collective):
    for n in range(21):
        make_collective(name=f"Collectief {n:02d}", municipality="GM0014")
    url = reverse("municipality", args=["GM0014"])
    assert len(result_names(client.get(url))) == 20
    assert result_names(client.get(url, {"pagina": "2"})) == ["Collectief 20"]


def test_municipality_index(client, make_collective):
    make_collective(municipality="GM0014")
    html = client.get(reverse("municipalities")).content.decode()
    assert "Alle 342 gemeenten" in html
    row = re.search(r'href="/gemeenten/GM0014/">Groningen</a>.*?</tr>', html, re.S).group(0)
    assert re.findall(r'<td class="num">([^<]+)</td>', row)[-1] == "1"


def test_province_page(client, make_collective):
    make_collective(name="Dorpsraad Ulrum", kind="dorpsraad", municipality="GM0014")
    response = client.get(reverse("province", args=["PV20"]))
    html = response.content.decode()
    assert "<h1>Provincie Groningen</h1>" in html
    assert "1 gevestigd in deze provincie" in html
    assert result_names(response) == ["Dorpsraad Ulrum"]
    assert f'href="{reverse("municipality", args=["GM0014"])}">Groningen</a>' in html
    assert 'href="/gemeenten/GM1966/">Het Hogeland</a>' in html  # every municipality listed
    assert client.get("/provincies/pv20/")["Location"] == "/provincies/PV20/"
    assert client.get("/provincies/PV99/").status_code == 404


def test_province_index(client, make_collective):
    make_collective(municipality="GM0014")
    html = client.get(reverse("provinces")).content.decode()
    assert html.count('href="/provincies/PV') == 12
    row = re.search(r'href="/provincies/PV20/">Groningen</a>.*?</tr>', html, re.S).group(0)
    assert re.findall(r'<td class="num">([^<]+)</td>', row)[-1] == "1"
