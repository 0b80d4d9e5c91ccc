import pytest

from opmars.networks.models import Network


@pytest.fixture
def network(db):
    return Network.objects.create(
        slug="kleine-kernen-test", name="Kleine Kernen Test", kind="provinciaal", province_id="PV27"
    )


@pytest.fixture
def network_admin(db, network):
    from opmars.accounts.models import User

    admin = User.objects.create_user(email="bram@example.org", password="geheim-wachtwoord-1")
    network.admins.add(admin)
    return admin
