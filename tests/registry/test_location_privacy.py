"""A home address is never shown: public points are postcode-4 or municipality precision."""

from opmars.geo.models import Postcode
from opmars.registry import actions
from tests.conftest import collective_data


def test_private_address_shows_the_postcode_area(editor_user):
    c = actions.create_collective(
        editor_user, collective_data(postcode="1012 AB", lat=52.37312, lon=4.89221)
    )
    pc = Postcode.objects.get(pc4=1012)
    assert c.location_precision == "postcode"
    assert (c.public_lat, c.public_lon) == (round(pc.lat, 3), round(pc.lon, 3))
    assert (c.public_lat, c.public_lon) != (c.lat, c.lon)


def test_public_address_shows_the_point(editor_user):
    c = actions.create_collective(
        editor_user,
        collective_data(postcode="1012 AB", lat=52.37312, lon=4.89221, address_is_public=True),
    )
    assert c.location_precision == "adres"
    assert (c.public_lat, c.public_lon) == (52.37312, 4.89221)


def test_without_postcode_the_municipality_centre(editor_user):
    c = actions.create_collective(editor_user, collective_data(lat=52.37312, lon=4.89221))
    assert c.location_precision == "gemeente"
    assert (c.public_lat, c.public_lon) == (
        round(c.municipality.centroid_lat, 3),
        round(c.municipality.centroid_lon, 3),
    )


def test_public_address_needs_coordinates(editor_user):
    import pytest

    with pytest.raises(actions.ActionError) as caught:
        actions.create_collective(editor_user, collective_data(address_is_public=True))
    assert caught.value.errors[0]["field"] == "address_is_public"
