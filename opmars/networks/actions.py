"""Every write to networks: check the policy, validate, write in one transaction, audit."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opmars.accounts import policy
from opmars.accounts.actors import Actor
from opmars.accounts.audit import AuditAction, record
from opmars.common.errors import ActionError
from opmars.networks.models import Membership, MembershipRequest, Network, PastMembership
from opmars.registry import history
from opmars.registry.models import Collective
from opmars.registry.vocab import EventKind


def _is_member(network: Network, collective: Collective) -> bool:
    return Membership.objects.filter(network=network, collective=collective).exists()


@transaction.atomic
def invite(
    actor: Actor, network: Network, collective: Collective
) -> MembershipRequest | Membership:
    """The network invites; the collective's editor accepts. An open request is accepted at once."""
    if not policy.can_manage_network(actor, network):
        raise PermissionDenied
    if _is_member(network, collective):
        raise ActionError.on("collective", "al_lid", _("Dit collectief is al lid van het netwerk."))
    pending = MembershipRequest.objects.filter(network=network, collective=collective).first()
    if pending and pending.direction == MembershipRequest.Direction.REQUEST:
        return accept(actor, pending)
    if pending:
        raise ActionError.on("collective", "al_uitgenodigd", _("Dit collectief is al uitgenodigd."))
    invitation = MembershipRequest.objects.create(
        network=network,
        collective=collective,
        direction=MembershipRequest.Direction.INVITATION,
        created_by=actor,
    )
    record(actor, AuditAction.NETWORK_INVITE, network, {"collective": collective.slug})
    return invitation


@transaction.atomic
def request_membership(
    actor: Actor, network: Network, collective: Collective
) -> MembershipRequest | Membership:
    """A collective's editor asks to join; a network admin accepts."""
    if not policy.can_edit_collective(actor, collective):
        raise PermissionDenied
    if _is_member(network, collective):
        raise ActionError.on("network", "al_lid", _("Je collectief is al lid van dit netwerk."))
    pending = MembershipRequest.objects.filter(network=network, collective=collective).first()
    if pending and pending.direction == MembershipRequest.Direction.INVITATION:
        return accept(actor, pending)
    if pending:
        raise ActionError.on("network", "al_gevraagd", _("Je hebt al gevraagd om lid te worden."))
    asked = MembershipRequest.objects.create(
        network=network,
        collective=collective,
        direction=MembershipRequest.Direction.REQUEST,
        created_by=actor,
    )
    record(actor, AuditAction.NETWORK_REQUEST, network, {"collective": collective.slug})
    return asked


def _may_accept(actor: Actor, pending: MembershipRequest) -> bool:
    # The side that did not start the step accepts it.
    if pending.direction == MembershipRequest.Direction.REQUEST:
        return policy.can_manage_network(actor, pending.network)
    return policy.can_edit_collective(actor, pending.collective)


@transaction.atomic
def accept(actor: Actor, pending: MembershipRequest) -> Membership:
    if not _may_accept(actor, pending):
        raise PermissionDenied
    membership, _created = Membership.objects.get_or_create(
        network=pending.network,
        collective=pending.collective,
        defaults={"since": timezone.now().year},
    )
    if _created:
        history.note(
            pending.collective,
            EventKind.LID_NETWERK,
            history.SOURCE_NETWORK,
            actor,
            network=pending.network.slug,
            name=pending.network.name,
        )
    record(
        actor,
        AuditAction.NETWORK_ACCEPT,
        pending.network,
        {"collective": pending.collective.slug, "direction": pending.direction},
    )
    pending.delete()
    return membership


@transaction.atomic
def remove_member(actor: Actor, network: Network, collective: Collective) -> None:
    if not policy.can_manage_network(actor, network):
        raise PermissionDenied
    membership = Membership.objects.filter(network=network, collective=collective).first()
    if membership is None:
        raise ActionError.on(
            "collective", "geen_lid", _("Dit collectief is geen lid van het netwerk.")
        )
    # Kept as ended, so that earlier years still count it as a member (decision 0045).
    PastMembership.objects.create(
        network=network, collective=collective, since=membership.since, until=timezone.now().year
    )
    membership.delete()
    history.note(collective, EventKind.UIT_NETWERK, history.SOURCE_NETWORK, actor,
                 network=network.slug, name=network.name)  # fmt: skip
    record(actor, AuditAction.NETWORK_REMOVE, network, {"collective": collective.slug})


@transaction.atomic
def allow_facts_by_network(
    actor: Actor, collective: Collective, network_slug: str, allowed: bool
) -> Membership:
    """A collective's editors let one of its networks write its yearly facts (its admins, say
    from the network's member survey through the API), or withdraw that (decision 0048)."""
    if not policy.can_edit_collective(actor, collective):
        raise PermissionDenied(_("Alleen de redactie van het collectief kan dit aanpassen."))
    membership = (
        Membership.objects.select_for_update()
        .select_related("network")
        .filter(collective=collective, network__slug=network_slug)
        .first()
    )
    if membership is None:
        raise ActionError.on("network", "geen_lid", _("Je collectief is geen lid van dit netwerk."))
    if membership.network_writes_facts != allowed:
        membership.network_writes_facts = allowed
        membership.save(update_fields=["network_writes_facts"])
        changes = {
            "network": membership.network.name,
            "network_writes_facts": [not allowed, allowed],
        }
        record(actor, AuditAction.NETWORK_FACTS_CONSENT, collective, changes)
    return membership
