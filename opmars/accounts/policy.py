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
