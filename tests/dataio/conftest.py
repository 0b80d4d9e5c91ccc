"""A network and the kinds of records its admin's import meets (decision 0038): its members
with and without editors of their own, collectives outside it, an unlisted one, and one the
admin edits themselves."""

from types import SimpleNamespace

import pytest

from opmars.accounts.models import User
from opmars.networks.models import Membership, Network
from opmars.registry.models import Collective


@pytest.fixture
def kernen(db):
    return Network.objects.create(slug="kleine-kernen", name="Kleine Kernen", kind="regionaal")


@pytest.fixture
def network_admin(kernen):
    admin = User.objects.create_user(email="netwerk@example.org", password="geheim-wachtwoord-1")
    kernen.admins.add(admin)
    return admin


@pytest.fixture
def records(make_collective, kernen, network_admin):
    def made(name, member=False, editors=True, **fields):
        collective = make_collective(name=name, contact_email="bestuur@example.org")
        if not editors:
            collective.editors.clear()
        if member:
            Membership.objects.create(network=kernen, collective=collective)
        if fields:
            Collective.objects.filter(pk=collective.pk).update(**fields)
            collective.refresh_from_db()
        return collective

    own = make_collective(actor=network_admin, name="Dorpsraad Eigen")
    return SimpleNamespace(
        orphan=made("Dorpsraad Wees", member=True, editors=False),
        member=made("Dorpsraad Lid", member=True),
        outside=made("Energie Buiten"),
        outside_orphan=made("Energie Buiten Wees", editors=False),
        unlisted=made("Verborgen Hof", is_unlisted=True, kvk_number="55556666"),
        own=own,
    )
