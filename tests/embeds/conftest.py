"""An area with collectives, one of them with yearly facts, and a network with it as a member."""

import pytest

from opmars.monitor import metrics
from opmars.networks.models import Membership, Network
from opmars.registry.models import YearlyFacts

YEAR = metrics.last_complete_year()


@pytest.fixture
def utrecht(make_collective):
    """Two collectives in Utrecht (GM0344, province PV26); only the first reported its facts."""
    reported = make_collective(name="Buurtkracht Zuilen", municipality="GM0344", founded_year=2010)
    make_collective(name="Energie Lunetten", municipality="GM0344", kind="energiecooperatie")
    YearlyFacts.objects.create(collective=reported, year=YEAR, members=120, volunteers=14)
    return reported


@pytest.fixture
def network(utrecht):
    network = Network.objects.create(
        slug="utrechtse-kernen", name="Utrechtse Kernen", kind="regionaal"
    )
    Membership.objects.create(network=network, collective=utrecht, since=2012)
    return network


@pytest.fixture
def embeds(utrecht, network):
    """The four kinds of embed, each with the address of its full page."""
    slug, nslug = utrecht.slug, network.slug
    return {
        "gemeenten": ("/insluiten/gemeenten/GM0344/", "/monitor/gemeenten/GM0344/"),
        "provincies": ("/insluiten/provincies/PV26/", "/monitor/provincies/PV26/"),
        "netwerken": (f"/insluiten/netwerken/{nslug}/", f"/monitor/netwerken/{nslug}/"),
        "collectieven": (f"/insluiten/collectieven/{slug}/", f"/collectieven/{slug}/"),
    }
