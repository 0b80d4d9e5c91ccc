"""Where a collective may be shown: the location-privacy rule of DESIGN.md in one place."""

from opmars.geo.lookup import postcode_point
from opmars.registry.vocab import LocationPrecision


def public_point(
    municipality, postcode="", lat=None, lon=None, address_is_public=False, lookup=postcode_point
):
    """(lat, lon, precision) that public pages, the API and exports may show.

    The exact point only for a public address; otherwise the postcode-4 point, or else the
    municipality's centroid. Coordinates are rounded so that the precision is also in the numbers.
    `lookup` finds the postcode's point (the bulk import passes one that answers from memory).
    """
    if address_is_public and lat is not None and lon is not None:
        return round(lat, 5), round(lon, 5), LocationPrecision.ADDRESS
    point = lookup(postcode) if postcode else None
    if point:
        return round(point.lat, 3), round(point.lon, 3), LocationPrecision.POSTCODE
    return (
        round(municipality.centroid_lat, 3),
        round(municipality.centroid_lon, 3),
        LocationPrecision.MUNICIPALITY,
    )
