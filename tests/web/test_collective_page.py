"""A collective's public page: profile, yearly facts, map point, JSON-LD, and what stays private."""

import json
import re

import pytest
from django.urls import reverse

from opmars.networks.models import Membership, Network
from opmars.registry import actions


@pytest.fixture
def collective(make_collective, editor_user):
    c = make_collective(
        name="Buurtcoöperatie De Pijp",
        description="Wij helpen buren met klussen.",
        postcode="1072 AB",
        lat=52.35432,
        lon=4.89321,
        contact_email="geheim-contact@example.org",
        website="https://depijp.example.org",
        works_in="GM0362",
        is_open=False,
        founded_year=2015,
        source="Opgave van de coöperatie",
    )
    actions.save_yearly_facts(
        editor_user, c, {"year": 2023, "members": 120, "volunteers": 30, "income_grants": 4000}
    )
    actions.save_yearly_facts(editor_user, c, {"year": 2024, "members": 150})
    network = Network.objects.get(slug="cooplink")  # a reference umbrella
    Membership.objects.create(network=network, collective=c)
    return c


def page(client, collective):
    response = client.get(reverse("collective", args=[collective.slug]))
    assert response.status_code == 200
    return response.content.decode()


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_profile(client, collective):
    html = page(client, collective)
    assert "<h1>Buurtcoöperatie De Pijp" in html
    assert "Wij helpen buren met klussen." in html
    assert "Wijk- of buurtcoöperatie" in html
    assert "Coöperatie U.A." in html
    assert f'href="{reverse("municipality", args=["GM0363"])}">Amsterdam</a>' in html
    assert f'href="{reverse("province", args=["PV27"])}">Noord-Holland</a>' in html
    assert "Amstelveen" in html  # works in
    assert "Zorg en welzijn" in html
    assert 'href="https://depijp.example.org"' in html
    assert "Opgave van de coöperatie" in html
    assert "Cooplink" in html and "?network=cooplink" in html


def test_characteristics_as_yes_or_no_with_their_meaning(client, collective):
    html = page(client, collective)
    assert "Open voor iedereen" in html
    assert "Iedereen uit de buurt of groep kan meedoen." in html
    assert html.count('class="mark yes"') == 5
    assert html.count('class="mark no"') == 1


def test_yearly_facts_table_says_unknown_not_zero(client, collective):
    html = page(client, collective)
    assert "Jaarcijfers 2023–2024" in html
    table = html[html.index('class="facts-table"') : html.index("</table>")]
    assert '<th scope="col" class="num">2023</th>' in table
    assert ">120</td>" in table and ">150</td>" in table
    assert "€\u00a04.000" in table
    assert "onbekend" in table
    # 2024 has no volunteers: unknown, not 0
    volunteers_row = re.search(r"Vrijwilligers</th>(.*?)</tr>", table, re.S).group(1)
    assert re.findall(r">([^<]+)</td>", volunteers_row) == ["30", "onbekend"]


def test_chart_with_caption_and_table_alternative(client, collective):
    html = page(client, collective)
    assert '<svg viewBox="0 0 ' in html and 'role="img"' in html
    assert "Aantal leden en vrijwilligers (personen) per jaar, 2023–2024" in html
    assert 'class="line-members"' in html
    # Coordinates stay in SVG's own number format, whatever the language.
    assert not re.search(r'cx="\d+,\d', html)


def test_json_ld_organization(client, collective):
    data = json_ld(page(client, collective))
    assert data["@type"] == "Organization"
    assert data["name"] == "Buurtcoöperatie De Pijp"
    assert data["foundingDate"] == "2015"
    assert data["description"] == "Wij helpen buren met klussen."
    assert data["address"]["addressLocality"] == "Amsterdam"
    assert data["address"]["postalCode"] == "1072"  # postcode-4 precision only
    assert {a["name"] for a in data["areaServed"]} == {"Amsterdam", "Amstelveen"}
    assert data["memberOf"] == [{"@type": "Organization", "name": "Cooplink"}]
    assert "testserver" in data["@id"]


def test_contact_address_and_private_location_never_shown(client, collective):
    html = page(client, collective)
    assert "geheim-contact" not in html
    assert "1072 AB" not in html
    assert "52.35432" not in html and "4.89321" not in html
    assert "52,35432" not in html
    map_data = json.loads(
        re.search(r'id="mini-map-data" type="application/json">(.*?)</script>', html).group(1)
    )
    assert (map_data["lat"], map_data["lon"]) == (collective.public_lat, collective.public_lon)
    assert "Locatie op postcodeniveau (1072)" in html


def test_public_address_shows_its_precision(client, make_collective):
    c = make_collective(postcode="1072 AB", lat=52.35432, lon=4.89321, address_is_public=True)
    html = page(client, c)
    assert "Locatie: het openbare adres van het collectief." in html
    assert json_ld(html)["address"]["postalCode"] == "1072 AB"


def test_municipality_precision(client, make_collective):
    html = page(client, make_collective())
    assert "Locatie op gemeenteniveau" in html
    assert "postalCode" not in json_ld(html)["address"]


def test_demo_badge(client, make_demo_collective, make_collective):
    assert "Fictief voorbeeld" in page(client, make_demo_collective())
    assert "Fictief voorbeeld" not in page(client, make_collective())


def test_no_facts_yet(client, make_collective):
    html = page(client, make_collective())
    assert "Er zijn nog geen jaarcijfers bekend." in html
    assert 'class="line-members"' not in html


def test_edit_links_only_for_editors_and_verify_only_for_staff(
    client, collective, editor_user, other_user, staff_user
):
    edit_url = reverse("collective_edit", args=[collective.slug])
    facts_url = reverse("collective_facts", args=[collective.slug])
    verify_url = reverse("collective_verify", args=[collective.slug])
    html = page(client, collective)
    assert edit_url not in html and verify_url not in html

    client.force_login(other_user)
    html = page(client, collective)
    assert edit_url not in html and verify_url not in html

    client.force_login(editor_user)
    html = page(client, collective)
    assert edit_url in html and facts_url in html and verify_url not in html

    client.force_login(staff_user)
    html = page(client, collective)
    assert edit_url in html and verify_url in html


def test_verified_badge_and_date(client, collective, staff_user):
    assert "Nog niet geverifieerd" in page(client, collective)
    actions.verify_collective(staff_user, collective)
    html = page(client, collective)
    assert 'class="badge badge-verified"' in html
    assert "Laatst gecontroleerd: nog niet" not in html


def test_unknown_collective_is_a_404_in_the_layout(client, db):
    response = client.get(reverse("collective", args=["bestaat-niet"]))
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()


@pytest.mark.django_db
def test_page_links_the_one_page_pdf_report(client, collective):
    report_url = reverse("monitor_collective_report", args=[collective.slug])
    assert f'href="{report_url}"' in page(client, collective)
    pdf = client.get(report_url)
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
