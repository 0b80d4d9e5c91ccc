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
    """Staff for now; network admins for their own network follow with the networks roles."""
    return bool(user and user.is_authenticated and user.is_staff)


def can_review_duplicates(user) -> bool:
    return bool(user and user.is_authenticated and user.is_staff)


def can_manage_proxy_library(user) -> bool:
    """Only staff publish a new proxy library version."""
    return bool(user and user.is_authenticated and user.is_staff)
