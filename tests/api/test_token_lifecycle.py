"""An API token: its secret is shown once and stored only as a hash; revoked, expired or unknown
tokens are refused with a 401 in Dutch; making and revoking a token is audited."""

import hashlib
from datetime import timedelta

from django.utils import timezone

from opmars.accounts.models import AuditEvent
from opmars.accounts.tokens import create_token, revoke_token
from opmars.api.models import ApiToken
from tests.api.conftest import events_by, only_error

NEW = {
    "name": "Nieuw via API",
    "kind": "buurtcooperatie",
    "legal_form": "stichting",
    "municipality": "GM0344",
}


def test_only_the_hash_and_a_short_prefix_are_stored(editor_user):
    token, secret = create_token(editor_user, "Ledenadministratie", "write")
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret.startswith("opm_") and len(secret) > 40
    assert stored.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.startswith(stored.prefix) and len(stored.prefix) == 12
    every_value = [str(v) for v in ApiToken.objects.filter(pk=token.pk).values().get().values()]
    assert all(secret not in value for value in every_value)


def test_two_tokens_never_share_a_secret(editor_user):
    _first, one = create_token(editor_user, "een", "read")
    _second, two = create_token(editor_user, "twee", "read")
    assert one != two


def test_making_and_revoking_are_audited(editor_user):
    token, secret = create_token(editor_user, "Ledenadministratie", "write")
    revoke_token(editor_user, token)
    events = AuditEvent.objects.filter(target_type="api.apitoken", target_id=str(token.pk))
    assert [e.action for e in events.order_by("id")] == ["api_token.create", "api_token.revoke"]
    assert set(events_by(editor_user)) == set(events)
    assert events.get(action="api_token.create").changes["scope"] == "write"
    assert all(secret not in str(e.changes) for e in events)


def test_a_revoked_token_is_refused(editor_user, api_write, write_token):
    token, secret = write_token
    revoke_token(editor_user, token)
    error = only_error(api_write("POST", "/collectives", NEW, secret), 401)
    assert error["code"] == "ingetrokken_sleutel"
    assert "ingetrokken" in error["message"]


def test_an_expired_token_is_refused(api_write, write_token):
    token, secret = write_token
    token.expires_at = timezone.now() - timedelta(minutes=1)
    token.save()
    error = only_error(api_write("POST", "/collectives", NEW, secret), 401)
    assert error["code"] == "verlopen_sleutel"
    assert "verlopen" in error["message"]


def test_an_unknown_token_is_refused_and_says_how_to_send_one(api_write, db):
    response = api_write("POST", "/collectives", NEW, "opm_verzonnen")
    assert only_error(response, 401)["code"] == "onbekende_sleutel"
    assert response["WWW-Authenticate"] == "Bearer"


def test_the_token_of_a_deactivated_user_is_refused(editor_user, api_write, write_token):
    editor_user.is_active = False
    editor_user.save()
    response = api_write("POST", "/collectives", NEW, write_token[1])
    assert only_error(response, 401)["code"] == "onbekende_sleutel"


def test_writing_without_a_token_says_where_to_get_one(api_write, db):
    error = only_error(api_write("POST", "/collectives", NEW), 401)
    assert error == {
        "field": "Authorization",
        "code": "geen_sleutel",
        "message": "Schrijven via de API kan alleen met een API-sleutel. Stuur die mee als "
        "'Authorization: Bearer <sleutel>'; maak er een aan op /account/tokens/.",
    }


def test_a_used_token_shows_when(api_write, write_token):
    token, secret = write_token
    assert token.last_used_at is None
    api_write("POST", "/collectives", NEW, secret)
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_only_its_own_user_revokes_a_token(editor_user, other_user):
    import pytest
    from django.core.exceptions import PermissionDenied

    token, _secret = create_token(editor_user, "van Anouk", "write")
    with pytest.raises(PermissionDenied):
        revoke_token(other_user, token)
    token.refresh_from_db()
    assert token.revoked_at is None
