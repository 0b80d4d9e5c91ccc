"""Creating and revoking API tokens: check, write in one transaction, audit."""

import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opmars.accounts.audit import record
from opmars.api.models import ApiToken, token_hash

SECRET_START = "opm_"
PREFIX_LENGTH = len(SECRET_START) + 8


def new_secret():
    return SECRET_START + secrets.token_urlsafe(32)


@transaction.atomic
def create_token(actor, name, scope, valid_days=None):
    """Make a token for the actor; the returned secret is never stored and cannot be shown again.

    Every signed-in user may make tokens for themselves; a token never gives more rights than
    its user has, because each write still asks the policy about that user."""
    if not (actor and actor.is_authenticated):
        raise PermissionDenied(_("Log in om een API-sleutel te maken."))
    secret, now = new_secret(), timezone.now()
    token = ApiToken.objects.create(
        user=actor,
        name=name,
        scope=scope,
        prefix=secret[:PREFIX_LENGTH],
        secret_hash=token_hash(secret),
        created_at=now,
        expires_at=now + timedelta(days=valid_days) if valid_days else None,
    )
    expires = token.expires_at.isoformat() if token.expires_at else None
    record(
        actor,
        "api_token.create",
        token,
        {"name": name, "scope": scope, "prefix": token.prefix, "expires_at": expires},
    )
    return token, secret


@transaction.atomic
def revoke_token(actor, token):
    # Only the token's own user revokes it; staff can deactivate the user instead.
    if not (actor and actor.is_authenticated and token.user_id == actor.pk):
        raise PermissionDenied(_("Dit is niet jouw API-sleutel."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(actor, "api_token.revoke", token, {"prefix": token.prefix})
    return token
