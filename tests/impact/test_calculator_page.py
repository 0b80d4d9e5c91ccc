"""The web calculator at /rekenhulp/: example, add row, result, errors, downloads."""

import json

import pytest

pytestmark = pytest.mark.django_db

ROW = {"o-0-name": "Minder eenzaam", "o-0-quantity": "35", "o-0-proxy_value": "1000",
       "o-0-deadweight": "25", "o-0-attribution": "50", "o-0-displacement": "0"}  # fmt: skip


def test_page_shows_an_example_and_library_prices(client):
    response = client.get("/rekenhulp/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rekenhulp" in html and "Duurzaam opgewekte stroom" in html


def test_calculate_shows_the_result(client):
    data = {"rows": "1", **ROW, "grants": "4000", "volunteer_hours": "1200", "action": "calculate"}
    html = client.post("/rekenhulp/", data).content.decode()
    assert "13.125" in html  # 35 × 1,000 × 0.75 × 0.5
    assert "0,6" in html  # 13,125 / 20,872


def test_add_row(client):
    html = client.post("/rekenhulp/", {"rows": "1", **ROW, "action": "add_row"}).content.decode()
    assert 'name="o-1-quantity"' in html


def test_errors_name_the_row_and_field(client):
    data = {"rows": "1", **ROW, "o-0-deadweight": "150", "grants": "10", "action": "calculate"}
    response = client.post("/rekenhulp/", data)
    assert response.status_code == 422
    html = response.content.decode()
    assert "Rij 1: Was toch gebeurd (%)" in html and 'href="#o-0-deadweight"' in html


def test_downloads(client):
    data = {"rows": "1", **ROW, "grants": "4000"}
    csv_response = client.post("/rekenhulp/", {**data, "action": "csv"})
    assert csv_response["Content-Type"].startswith("text/csv")
    assert "present_value;13125\r\n" in csv_response.content.decode()
    json_response = client.post("/rekenhulp/", {**data, "action": "json"})
    assert json.loads(json_response.content)["present_value"] == pytest.approx(13125)


def test_methodology_page(client):
    html = client.get("/methode/").content.decode()
    assert "MKBA" in html and "niet in deze versie" in html
    assert "co2_shadow_price" in html and "hernieuwbare-kwh" in html
