"""An old municipality code (Dongeradeel, GM0058, merged into Noardeast-Fryslân in 2019) is not
"unknown": the page leads to the successor, the API and the directory filter say where it went
(issue 14)."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_old_page_leads_to_the_successor(client):
    answer = client.get("/gemeenten/GM0058/")
    assert answer.status_code == 301 and answer["Location"] == "/gemeenten/GM1970/"


def test_the_api_names_the_successor(client):
    answer = client.get("/api/v1/municipalities/GM0058")
    assert answer.status_code == 404
    message = answer.json()["errors"][0]["message"]
    assert "GM0058 (Dongeradeel) bestaat sinds" in message
    assert "opgegaan in Noardeast-Fryslân (GM1970)" in message


def test_the_directory_filter_names_the_successor(client):
    answer = client.get("/api/v1/collectives?municipality=GM0058")
    assert answer.status_code == 400
    (error,) = answer.json()["errors"]
    assert error["code"] == "opgegaan" and "Noardeast-Fryslân (GM1970)" in error["message"]


@pytest.mark.parametrize(
    "path",
    [
        "/monitor/gemeenten/{code}/",
        "/monitor/gemeenten/{code}/rapport/",
        "/monitor/gemeenten/{code}/rapport.csv?jaar=2020",
        "/monitor/grafiek/gemeenten/{code}/groei.svg",
    ],
)
def test_the_monitor_pages_and_downloads_lead_to_the_successor(client, path):
    answer = client.get(path.format(code="GM0058"))
    assert answer.status_code == 301
    assert answer["Location"] == path.format(code="GM1970")


def test_the_stats_api_names_the_successor(client):
    answer = client.get("/api/v1/stats/municipalities/GM0058")
    assert answer.status_code == 404
    (error,) = answer.json()["errors"]
    assert error["code"] == "opgegaan" and "Noardeast-Fryslân (GM1970)" in error["message"]


def test_an_unknown_code_is_still_unknown(client):
    assert client.get("/monitor/gemeenten/GM9999/").status_code == 404
    stats = client.get("/api/v1/stats/municipalities/GM9999").json()
    assert stats["errors"][0]["code"] == "niet_gevonden"
    assert client.get("/gemeenten/GM9999/").status_code == 404
    answer = client.get("/api/v1/collectives?municipality=GM9999")
    assert answer.json()["errors"][0]["code"] == "onbekende_code"


def test_any_text_in_the_filter_is_answered_not_looked_up(client):
    """A NUL byte cannot go into a PostgreSQL query: text that is no CBS code is not looked up."""
    answer = client.get("/api/v1/collectives?municipality=%00x&works_in=GM%00058")
    assert answer.status_code == 400
    assert {e["code"] for e in answer.json()["errors"]} == {"onbekende_code"}
