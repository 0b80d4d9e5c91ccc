"""The start of Anouk's journey (JOURNEYS.md 1) in the demo: a fictitious buurtcoöperatie that a
fictitious network imported, with a contact address and no editors yet, so that claiming it
runs as it would for a real one: the confirmation link goes to the collective's own address.

One fixed record, not drawn from the seed: the journey test looks it up by name.
"""

from datetime import date

from opmars.caching import generation
from opmars.geo.models import Municipality
from opmars.networks.models import Membership, Network, NetworkKind
from opmars.registry import history
from opmars.registry.location import public_point
from opmars.registry.models import Collective, CollectiveDomain, YearlyFacts
from opmars.registry.vocab import Domain, Kind, LegalForm
from opmars.text import stemmed

NAME = "Buurtcoöperatie Het Lindenkwartier (fictief)"
SLUG = "buurtcooperatie-het-lindenkwartier-fictief"
CONTACT_EMAIL = "secretariaat@lindenkwartier.example"
MUNICIPALITY = "GM0150"  # Deventer
NETWORK_NAME = "Netwerk Buurtcoöperaties IJsselland (fictief)"
NETWORK_SLUG = "buurtcooperaties-ijsselland-fictief"
IMPORTED_ON = date(2026, 3, 12)
# The importer's wording (dataio.importing), without its "bron:" that the page already says.
SOURCE = f"import door {NETWORK_NAME}, {IMPORTED_ON.isoformat()}"
DESCRIPTION = (
    "Bewoners van het Lindenkwartier helpen elkaar: boodschappen, klussen en een koffieochtend "
    "op dinsdag. Dit is een fictief voorbeeld."
)
# (year, members, volunteers, grants in euros): the network's list had three years.
FACTS = [(2023, 64, 18, 2500), (2024, 71, 21, 3000), (2025, 78, 24, 3500)]


def create_journey_start():
    """The network and its imported buurtcoöperatie; nothing when they exist already."""
    if Collective.objects.filter(slug=SLUG).exists():
        return None
    municipality = Municipality.objects.get(code=MUNICIPALITY)
    network, _made = Network.objects.get_or_create(
        slug=NETWORK_SLUG,
        defaults={
            "name": NETWORK_NAME,
            "kind": NetworkKind.REGIONAL,
            "province_id": municipality.province_id,
            "is_demo": True,
            "description": "Fictief voorbeeld van een regionaal netwerk van buurtcoöperaties.",
        },
    )
    network.region.add(municipality)
    collective = _collective(municipality)
    Membership.objects.create(network=network, collective=collective, since=IMPORTED_ON.year)
    CollectiveDomain.objects.bulk_create(
        CollectiveDomain(collective=collective, domain=domain)
        for domain in (Domain.LEEFBAARHEID_ONTMOETING, Domain.ZORG_WELZIJN)
    )
    YearlyFacts.objects.bulk_create(
        YearlyFacts(
            collective=collective,
            year=year,
            members=members,
            volunteers=volunteers,
            income_grants=grants,
        )
        for year, members, volunteers, grants in FACTS
    )
    history.record_new([collective], f"{history.SOURCE_IMPORT}: {NETWORK_NAME}")
    generation.bump()
    return collective


def _collective(municipality):
    lat, lon, precision = public_point(municipality)
    return Collective.objects.create(
        slug=SLUG,
        name=NAME,
        kind=Kind.BUURTCOOPERATIE,
        legal_form=LegalForm.COOPERATIE_UA,
        municipality=municipality,
        public_lat=lat,
        public_lon=lon,
        location_precision=precision,
        founded_year=2019,
        description=DESCRIPTION,
        contact_email=CONTACT_EMAIL,
        source=SOURCE,
        is_demo=True,
        search_text=stemmed(
            f"{NAME} {DESCRIPTION} {municipality.name} {Kind.BUURTCOOPERATIE.label}"
        ),
    )
