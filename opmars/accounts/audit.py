from opmars.accounts.models import AuditEvent
from opmars.caching import generation


def record(actor, action, target, changes=None):
    """Log a write, and start a new data generation: cached figures of the old one are not
    served again (opmars/caching)."""
    generation.bump()
    return AuditEvent.objects.create(
        actor=actor if actor and actor.is_authenticated else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(getattr(target, "slug", None) or target.pk),
        changes=changes or {},
    )
