"""GET /api/v1/collectives: the same filters, search and order as the directory page."""

import math

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opmars.geo.models import Municipality
from opmars.networks.models import Membership, Network
from tests.api.conftest import slugs

LIST_FIELDS = {
    "slug",
    "name",
    "kind",
    "legal_form",
    "municipality",
    "province",
    "lat",
    "lon",
    "location_precision",
    "founded_year",
    "status",
    "status_year",
    "domains",
    "demo",
    "url",
}


def test_an_item_has_the_list_fields_and_nothing_private(api_get, make_collective):
    c = make_collective(name="Buurtcoöperatie Oost", domains=["zorg_welzijn", "wonen"])
    body = api_get("/collectives").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert set(item) == LIST_FIELDS
    assert item["slug"] == c.slug
    assert item["municipality"] == {"code": "GM0363", "name": "Amsterdam"}
    assert item["province"] == {"code": "PV27", "name": "Noord-Holland"}
    assert item["domains"] == ["wonen", "zorg_welzijn"]
    assert item["url"] == f"/collectieven/{c.slug}/"
    assert item["demo"] is False
    assert (item["lat"], item["lon"]) == (c.public_lat, c.public_lon)


def test_demo_records_say_so(api_get, make_collective, make_demo_collective):
    real = make_collective(name="Echt Collectief")
    demo = make_demo_collective(name="Fictief Collectief")
    demo_flags = {item["slug"]: item["demo"] for item in api_get("/collectives").json()["items"]}
    assert demo_flags == {real.slug: False, demo.slug: True}


def test_default_order_is_by_name_and_count_covers_all_pages(api_get, make_collective):
    for name in ["Cees", "Anna", "Bram", "Dirk"]:
        make_collective(name=name)
    first = api_get("/collectives", limit=2).json()
    second = api_get("/collectives", limit=2, offset=2).json()
    assert first["count"] == second["count"] == 4
    assert [i["name"] for i in first["items"] + second["items"]] == ["Anna", "Bram", "Cees", "Dirk"]


def test_sort_by_name_descending(api_get, make_collective):
    for name in ["Anna", "Cees", "Bram"]:
        make_collective(name=name)
    names = [i["name"] for i in api_get("/collectives", sort="-name").json()["items"]]
    assert names == ["Cees", "Bram", "Anna"]


def test_sort_by_founded_year_puts_unknown_years_last(api_get, make_collective):
    make_collective(name="Oud", founded_year=1950)
    make_collective(name="Jong", founded_year=2020)
    make_collective(name="Onbekend", founded_year=None)
    oldest_first = [i["name"] for i in api_get("/collectives", sort="founded_year").json()["items"]]
    newest_first = [
        i["name"] for i in api_get("/collectives", sort="-founded_year").json()["items"]
    ]
    assert oldest_first == ["Oud", "Jong", "Onbekend"]
    assert newest_first == ["Jong", "Oud", "Onbekend"]


def test_kind_filter_takes_one_or_repeated_or_comma_separated_values(api_get, make_collective):
    energy = make_collective(kind="energiecooperatie").slug
    care = make_collective(kind="zorgcooperatie").slug
    make_collective(kind="dorpsraad")
    assert slugs(api_get("/collectives", kind="energiecooperatie")) == [energy]
    repeated = api_get("/collectives", kind=["energiecooperatie", "zorgcooperatie"])
    assert set(slugs(repeated)) == {energy, care}
    comma = api_get("/collectives", kind="energiecooperatie,zorgcooperatie")
    assert set(slugs(comma)) == {energy, care}


def test_domain_filter(api_get, make_collective):
    green = make_collective(domains=["natuur_groen", "voedsel"]).slug
    make_collective(domains=["energie"])
    assert slugs(api_get("/collectives", domain="voedsel")) == [green]


def test_status_filter(api_get, make_collective):
    make_collective(status="actief")
    stopped = make_collective(status="gestopt", status_year=2022).slug
    response = api_get("/collectives", status="gestopt")
    assert slugs(response) == [stopped]
    assert response.json()["items"][0]["status_year"] == 2022


def test_province_and_municipality_filters_use_the_seat(api_get, make_collective):
    amsterdam = make_collective(municipality="GM0363").slug
    utrecht = make_collective(municipality="GM0344", works_in="GM0363").slug
    assert slugs(api_get("/collectives", province="PV26")) == [utrecht]
    assert slugs(api_get("/collectives", municipality="GM0363")) == [amsterdam]
    # Codes are case-insensitive, as people type them.
    assert slugs(api_get("/collectives", municipality="gm0344")) == [utrecht]


def test_works_in_filter(api_get, make_collective):
    make_collective(municipality="GM0363")
    helps_amsterdam = make_collective(municipality="GM0344", works_in="GM0363").slug
    assert slugs(api_get("/collectives", works_in="GM0363")) == [helps_amsterdam]


def test_network_filter(api_get, make_collective):
    member = make_collective()
    make_collective()
    network = Network.objects.get(slug="energie-samen")  # a reference umbrella
    Membership.objects.create(network=network, collective=member)
    assert slugs(api_get("/collectives", network="energie-samen")) == [member.slug]


def test_filters_combine(api_get, make_collective):
    match = make_collective(kind="dorpsraad", municipality="GM0344").slug
    make_collective(kind="dorpsraad", municipality="GM0363")
    make_collective(kind="energiecooperatie", municipality="GM0344")
    assert slugs(api_get("/collectives", kind="dorpsraad", province="PV26")) == [match]


def test_search_finds_words_in_name_and_description(api_get, make_collective):
    sun = make_collective(name="Zon op het dak", description="Wij leggen zonnepanelen.").slug
    make_collective(name="Dorpsraad Oost", kind="dorpsraad", description="Wij praten mee.")
    assert slugs(api_get("/collectives", q="zonnepaneel")) == [sun]


def test_search_orders_by_relevance(api_get, make_collective):
    once = make_collective(name="Buurthuis", description="Ook een moestuin.").slug
    often = make_collective(
        name="Moestuin Noord", description="De moestuin van de moestuiniers."
    ).slug
    assert slugs(api_get("/collectives", q="moestuin")) == [often, once]


def haversine_km(lat1, lon1, lat2, lon2):
    dlat, dlon = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    a = (
        math.sin(dlat / 2) ** 2
        + math.cos(math.radians(lat1)) * math.cos(math.radians(lat2)) * math.sin(dlon / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(a))


def test_near_gives_the_nearest_first_with_distance(api_get, make_collective):
    utrecht = make_collective(municipality="GM0344")
    amsterdam = make_collective(municipality="GM0363")
    make_collective(municipality="GM0014")  # Groningen, far outside the radius
    centre = Municipality.objects.get(code="GM0363")
    near = f"{centre.centroid_lat},{centre.centroid_lon}"
    body = api_get("/collectives", near=near, radius_km=60).json()
    assert [i["slug"] for i in body["items"]] == [amsterdam.slug, utrecht.slug]
    assert body["count"] == 2
    for item, collective in zip(body["items"], [amsterdam, utrecht], strict=True):
        expected = haversine_km(
            centre.centroid_lat, centre.centroid_lon, collective.public_lat, collective.public_lon
        )
        assert item["distance_km"] == round(item["distance_km"], 1)
        assert abs(item["distance_km"] - expected) <= 0.06


def test_near_defaults_to_25_km(api_get, make_collective):
    amsterdam = make_collective(municipality="GM0363").slug
    make_collective(municipality="GM0344")  # Utrecht is about 35 km away
    assert slugs(api_get("/collectives", near="52.37,4.89")) == [amsterdam]


def test_distance_only_appears_with_near(api_get, make_collective):
    make_collective()
    assert "distance_km" not in api_get("/collectives").json()["items"][0]


def test_queries_do_not_grow_with_the_page(api_get, make_collective):
    def queries_for_list():
        cache.clear()  # computed both times: an old cached copy costs a check of its own
        with CaptureQueriesContext(connection) as captured:
            assert api_get("/collectives").status_code == 200
        return len(captured)

    make_collective(domains=["energie"])
    few = queries_for_list()
    for _ in range(5):
        make_collective(domains=["energie", "wonen"])
    assert queries_for_list() == few
