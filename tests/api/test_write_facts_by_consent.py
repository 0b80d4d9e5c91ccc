"""A member with editors of its own lets its network write its yearly facts (decision 0048):
with that consent the network admin's write token writes them, the audit trail names the
network; without it, or once it is withdrawn, the write is a 403 and nothing changes."""

import pytest

from opmars.accounts.models import AuditEvent, User
from opmars.accounts.tokens import create_token
from opmars.networks.actions import allow_facts_by_network
from opmars.networks.models import Membership, Network
from opmars.registry.models import YearlyFacts
from tests.api.conftest import only_error
from tests.api.test_write_facts import whole_year


@pytest.fixture
def umbrella(db):
    return Network.objects.create(slug="koepel-test", name="Koepel Test", kind="landelijk")


@pytest.fixture
def farid_token(umbrella):
    farid = User.objects.create_user(email="farid@example.org", password="geheim-wachtwoord-1")
    umbrella.admins.add(farid)
    return create_token(farid, "Ledenenquête", "write")[1]


@pytest.fixture
def member(umbrella, make_collective):
    """A member with an editor of its own (editor_user)."""
    collective = make_collective()
    Membership.objects.create(network=umbrella, collective=collective)
    return collective


def test_with_consent_the_network_writes_and_the_trail_names_it(
    api_write, farid_token, member, umbrella, editor_user
):
    allow_facts_by_network(editor_user, member, umbrella.slug, True)
    path = f"/collectives/{member.slug}/facts/2025"
    response = api_write("PUT", path, whole_year(members=140), farid_token)
    assert response.status_code == 200, response.content
    assert YearlyFacts.objects.get(collective=member, year=2025).members == 140
    written = AuditEvent.objects.filter(collective_pk=member.pk, action="facts.save").get()
    assert written.changes["network"] == "Koepel Test"
    assert written.changes["members"] == [None, 140]


def test_without_consent_or_after_withdrawing_it_is_a_403(
    api_write, farid_token, member, umbrella, editor_user
):
    path = f"/collectives/{member.slug}/facts/2025"
    assert only_error(api_write("PUT", path, whole_year(members=1), farid_token), 403)
    allow_facts_by_network(editor_user, member, umbrella.slug, True)
    allow_facts_by_network(editor_user, member, umbrella.slug, False)
    assert only_error(api_write("PUT", path, whole_year(members=1), farid_token), 403)
    assert not YearlyFacts.objects.filter(collective=member).exists()


def test_consent_to_another_network_does_not_count(api_write, farid_token, member, editor_user):
    other = Network.objects.create(slug="ander-netwerk", name="Ander netwerk", kind="landelijk")
    Membership.objects.create(network=other, collective=member)
    allow_facts_by_network(editor_user, member, other.slug, True)
    path = f"/collectives/{member.slug}/facts/2025"
    assert only_error(api_write("PUT", path, whole_year(members=1), farid_token), 403)


def test_an_editors_own_write_names_no_network(api_write, write_token, member, umbrella):
    """The editor writes for the collective itself, consent or not."""
    allow_facts_by_network(write_token[0].user, member, umbrella.slug, True)
    path = f"/collectives/{member.slug}/facts/2025"
    assert api_write("PUT", path, whole_year(members=9), write_token[1]).status_code == 200
    written = AuditEvent.objects.filter(collective_pk=member.pk, action="facts.save").get()
    assert "network" not in written.changes
