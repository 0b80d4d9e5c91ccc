"""Every monitor CSV comes twice: for a Dutch spreadsheet (BOM, semicolons, decimal commas) and
as open data (no BOM, commas, decimal points), with the same rows: the report's appendix, a
chart's figures and the comparison per 1,000 inhabitants, which the page links to."""

import csv
import io

import pytest

pytestmark = pytest.mark.django_db


def spreadsheet(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def open_data(response):
    text = response.content.decode("utf-8")
    assert not text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text)))


def test_the_comparison_has_decimal_commas_for_excel_and_points_as_open_data(client, demo_set):
    base = "/monitor/grafiek/gemeenten/GM0363/vergelijking"
    excel = spreadsheet(client.get(f"{base}.csv?jaar=2024"))
    plain = open_data(client.get(f"{base}-open.csv?jaar=2024"))
    assert excel[0] == plain[0] and excel[0][3] == "collectieven_per_1000"
    assert [row[0] for row in excel[1:]] == ["Amsterdam", "Noord-Holland", "Nederland"]
    assert all("," in row[3] and "." not in row[3] for row in excel[1:])
    assert [row[3].replace(",", ".") for row in excel[1:]] == [row[3] for row in plain[1:]]


def test_the_appendix_and_a_charts_figures_come_in_both_forms(client, demo_set):
    pairs = [
        ("/monitor/gemeenten/GM0363/rapport.csv", "/monitor/gemeenten/GM0363/rapport-open.csv"),
        (
            "/monitor/grafiek/gemeenten/GM0363/groei.csv",
            "/monitor/grafiek/gemeenten/GM0363/groei-open.csv",
        ),
    ]
    for excel_url, open_url in pairs:
        plain = client.get(open_url)
        assert spreadsheet(client.get(excel_url)) == open_data(plain)
        assert plain["Content-Disposition"].endswith('-open.csv"')


def test_the_page_links_both_forms(client, demo_set):
    page = client.get("/monitor/gemeenten/GM0363/").content.decode()
    for link in ("vergelijking.csv", "vergelijking-open.csv", "rapport.csv", "rapport-open.csv"):
        assert link in page
    assert "Open data: alle gegevens als download" in page


def test_a_chart_without_an_image_has_no_svg(client, demo_set):
    response = client.get("/monitor/grafiek/gemeenten/GM0363/vergelijking.svg")
    assert response.status_code == 404
