"""Every write calls record(); the event carries the actor's pseudonym, never the user itself."""

from opmars.accounts.models import AuditEvent, Pseudonym
from opmars.caching import generation


def actor_code(actor):
    if actor is None or not actor.is_authenticated:
        return ""
    return Pseudonym.for_user(actor).code


def _collective_pk(target, changes):
    """The collective an event is about, so its editors and networks find it in the log."""
    if target._meta.label_lower == "registry.collective":
        return target.pk
    if getattr(target, "collective_id", None):
        return target.collective_id
    slug = changes.get("collective") if isinstance(changes, dict) else None
    if isinstance(slug, str):
        from opmars.registry.models import Collective

        return Collective.objects.filter(slug=slug).values_list("pk", flat=True).first()
    return None


def event(actor, action, target, changes=None):
    """An unsaved event."""
    changes = changes or {}
    return AuditEvent(
        actor_pseudonym=actor_code(actor),
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(getattr(target, "slug", None) or target.pk),
        collective_pk=_collective_pk(target, changes),
        changes=changes,
    )


def record(actor, action, target, changes=None):
    """Log a write, and start a new data generation: cached figures of the old one are not
    served again (opmars/caching)."""
    generation.bump()
    audit_event = event(actor, action, target, changes)
    audit_event.save()
    return audit_event
