import pytest

from opmars.accounts.models import User
from opmars.networks.models import Network


@pytest.fixture
def network_admin(db):
    network = Network.objects.create(
        slug="rechten-netwerk", name="Rechtennetwerk", kind="thematisch"
    )
    admin = User.objects.create_user(email="bram@example.org", password="geheim-wachtwoord-1")
    network.admins.add(admin)
    return admin


def entry_data(**overrides):
    data = {
        "municipality": "GM0363",
        "right": "uitdaagrecht",
        "status": "ja",
        "since": "01-01-2025",
        "instrument": "Participatieverordening Amsterdam",
        "source_url": "https://lokaleregelgeving.overheid.nl/CVDR000001/1",
        "source_date": "01-01-2025",
        "last_checked": "01-03-2026",
        "note": "",
    }
    data.update(overrides)
    return data


HEADER = "gemeente;recht;status;sinds;brondocument;laatst_nagekeken;fictief\n"
