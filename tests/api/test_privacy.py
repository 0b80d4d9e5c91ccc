"""Location privacy in every API answer: a home address never leaks through its coordinates.

The exact point is shown only when the editor marked the address as public; otherwise the
postcode-4 point or the municipality centroid. Postcode letters are never shown.
"""

import pytest

from opmars.geo.models import Municipality, Postcode

HOME = {"postcode": "1012 AB", "lat": 52.37312, "lon": 4.89134}


@pytest.fixture
def home_run(make_collective):
    return make_collective(name="Buurtkamer aan huis", contact_email="thuis@example.org", **HOME)


def answers(api_get, collective):
    """Every answer that can show this collective."""
    return {
        "list": api_get("/collectives"),
        "detail": api_get(f"/collectives/{collective.slug}"),
        "near": api_get("/collectives", near="52.37,4.89"),
        "map": api_get("/map", zoom=15, bbox="4.8,52.3,5.0,52.4"),
    }


def test_a_private_address_shows_the_postcode_area(api_get, home_run):
    pc4 = Postcode.objects.get(pc4=1012)
    for name, response in answers(api_get, home_run).items():
        item = response.json()["items"][0] if name != "detail" else response.json()
        assert (item["lat"], item["lon"]) == (round(pc4.lat, 3), round(pc4.lon, 3)), name
        if name != "map":
            assert item["location_precision"] == "postcode"


def test_exact_coordinates_postcode_letters_and_email_never_appear(api_get, home_run):
    for name, response in answers(api_get, home_run).items():
        text = response.content.decode()
        assert response.status_code == 200, name
        for secret in ["52.37312", "4.89134", "1012 AB", "1012AB", "thuis@example.org"]:
            assert secret not in text, (name, secret)
        for field in ["postcode", "contact_email", "address_is_public"]:
            assert f'"{field}":' not in text, (name, field)


def test_without_postcode_the_municipality_centroid_is_shown(api_get, make_collective):
    c = make_collective(municipality="GM0344", lat=52.0901, lon=5.1201)
    item = api_get(f"/collectives/{c.slug}").json()
    utrecht = Municipality.objects.get(code="GM0344")
    assert (item["lat"], item["lon"]) == (
        round(utrecht.centroid_lat, 3),
        round(utrecht.centroid_lon, 3),
    )
    assert item["location_precision"] == "gemeente"


def test_a_public_address_shows_the_exact_point(api_get, make_collective):
    c = make_collective(address_is_public=True, **HOME)
    item = api_get(f"/collectives/{c.slug}").json()
    assert (item["lat"], item["lon"]) == (HOME["lat"], HOME["lon"])
    assert item["location_precision"] == "adres"
