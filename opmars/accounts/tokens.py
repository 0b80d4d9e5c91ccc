"""Creating and revoking API tokens: check, write in one transaction, audit."""

import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opmars.accounts import policy
from opmars.accounts.actors import OPERATOR
from opmars.accounts.audit import AuditAction, record
from opmars.api.models import ApiToken, token_hash

SECRET_START = "opm_"
PREFIX_LENGTH = len(SECRET_START) + 8
# How an audit event says that an operator acted on the command line.


def new_secret():
    return SECRET_START + secrets.token_urlsafe(32)


@transaction.atomic
def create_token(actor, name, scope, valid_days=None):
    """Make a token for the actor; the returned secret is never stored and cannot be shown again.

    Every signed-in user may make tokens for themselves; a token never gives more rights than
    its user has, because each write still asks the policy about that user."""
    if not (actor and actor.is_authenticated):
        raise PermissionDenied(_("Log in om een API-sleutel te maken."))
    if not policy.has_confirmed_email(actor):
        raise PermissionDenied(_("Bevestig eerst je e-mailadres."))
    return _make_token(actor, actor, name, scope, valid_days)


@transaction.atomic
def create_token_as_operator(owner, name, scope, valid_days=None):
    """`opmars token create`: whoever runs the command line controls the server (and so every
    account); the audit event has no actor pseudonym and says it came from there."""
    if not owner.is_active:
        raise PermissionDenied(_("Dit account is uitgeschakeld."))
    return _make_token(None, owner, name, scope, valid_days, via=OPERATOR)


def _make_token(actor, owner, name, scope, valid_days, via=None):
    secret, now = new_secret(), timezone.now()
    token = ApiToken.objects.create(
        user=owner,
        name=name,
        scope=scope,
        prefix=secret[:PREFIX_LENGTH],
        secret_hash=token_hash(secret),
        created_at=now,
        expires_at=now + timedelta(days=valid_days) if valid_days else None,
    )
    expires = token.expires_at.isoformat() if token.expires_at else None
    changes = {"name": name, "scope": scope, "prefix": token.prefix, "expires_at": expires}
    record(actor, AuditAction.API_TOKEN_CREATE, token, {**changes, **({"via": via} if via else {})})
    return token, secret


@transaction.atomic
def revoke_token(actor, token):
    # Only the token's own user revokes it; staff can deactivate the user instead.
    if not (actor and actor.is_authenticated and token.user_id == actor.pk):
        raise PermissionDenied(_("Dit is niet jouw API-sleutel."))
    return _revoke(actor, token)


@transaction.atomic
def revoke_token_as_operator(token):
    """`opmars token revoke`, for a leaked secret whose owner cannot be reached."""
    return _revoke(None, token, via=OPERATOR)


@transaction.atomic
def revoke_all_tokens(user, reason):
    """Every active token of the user stops working (after a password change: whoever knew the
    old password may have made one)."""
    for token in user.api_tokens.filter(revoked_at__isnull=True):
        _revoke(user, token, via=reason)


def _revoke(actor, token, via=None):
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        changes = {"prefix": token.prefix, **({"via": via} if via else {})}
        record(actor, AuditAction.API_TOKEN_REVOKE, token, changes)
    return token
