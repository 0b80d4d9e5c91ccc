"""schema.org Organization data for a collective page, respecting the location-privacy rule.

Only what the page itself shows goes in: never the contact address or the private coordinates.
"""

from opmars.registry.vocab import LocationPrecision


def _postal_code(collective):
    """The full postcode only for a public address; the 4 digits at postcode precision."""
    if collective.location_precision == LocationPrecision.ADDRESS:
        return collective.postcode
    if collective.location_precision == LocationPrecision.POSTCODE:
        return collective.postcode[:4]
    return ""


def organization(collective, page_url, networks, works_in):
    municipality = collective.municipality
    address = {
        "@type": "PostalAddress",
        "addressLocality": municipality.name,
        "addressRegion": municipality.province.name,
        "addressCountry": "NL",
    }
    postal_code = _postal_code(collective)
    if postal_code:
        address["postalCode"] = postal_code
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": page_url,
        "name": collective.name,
        "url": collective.website or page_url,
        "mainEntityOfPage": page_url,
        "address": address,
        "areaServed": [
            {"@type": "AdministrativeArea", "name": m.name} for m in [municipality, *works_in]
        ],
    }
    if collective.description:
        data["description"] = collective.description
    if collective.founded_year:
        data["foundingDate"] = str(collective.founded_year)
    if collective.website:
        data["sameAs"] = [collective.website]
    if networks:
        data["memberOf"] = [{"@type": "Organization", "name": n.name} for n in networks]
    return data
