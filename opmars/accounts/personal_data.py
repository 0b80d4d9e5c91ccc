"""Everything Opmars holds about one user, as JSON (the AVG right of access and portability)."""

from opmars.accounts.models import AuditEvent, Claim, EditorInvitation


def _iso(value):
    return value.isoformat() if value else None


def _account(user):
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
        "is_staff": user.is_staff,
        "audit_pseudonym": getattr(getattr(user, "pseudonym", None), "code", None),
    }


def _roles(user):
    return {
        "edited_collectives": list(user.edited_collectives.values("slug", "name")),
        "administered_networks": list(user.administered_networks.values("slug", "name")),
        "municipality_viewer_of": list(
            user.municipality_roles.values_list("municipality_id", flat=True)
        ),
    }


def _requests(user):
    return {
        "invitations_sent": [
            {"collective": i.collective.slug, "email": i.email, "created_at": _iso(i.created_at)}
            for i in EditorInvitation.objects.filter(invited_by=user).select_related("collective")
        ],
        "claims": [
            {
                "collective": c.collective.slug,
                "role": c.role,
                "message": c.message,
                "wants_unlisting": c.wants_unlisting,
                "status": c.status,
                "created_at": _iso(c.created_at),
            }
            for c in Claim.objects.filter(user=user).select_related("collective")
        ],
    }


def _knowledge(user):
    from opmars.knowledge.models import KnowledgeItem, Message, Question, UsefulMark

    return {
        "knowledge_items": list(
            KnowledgeItem.objects.filter(created_by=user).values("slug", "title")
        ),
        "questions": list(Question.objects.filter(created_by=user).values("slug", "title")),
        "useful_marks": list(
            UsefulMark.objects.filter(user=user).values_list("item__slug", flat=True)
        ),
        "messages_sent": [
            {"to": m.recipient.slug, "body": m.body, "created_at": _iso(m.created_at)}
            for m in Message.objects.filter(sender=user).select_related("recipient")
        ],
    }


def _api_tokens(user):
    """The tokens' names and dates; the secret itself is only ever stored as a hash."""
    from opmars.api.models import ApiToken

    fields = ("name", "scope", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at")
    return [
        {name: _iso(value) if name.endswith("_at") else value for name, value in row.items()}
        for row in ApiToken.objects.filter(user=user).values(*fields)
    ]


def _audit(user):
    return [
        {
            "created_at": _iso(e.created_at),
            "action": e.action,
            "target": f"{e.target_type}:{e.target_id}",
            "changes": e.changes,
        }
        for e in AuditEvent.objects.by(user).order_by("created_at", "id")
    ]


def personal_data(user):
    return {
        "about": "Alle gegevens die Opmars over dit account bewaart (AVG, artikel 15 en 20).",
        "account": _account(user),
        "roles": _roles(user),
        **_requests(user),
        **_knowledge(user),
        "api_tokens": _api_tokens(user),
        "audit_events": _audit(user),
    }
