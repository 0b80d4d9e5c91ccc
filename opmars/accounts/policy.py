"""The one place that says who may see and do what. Views, API, CLI and import all ask here.

Roles (docs/decisions/0024-roles-and-unlisting.md):
- anonymous: the public listing only;
- collective editor: edits the collectives in user.edited_collectives, manages their co-editors,
  sees their drafts, unlisted records and audit trail;
- network admin (Network.admins): manages the network's members, sees their unlisted records and
  audit trail;
- municipality viewer (MunicipalityViewer): draft impact figures of collectives seated in the
  municipality, only where the collective consented;
- staff: everything.
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeGuard

from django.db.models import Q, QuerySet

from opmars.accounts.actors import Actor
from opmars.accounts.models import User
from opmars.registry.models import Collective

if TYPE_CHECKING:
    from opmars.accounts.models import AuditEvent
    from opmars.dataio.models import DuplicateCandidate, ImportRun
    from opmars.knowledge.models import KnowledgeItem, Message, Question
    from opmars.networks.models import Membership, Network

# A check that answers True only for a signed-in user returns TypeGuard[User]: after it, the
# actor is a User to the type checker (an action may then add them as an editor, say).
# Whoever changes a check keeps that promise, or returns plain bool.


def _signed_in(user: Actor) -> TypeGuard[User]:
    return bool(user and user.is_authenticated)


def _is_staff(user: Actor) -> TypeGuard[User]:
    return _signed_in(user) and user.is_staff


def _network_member_ids(user: User) -> "QuerySet[Membership, Any]":
    """Ids of collectives in the networks this user administers (a subquery)."""
    from opmars.networks.models import Membership

    return Membership.objects.filter(network__admins=user).values("collective_id")


def public_collectives() -> QuerySet[Collective]:
    """What anybody sees: the directory, map, API, exports, open data and monitor counts."""
    return Collective.objects.filter(is_unlisted=False)


def unlisted_collectives() -> QuerySet[Collective]:
    """Every collective not in public_collectives: a few, so a count over all records less these
    reads indexes only, where checking each record against the listing looks up every one."""
    return Collective.objects.filter(is_unlisted=True)


def visible_collectives(user: Actor) -> QuerySet[Collective]:
    """The public listing, plus the unlisted records the user edits or whose network they run."""
    if _is_staff(user):
        return Collective.objects.all()
    if not _signed_in(user):
        return public_collectives()
    return Collective.objects.filter(
        Q(is_unlisted=False)
        | Q(pk__in=user.edited_collectives.values("pk"))
        | Q(pk__in=_network_member_ids(user))
    )


def visible_questions(user: Actor) -> "QuerySet[Question]":
    """Questions, needs and offers of the collectives this user sees: an unlisted collective's
    posts are as hidden as the collective itself (decision 0024)."""
    from opmars.knowledge.models import Question

    return Question.objects.filter(collective__in=visible_collectives(user))


def has_confirmed_email(user: Actor) -> TypeGuard[User]:
    """Adding collectives, claims and API tokens waits for a confirmed address, so that one
    anonymous sign-up cannot flood the register or take a collective's mail."""
    return _signed_in(user) and user.email_confirmed


def can_create_collective(user: Actor) -> TypeGuard[User]:
    return has_confirmed_email(user)


def can_edit_collective(user: Actor, collective: Collective) -> TypeGuard[User]:
    if not _signed_in(user):
        return False
    return user.is_staff or collective.editors.filter(pk=user.pk).exists()


def can_verify_collective(user: Actor) -> TypeGuard[User]:
    return _is_staff(user)


def editable_collectives(user: Actor) -> QuerySet[Collective]:
    if not _signed_in(user):
        return Collective.objects.none()
    if user.is_staff:
        return Collective.objects.all()
    return user.edited_collectives.all()


# Editors, claims and the public listing


def can_manage_editors(user: Actor, collective: Collective) -> TypeGuard[User]:
    """Editors invite and remove co-editors; the editors also decide on listing and consent."""
    return can_edit_collective(user, collective)


def can_claim(user: Actor, collective: Collective) -> TypeGuard[User]:
    """Anyone signed in may ask for a collective that nobody edits yet (mostly imported ones)."""
    return has_confirmed_email(user) and not collective.editors.exists()


def can_review_claims(user: Actor) -> TypeGuard[User]:
    return _is_staff(user)


# Networks and knowledge (issue 5)


def can_manage_network(user: Actor, network: "Network") -> TypeGuard[User]:
    """Network admins (and staff) invite, accept and remove members."""
    if not _signed_in(user):
        return False
    return user.is_staff or network.admins.filter(pk=user.pk).exists()


def can_answer_for_collective(user: Actor, collective: Collective) -> TypeGuard[User]:
    """A collective's editors speak for it: join requests, questions, knowledge items."""
    return can_edit_collective(user, collective)


def can_edit_knowledge(user: Actor, item: "KnowledgeItem") -> TypeGuard[User]:
    if not _signed_in(user):
        return False
    if user.is_staff or item.created_by_id == user.pk:
        return True
    return item.collectives.filter(editors=user).exists()


def can_moderate(user: Actor) -> TypeGuard[User]:
    return _is_staff(user)


# Messages through the platform (issue 20): a conversation belongs to its two sides.


def message_side(user: Actor, message: "Message") -> str | None:
    """'sender'; 'recipient' for an editor of the collective written to (its inbox is theirs:
    being staff does not open it); 'staff' for a message to a collective without editors,
    which staff forward; None for anyone else."""
    if not _signed_in(user):
        return None
    if message.sender_id == user.pk:
        return "sender"
    if message.recipient.editors.filter(pk=user.pk).exists():
        return "recipient"
    if user.is_staff and message.delivery == "medewerkers":
        return "staff"
    return None


def inbox_collectives(user: Actor) -> QuerySet[Collective]:
    """The collectives whose received messages this user reads: the ones they edit by name."""
    if not _signed_in(user):
        return Collective.objects.none()
    return user.edited_collectives.all()


# Impact reports (issue 3)


def can_edit_impact(user: Actor, collective: Collective) -> TypeGuard[User]:
    """A collective's editors (and staff) write its impact reports."""
    return can_edit_collective(user, collective)


def viewed_municipalities(user: Actor) -> list[str]:
    """Codes of the municipalities this user is an officer (viewer) of."""
    if not _signed_in(user):
        return []
    return list(user.municipality_roles.values_list("municipality_id", flat=True))


def can_see_impact_drafts(user: Actor, collective: Collective) -> bool:
    if can_edit_impact(user, collective):
        return True
    return (
        collective.shares_drafts_with_municipality
        and collective.municipality_id in viewed_municipalities(user)
    )


def collectives_sharing_drafts(user: Actor) -> QuerySet[Collective]:
    """For a municipality viewer: the collectives whose drafts they may read."""
    return visible_collectives(user).filter(
        municipality_id__in=viewed_municipalities(user), shares_drafts_with_municipality=True
    )


# Audit log


def can_see_audit(user: Actor, collective: Collective) -> TypeGuard[User]:
    if can_edit_collective(user, collective):
        return True
    return _signed_in(user) and (collective.membership_set.filter(network__admins=user).exists())


def visible_audit_events(user: Actor) -> "QuerySet[AuditEvent]":
    """Staff: every event; editors: their collectives'; network admins: their members' and their
    networks' own events; everybody else: none."""
    from opmars.accounts.models import AuditEvent

    if _is_staff(user):
        return AuditEvent.objects.all()
    if not _signed_in(user):
        return AuditEvent.objects.none()
    networks = user.administered_networks.values_list("slug", flat=True)
    return AuditEvent.objects.filter(
        Q(collective_pk__in=user.edited_collectives.values("pk"))
        | Q(collective_pk__in=_network_member_ids(user))
        | Q(target_type="networks.network", target_id__in=list(networks))
    )


# Import, export and duplicates (issue 6)


def can_import(user: Actor) -> TypeGuard[User]:
    """Staff, and network admins (for their own networks: importable_networks)."""
    if not (user and user.is_authenticated):
        return False
    return user.is_staff or user.administered_networks.exists()


def can_manage_local_rights(user: Actor) -> TypeGuard[User]:
    """Staff and network admins keep the local rights register (issue 16)."""
    return can_import(user)


def can_manage_finance_routes(user: Actor) -> TypeGuard[User]:
    """Staff and network admins keep the financing routes register (issue 16)."""
    return can_import(user)


def can_review_duplicates(user: Actor) -> TypeGuard[User]:
    """Staff review every pair; network admins the pairs reviewable_duplicates gives them."""
    return can_import(user)


def can_manage_proxy_library(user: Actor) -> TypeGuard[User]:
    """Only staff publish a new proxy library version."""
    return bool(user and user.is_authenticated and user.is_staff)


# Imports by network admins (issue 6)


def importable_networks(user: Actor) -> "QuerySet[Network]":
    """The networks on whose behalf the user may import: all for staff, else their own."""
    from opmars.networks.models import Network

    if not (user and user.is_authenticated):
        return Network.objects.none()
    return Network.objects.all() if user.is_staff else user.administered_networks.all()


def can_run_import(user: Actor, run: "ImportRun") -> TypeGuard[User]:
    """Start the real run of an uploaded file: its uploader, or staff, while they may import for
    the run's network (a network admin only for a network they run; as Opmars only staff)."""
    if not can_import(user) or not (user.is_staff or run.actor_id == user.pk):
        return False
    if run.network_id is None:
        return user.is_staff
    return importable_networks(user).filter(pk=run.network_id).exists()


def reviewable_duplicates(user: Actor) -> "QuerySet[DuplicateCandidate]":
    """Open duplicate pairs the user may merge or dismiss: all for staff; for a network admin
    the pairs of two unclaimed records (no editors) of which one is in a network they run."""
    from opmars.dataio.models import DuplicateCandidate

    pairs = DuplicateCandidate.objects.filter(status=DuplicateCandidate.Status.OPEN)
    if user and user.is_authenticated and user.is_staff:
        return pairs
    if not can_review_duplicates(user):
        return pairs.none()
    networks = user.administered_networks.all()
    own = pairs.filter(first__networks__in=networks) | pairs.filter(second__networks__in=networks)
    unclaimed = own.filter(first__editors__isnull=True, second__editors__isnull=True)
    return unclaimed.distinct()


# What an import may write: issue 21, decision 0038. In an import, actor None is the operator
# at the command line (`opmars import`), who has every right: whoever runs commands on the
# server could write to its database directly anyway.


def imports_with_full_rights(actor: Actor) -> bool:
    """The operator and staff import without limits: every record, and direct membership."""
    return actor is None or _is_staff(actor)


def import_hidden_collectives(actor: Actor) -> QuerySet[Collective]:
    """Unlisted collectives the importer cannot see. To the import they do not exist: a row
    that names one is read as if nothing matched, so no outcome or count tells they are there."""
    if imports_with_full_rights(actor):
        return Collective.objects.none()
    return unlisted_collectives().exclude(pk__in=visible_collectives(actor))


def import_editable_collectives(actor: Actor, network: "Network | None") -> QuerySet[Collective]:
    """The existing collectives an import may change: their record, yearly facts and impact
    drafts. The collectives the importer edits (can_edit_collective, can_edit_impact), and the
    members of the network they import for, and manage, that have no editors of their own: the
    network keeps those records. A collective with editors speaks for itself."""
    if imports_with_full_rights(actor):
        return Collective.objects.all()
    if not _signed_in(actor):
        return Collective.objects.none()
    allowed = Q(pk__in=actor.edited_collectives.values("pk"))
    if network is not None and can_manage_network(actor, network):
        allowed |= Q(pk__in=network_kept_collectives(actor, [network]).values("pk"))
    return Collective.objects.filter(allowed)


def network_kept_collectives(
    actor: User, networks: "Iterable[Network] | None" = None
) -> QuerySet[Collective]:
    """The members without editors of their own of the given networks (default: every network
    the actor manages) that the actor manages: records the network keeps (decision 0038). The
    import and the API's yearly facts both ask this."""
    managed = actor.administered_networks.all()
    if networks is not None:
        managed = managed.filter(pk__in=[n.pk for n in networks])
    return Collective.objects.filter(networks__in=managed, editors__isnull=True).distinct()


def can_write_yearly_facts(actor: Actor, collective: Collective) -> TypeGuard[User]:
    """A collective's yearly facts: its editors and staff (can_edit_collective), and the admins
    of a network that keeps it (a member without editors of its own, as in an import: decision
    0038) or that its editors allowed to (Membership.network_writes_facts, decision 0048)."""
    if can_edit_collective(actor, collective):
        return True
    if not _signed_in(actor):
        return False
    allowed = collective.membership_set.filter(network__admins=actor, network_writes_facts=True)
    return allowed.exists() or network_kept_collectives(actor).filter(pk=collective.pk).exists()


def network_writing_facts(actor: Actor, collective: Collective) -> "Network | None":
    """The network on whose behalf a network admin writes a collective's yearly facts (one
    that was allowed to first); None for its editors and staff, who write for themselves."""
    if not _signed_in(actor) or can_edit_collective(actor, collective):
        return None
    managed = actor.administered_networks.filter(membership__collective=collective)
    return managed.order_by("-membership__network_writes_facts", "name").first()
