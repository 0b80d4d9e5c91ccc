from opmars.accounts.models import AuditEvent


def record(actor, action, target, changes=None):
    return AuditEvent.objects.create(
        actor=actor if actor and actor.is_authenticated else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(getattr(target, "slug", None) or target.pk),
        changes=changes or {},
    )
