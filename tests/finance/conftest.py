import pytest

from opmars.accounts.models import User
from opmars.finance import actions
from opmars.finance.forms import RouteForm
from opmars.networks.models import Network


@pytest.fixture
def network_admin(db):
    network = Network.objects.create(slug="geld-netwerk", name="Geldnetwerk", kind="thematisch")
    admin = User.objects.create_user(email="bram@example.org", password="geheim-wachtwoord-1")
    network.admins.add(admin)
    return admin


def route_data(**overrides):
    data = {
        "name": "Startfonds Energie",
        "provider": "Fonds Gelderse Energie",
        "route_type": "fonds",
        "level": "provinciaal",
        "area": "Gelderland",
        "kinds": ["energiecooperatie"],
        "legal_forms": ["cooperatie_ua"],
        "phases": ["startfase"],
        "amount_min": "5000",
        "amount_max": "50000",
        "opens": "01-01-2025",
        "closes": "",
        "is_ongoing": "on",
        "description": "Voor de eerste stappen van een energiecoöperatie.",
        "source_url": "https://www.example.org/startfonds",
        "last_checked": "01-03-2026",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def make_route(staff_user):
    """Create a route through the real service function, as staff."""

    def make(**overrides):
        return actions.create_route(staff_user, RouteForm(route_data(**overrides)))

    return make


HEADER = (
    "naam;aanbieder;soort_route;niveau;gebied;soorten;fasen;opent;sluit;doorlopend;bron;"
    "laatst_nagekeken\n"
)
