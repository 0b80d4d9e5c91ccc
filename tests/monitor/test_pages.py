"""Monitor pages: every figure links to its definition, demo figures are marked, downloads work."""

import re

import pytest

from opmars.monitor import metrics

PAGES = [
    "/monitor/",
    "/monitor/provincies/PV27/",
    "/monitor/gemeenten/GM0363/",
    "/monitor/soorten/dorpsraad/",
    "/monitor/definities/",
    "/monitor/gemeenten/GM0363/rapport/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_pages_answer(client, demo_set, url):
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_every_key_figure_links_to_a_definition_that_exists(client, demo_set):
    page = client.get("/monitor/gemeenten/GM0363/").content.decode()
    definitions = client.get("/monitor/definities/").content.decode()
    anchors = set(re.findall(r'href="/monitor/definities/#(\w+)"', page))
    assert {"active_collectives", "per_1000", "members", "volunteers", "paid_staff"} <= anchors
    for anchor in anchors:
        assert f'id="{anchor}"' in definitions, anchor


@pytest.mark.django_db
def test_page_shows_the_same_count_as_the_api(client, demo_set):
    figures = metrics.summary(metrics.municipality_area("GM0363"), metrics.last_complete_year())
    api = client.get("/api/v1/stats/municipalities/GM0363").json()
    assert api["active_collectives"] == figures["active_collectives"]
    page = client.get("/monitor/gemeenten/GM0363/").content.decode()
    assert f'<span class="figure">{figures["active_collectives"]}</span>' in page


@pytest.mark.django_db
def test_demo_figures_are_called_fictitious(client, demo_set):
    assert "Fictieve cijfers" in client.get("/monitor/").content.decode()


@pytest.mark.django_db
def test_no_demo_note_without_demo_records(client, make_collective):
    make_collective()
    assert "Fictieve cijfers" not in client.get("/monitor/").content.decode()


@pytest.mark.django_db
def test_national_page_has_the_comparison_with_sources_and_undated(client, demo_set):
    page = client.get("/monitor/").content.decode()
    assert "Vakbonden (alle)" in page and "DNPP" in page
    assert "Lokale Energie Monitor 2023" in page  # coverage of the energy sector
    assert "ondergrens" in page  # the honest note


@pytest.mark.django_db
def test_chart_downloads(client, demo_set):
    svg = client.get("/monitor/grafiek/gemeenten/GM0363/groei.svg?jaar=2024")
    assert svg["Content-Type"] == "image/svg+xml"
    assert svg.content.startswith(b'<svg xmlns="http://www.w3.org/2000/svg"')
    data = client.get("/monitor/grafiek/nederland/NL/soorten.csv").content.decode()
    assert data.splitlines()[0] == "\ufeffcode;omschrijving;actief"
    assert client.get("/monitor/grafiek/gemeenten/GM9999/groei.svg").status_code == 404
    assert client.get("/monitor/grafiek/gemeenten/GM0363/onzin.svg").status_code == 404


@pytest.mark.django_db
def test_unknown_areas_are_404(client):
    for url in ("/monitor/gemeenten/GM9999/", "/monitor/soorten/kerk/", "/monitor/netwerken/x/"):
        assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_report_pdf_is_tagged_with_language_and_title(client, demo_set):
    response = client.get("/monitor/gemeenten/GM0363/rapport.pdf?jaar=2024")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    assert b"/StructTreeRoot" in pdf  # tagged
    assert b"/Lang" in pdf


@pytest.mark.django_db
def test_report_csv_appendix_has_one_row_per_collective_that_existed_then(client, demo_set):
    from opmars.registry.models import Collective

    lines = client.get("/monitor/gemeenten/GM0363/rapport.csv?jaar=2024").content.decode()
    rows = lines.strip().splitlines()
    assert rows[0].startswith("\ufeffslug;naam;soort")
    assert rows[0].endswith(";demo;gegevens_van")
    seated = Collective.objects.filter(municipality_id="GM0363")
    existed = seated.filter(events__year__lte=2024).distinct()
    assert len(rows) - 1 == existed.count() > 0


@pytest.mark.django_db
def test_province_and_network_reports(client, demo_set):
    from opmars.networks.models import Membership

    assert client.get("/monitor/provincies/PV27/rapport/").status_code == 200
    pdf = client.get("/monitor/provincies/PV27/rapport.pdf")
    assert pdf.content.startswith(b"%PDF")
    slug = Membership.objects.values_list("network__slug", flat=True).first()
    assert client.get(f"/monitor/netwerken/{slug}/rapport/").status_code == 200
    assert client.get(f"/monitor/netwerken/{slug}/rapport.csv").status_code == 200


@pytest.mark.django_db
def test_chart_as_png(client, demo_set):
    response = client.get("/monitor/grafiek/provincies/PV27/groei.png?jaar=2024")
    assert response["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG")
