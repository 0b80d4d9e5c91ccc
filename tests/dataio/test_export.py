"""Exports: every format, public fields only, the demo marker, formula guard, round trip."""

import csv
import io
import json
import zipfile

import pytest
from openpyxl import load_workbook

from opmars.dataio.exporting import FORMATS, collectives_for, export
from opmars.dataio.importing import UNCHANGED
from opmars.registry.models import Collective
from tests.dataio.helpers import run

pytestmark = pytest.mark.django_db


@pytest.fixture
def collectives(make_collective):
    return [
        make_collective(
            name="=Gevaarlijke Naam",
            postcode="1011 AB",
            lat=52.3731,
            lon=4.8926,
            contact_email="geheim@example.org",
            kvk_number="12345678",
            works_in="GM0599, Utrecht",
            domains=["energie", "wonen"],
            website="https://zon.example",
            source="Eigen opgave",
        ),
        make_collective(
            name="Dorpsraad Ede", municipality="Ede", kind="dorpsraad", source="Gemeente Ede"
        ),
    ]


def exported(fmt, params=None):
    out = io.BytesIO()
    count = export(collectives_for(params or {}), fmt, out)
    return count, out.getvalue()


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_private_data_in_any_format(collectives, fmt):
    count, data = exported(fmt)
    assert count == 2
    if fmt in {"xlsx", "hsds"}:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            data = b"".join(archive.read(n) for n in archive.namelist())
    assert b"geheim@example.org" not in data
    assert b"1011 AB" not in data and b"1011AB" not in data  # the 4 digits are public
    assert b"52.3731" not in data and b"4.8926" not in data


@pytest.mark.parametrize("fmt", ["csv", "csv-open"])
def test_csv_columns_demo_and_formula_guard(collectives, fmt):
    _count, data = exported(fmt)
    text = data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";" if fmt == "csv" else ","))
    first = next(r for r in rows if "Gevaarlijke" in r["name"])
    assert first["name"] == "'=Gevaarlijke Naam"
    assert first["demo"] == "nee"
    assert first["location_precision"] == "postcode"
    assert first["domains"] == "energie, wonen"
    assert "contact_email" not in first and "lat" not in first


def test_filters_are_the_directorys(collectives):
    count, data = exported("json", {"kind": "dorpsraad"})
    items = json.loads(data)["items"]
    assert count == 1 and items[0]["name"] == "Dorpsraad Ede"
    assert items[0]["demo"] is False
    with pytest.raises(Exception, match="onbekende_waarde|Onbekende"):
        exported("csv", {"kind": "nonsens"})


def test_geojson_and_jsonld(collectives):
    _count, data = exported("geojson")
    features = json.loads(data)["features"]
    assert features[0]["geometry"]["type"] == "Point"
    assert "demo" in features[0]["properties"]
    _count, data = exported("jsonld")
    graph = json.loads(data)["@graph"]
    assert graph[0]["@type"] == "Organization"
    assert graph[0]["additionalProperty"][0]["name"] == "demo"


def test_xlsx_and_hsds(collectives):
    _count, data = exported("xlsx")
    sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    header = next(sheet.iter_rows(values_only=True))
    assert "demo" in header
    _count, data = exported("hsds")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {"organization.csv", "location.csv", "address.csv", "LICENCE.txt"} <= set(
            archive.namelist()
        )
        organizations = archive.read("organization.csv").decode()
    assert "12345678" in organizations and "demo" in organizations.splitlines()[0]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_round_trip_leaves_the_set_unchanged(collectives, staff_user, tmp_path, fmt):
    path = tmp_path / f"export.{fmt}"
    path.write_bytes(exported(fmt)[1])
    report = run(path, staff_user)
    assert report.imported, report.errors
    assert report.counts[UNCHANGED] == 2

    before = {c["name"]: c for c in json.loads(exported("json")[1])["items"]}
    Collective.objects.all().delete()
    report = run(path, staff_user)
    assert report.imported, report.errors
    after = {c["name"]: c for c in json.loads(exported("json")[1])["items"]}
    assert after == before


def test_api_list_as_geojson(client, collectives):
    response = client.get("/api/v1/collectives", {"format": "geojson", "kind": "dorpsraad"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    body = response.json()
    assert body["type"] == "FeatureCollection" and body["count"] == 1
    feature = body["features"][0]
    assert feature["properties"]["name"] == "Dorpsraad Ede"
    assert feature["properties"]["demo"] is False
    assert len(feature["geometry"]["coordinates"]) == 2


def test_download_links_follow_the_directory_filters(client, collectives):
    page = client.get("/collectieven/", {"kind": "dorpsraad"}).content.decode()
    assert 'href="/export/collectieven.csv?kind=dorpsraad"' in page
    response = client.get("/export/collectieven.csv", {"kind": "dorpsraad"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Dorpsraad Ede" in body and "Gevaarlijke" not in body


def test_a_search_with_sorting_downloads_what_the_directory_lists(client, collectives):
    """The web download gets a QueryDict: a search term and a sort order reach the query."""
    params = {"q": "dorpsraad", "sort": "name", "kind": ["dorpsraad", "buurtcooperatie"]}
    response = client.get("/export/collectieven.csv", params)
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Dorpsraad Ede" in body and "Gevaarlijke" not in body


def test_download_with_a_wrong_filter_says_why(client, collectives):
    response = client.get("/export/collectieven.json", {"province": "XX"})
    assert response.status_code == 400
    assert "PV27" in response.content.decode()


def test_municipality_page_links_its_list(client, collectives):
    page = client.get("/gemeenten/GM0228/").content.decode()
    assert "/export/collectieven.geojson?municipality=GM0228" in page
