"""A network's import makes new collectives its members; an existing collective joins only
with its editors' consent: the import sends the network pages' invitation, which they accept.
Staff (and the operator at the command line) add members directly. Decision 0038."""

import pytest

from opmars.dataio.importing import UPDATE
from opmars.networks import actions as network_actions
from opmars.networks.models import Membership, MembershipRequest
from opmars.registry.models import Collective
from tests.dataio.helpers import run, write
from tests.dataio.rights_helpers import collectives_csv

pytestmark = pytest.mark.django_db


def imported(tmp_path, text, actor, network, **options):
    return run(write(tmp_path, text, encoding="utf-8"), actor, network=network, **options)


def test_new_collectives_become_members_at_once(tmp_path, network_admin, kernen):
    imported(tmp_path, collectives_csv("Dorpsraad Nieuw"), network_admin, kernen)
    assert kernen in Collective.objects.get(name="Dorpsraad Nieuw").networks.all()


def test_an_existing_collective_is_invited_not_added(tmp_path, records, network_admin, kernen):
    own = records.own  # the admin edits it, so the import may change it
    dry = imported(tmp_path, collectives_csv(own.name), network_admin, kernen, dry_run=True)
    assert dry.rows[0].action == UPDATE
    assert "Krijgt een uitnodiging voor Kleine Kernen" in " ".join(dry.rows[0].notes)

    imported(tmp_path, collectives_csv(own.name), network_admin, kernen)
    assert not Membership.objects.filter(network=kernen, collective=own).exists()
    invitation = MembershipRequest.objects.get(network=kernen, collective=own)
    assert invitation.direction == MembershipRequest.Direction.INVITATION

    network_actions.accept(network_admin, invitation)  # as the collective's editor
    assert Membership.objects.filter(network=kernen, collective=own).exists()


def test_a_second_import_leaves_the_invitation_as_it_is(tmp_path, records, network_admin, kernen):
    imported(tmp_path, collectives_csv(records.own.name), network_admin, kernen)
    imported(tmp_path, collectives_csv(records.own.name, email="b@example.org"), network_admin,
             kernen)  # fmt: skip
    assert MembershipRequest.objects.filter(collective=records.own).count() == 1


def test_an_open_request_of_the_collective_is_its_consent(tmp_path, records, network_admin, kernen):
    network_actions.request_membership(network_admin, kernen, records.own)
    imported(tmp_path, collectives_csv(records.own.name), network_admin, kernen)
    assert Membership.objects.filter(network=kernen, collective=records.own).exists()


def test_staff_add_an_existing_collective_directly(tmp_path, records, staff_user, kernen):
    report = imported(tmp_path, collectives_csv(records.outside.name), staff_user, kernen)
    assert "Wordt lid van Kleine Kernen." in report.rows[0].notes
    assert Membership.objects.filter(network=kernen, collective=records.outside).exists()
    assert not MembershipRequest.objects.exists()
