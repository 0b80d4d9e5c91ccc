"""Farid's journey (JOURNEYS.md 6): a network admin makes a write token and writes the yearly
facts of 50 members from a script. As in an import (decision 0038), a network admin may write
the facts of the collectives they edit and of their network's members without editors of their
own; members with editors that allowed it: test_write_facts_by_consent.py. Any other collective
is a 403 in the error shape, in Dutch."""

import pytest

from opmars.accounts.models import User
from opmars.accounts.tokens import create_token
from opmars.networks.models import Membership, Network
from opmars.registry.models import YearlyFacts
from tests.api.conftest import events_by, only_error
from tests.api.test_write_facts import whole_year


@pytest.fixture
def network(db):
    return Network.objects.create(
        slug="energie-samen-test", name="Energie Samen Test", kind="landelijk"
    )


@pytest.fixture
def farid(network):
    user = User.objects.create_user(email="farid@example.org", password="geheim-wachtwoord-1")
    network.admins.add(user)
    return user


@pytest.fixture
def farid_token(farid):
    _token, secret = create_token(farid, "Jaarcijfers leden", "write")
    return secret


@pytest.fixture
def member(network, make_collective, staff_user):
    """A member the network keeps: imported, without editors of its own."""

    def make(**overrides):
        collective = make_collective(actor=staff_user, **overrides)
        Membership.objects.create(network=network, collective=collective)
        return collective

    return make


def test_farid_writes_the_facts_of_50_members(api_write, farid, farid_token, member):
    members = [member(name=f"Energiecoöperatie Lid {n}") for n in range(50)]
    for n, collective in enumerate(members):
        body = whole_year(members=100 + n, income_contributions=2400)
        response = api_write("PUT", f"/collectives/{collective.slug}/facts/2025", body, farid_token)
        assert response.status_code == 200, response.content
        assert response.json()["members"] == 100 + n
    assert YearlyFacts.objects.filter(year=2025, collective__in=members).count() == 50
    assert events_by(farid).filter(action="facts.save").count() == 50


def test_farid_may_patch_a_members_facts(api_write, farid_token, member):
    collective = member()
    path = f"/collectives/{collective.slug}/facts/2025"
    api_write("PUT", path, whole_year(members=100, volunteers=8), farid_token)
    response = api_write("PATCH", path, {"members": 101}, farid_token)
    assert response.status_code == 200, response.content
    assert (response.json()["members"], response.json()["volunteers"]) == (101, 8)


REFUSED = (
    "Je mag de cijfers van dit collectief niet wijzigen. Dat mogen de redacteuren, en de "
    "beheerders van een netwerk waar het lid van is als het collectief geen eigen redacteuren "
    "heeft of het netwerk toestemming gaf."
)


def test_a_collective_outside_the_network_is_a_403(
    api_write, farid_token, make_collective, staff_user
):
    outsider = make_collective(actor=staff_user)
    path = f"/collectives/{outsider.slug}/facts/2025"
    error = only_error(api_write("PUT", path, whole_year(members=1), farid_token), 403)
    assert error == {"field": "", "code": "geen_toegang", "message": REFUSED}
    assert not YearlyFacts.objects.filter(collective=outsider).exists()


def test_a_member_with_editors_of_its_own_is_a_403(
    api_write, farid_token, make_collective, network, editor_user
):
    speaks_for_itself = make_collective()  # editor_user is its editor
    Membership.objects.create(network=network, collective=speaks_for_itself)
    path = f"/collectives/{speaks_for_itself.slug}/facts/2025"
    error = only_error(api_write("PUT", path, whole_year(members=1), farid_token), 403)
    assert error["message"] == REFUSED
    error = only_error(api_write("PATCH", path, {"members": 1}, farid_token), 403)
    assert error["code"] == "geen_toegang"
    assert not YearlyFacts.objects.filter(collective=speaks_for_itself).exists()


def test_a_member_of_another_network_is_a_403(api_write, farid_token, make_collective, staff_user):
    elsewhere = Network.objects.create(slug="ander-netwerk", name="Ander netwerk", kind="landelijk")
    collective = make_collective(actor=staff_user)
    Membership.objects.create(network=elsewhere, collective=collective)
    path = f"/collectives/{collective.slug}/facts/2025"
    assert only_error(api_write("PUT", path, whole_year(), farid_token), 403)
