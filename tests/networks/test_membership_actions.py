"""Network admins invite, accept and remove; editors ask to join; every step is audited."""

import pytest
from django.core.exceptions import PermissionDenied

from opmars.accounts.models import AuditEvent
from opmars.networks import actions
from opmars.networks.models import Membership, MembershipRequest


def is_member(network, collective):
    return Membership.objects.filter(network=network, collective=collective).exists()


def test_request_then_accept_by_the_admin(network, network_admin, make_collective, editor_user):
    collective = make_collective()
    pending = actions.request_membership(editor_user, network, collective)
    assert not is_member(network, collective)
    actions.accept(network_admin, pending)
    assert is_member(network, collective)
    assert not MembershipRequest.objects.exists()
    assert AuditEvent.objects.filter(action="network.accept").count() == 1


def test_invitation_is_accepted_by_the_collective(
    network, network_admin, make_collective, editor_user
):
    collective = make_collective()
    invitation = actions.invite(network_admin, network, collective)
    with pytest.raises(PermissionDenied):
        actions.accept(network_admin, invitation)
    actions.accept(editor_user, invitation)
    assert is_member(network, collective)


def test_an_invitation_meeting_a_request_makes_a_member(
    network, network_admin, make_collective, editor_user
):
    collective = make_collective()
    actions.request_membership(editor_user, network, collective)
    actions.invite(network_admin, network, collective)
    assert is_member(network, collective)


def test_only_admins_invite_and_remove(network, make_collective, other_user, editor_user):
    collective = make_collective()
    with pytest.raises(PermissionDenied):
        actions.invite(other_user, network, collective)
    Membership.objects.create(network=network, collective=collective)
    with pytest.raises(PermissionDenied):
        actions.remove_member(editor_user, network, collective)


def test_only_editors_ask_to_join(network, make_collective, other_user):
    with pytest.raises(PermissionDenied):
        actions.request_membership(other_user, network, make_collective())


def test_remove_and_the_dutch_error_for_a_non_member(network, network_admin, make_collective):
    collective = make_collective()
    Membership.objects.create(network=network, collective=collective)
    actions.remove_member(network_admin, network, collective)
    assert not is_member(network, collective)
    with pytest.raises(actions.ActionError) as error:
        actions.remove_member(network_admin, network, collective)
    assert error.value.errors[0]["code"] == "geen_lid"
    assert "geen lid" in error.value.errors[0]["message"]


def test_a_member_cannot_be_invited_again(network, network_admin, make_collective):
    collective = make_collective()
    Membership.objects.create(network=network, collective=collective)
    with pytest.raises(actions.ActionError):
        actions.invite(network_admin, network, collective)
