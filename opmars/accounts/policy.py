"""The one place that says who may see and do what. Views, API, CLI and import all ask here."""

from opmars.registry.models import Collective


def visible_collectives(user):
    """Every collective is public for now; roles and unlisting arrive with the trust issue."""
    return Collective.objects.all()


def can_create_collective(user) -> bool:
    return bool(user and user.is_authenticated)


def can_edit_collective(user, collective) -> bool:
    if not (user and user.is_authenticated):
        return False
    return user.is_staff or collective.editors.filter(pk=user.pk).exists()


def can_verify_collective(user) -> bool:
    return bool(user and user.is_authenticated and user.is_staff)


def editable_collectives(user):
    if not (user and user.is_authenticated):
        return Collective.objects.none()
    if user.is_staff:
        return Collective.objects.all()
    return user.edited_collectives.all()


# Networks and knowledge (issue 5)


def can_manage_network(user, network) -> bool:
    """Network admins (and staff) invite, accept and remove members."""
    if not (user and user.is_authenticated):
        return False
    return user.is_staff or network.admins.filter(pk=user.pk).exists()


def can_answer_for_collective(user, collective) -> bool:
    """A collective's editors speak for it: join requests, questions, knowledge items."""
    return can_edit_collective(user, collective)


def can_edit_knowledge(user, item) -> bool:
    if not (user and user.is_authenticated):
        return False
    if user.is_staff or item.created_by_id == user.pk:
        return True
    return item.collectives.filter(editors=user).exists()


def can_moderate(user) -> bool:
    return bool(user and user.is_authenticated and user.is_staff)


# Impact reports (issue 3)


def can_edit_impact(user, collective) -> bool:
    """A collective's editors (and staff) write its impact reports."""
    return can_edit_collective(user, collective)


def can_see_impact_drafts(user, collective) -> bool:
    return can_edit_impact(user, collective)


# Import, export and duplicates (issue 6)


def can_import(user) -> bool:
    """Staff, and network admins (for their own networks: importable_networks)."""
    if not (user and user.is_authenticated):
        return False
    return user.is_staff or user.administered_networks.exists()


def can_review_duplicates(user) -> bool:
    """Staff review every pair; network admins the pairs reviewable_duplicates gives them."""
    return can_import(user)


def can_manage_proxy_library(user) -> bool:
    """Only staff publish a new proxy library version."""
    return bool(user and user.is_authenticated and user.is_staff)


# Imports by network admins (issue 6)


def importable_networks(user):
    """The networks on whose behalf the user may import: all for staff, else their own."""
    from opmars.networks.models import Network

    if not (user and user.is_authenticated):
        return Network.objects.none()
    return Network.objects.all() if user.is_staff else user.administered_networks.all()


def reviewable_duplicates(user):
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
