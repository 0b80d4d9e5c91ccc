"""Who writes through the API: `Authorization: Bearer <secret>` of an active write token.

Reading needs no token; with one, a read sees what its user sees (token_reader). A failed check
answers in the API's error shape: 401 for a missing, unknown, revoked or expired token, 403 for
a read-only token, 429 past the write rate.
"""

import contextlib
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django_ratelimit.exceptions import Ratelimited
from ninja.security import HttpBearer

from opmars.api.errors import ApiError
from opmars.api.models import ApiToken, token_hash
from opmars.common import limits
from opmars.common.errors import field_error

TOKENS_PAGE = "/account/tokens/"
# Remembering every use would turn each API call into a write; a minute is precise enough.
LAST_USED_PRECISION = timedelta(minutes=1)


def unauthorised(code, message):
    return ApiError(
        401, [field_error("Authorization", code, message)], {"WWW-Authenticate": "Bearer"}
    )


def missing_token():
    return unauthorised(
        "geen_sleutel",
        _(
            "Schrijven via de API kan alleen met een API-sleutel. Stuur die mee als "
            "'Authorization: Bearer <sleutel>'; maak er een aan op %(page)s."
        )
        % {"page": TOKENS_PAGE},
    )


def active_token(secret):
    """The token with this secret, or ApiError 401 saying why it cannot be used."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(secret_hash=token_hash(secret.strip()))
        .first()
    )
    if token is None or not token.user.is_active:
        raise unauthorised(
            "onbekende_sleutel",
            _("Deze API-sleutel kennen we niet. Kopieer hem opnieuw of maak een nieuwe aan."),
        )
    if token.revoked_at:
        raise unauthorised(
            "ingetrokken_sleutel",
            _("Deze API-sleutel is ingetrokken. Maak een nieuwe aan op %(page)s.")
            % {"page": TOKENS_PAGE},
        )
    if token.is_expired:
        raise unauthorised(
            "verlopen_sleutel",
            _("Deze API-sleutel is verlopen op %(date)s. Maak een nieuwe aan op %(page)s.")
            % {
                "date": timezone.localtime(token.expires_at).date().isoformat(),
                "page": TOKENS_PAGE,
            },
        )
    note_use(token)
    return token


def note_use(token):
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def period_seconds(rate):
    """The length of a rate's window: '60/m' -> 60, '1000/2h' -> 7200."""
    period = rate.split("/")[1]
    unit = {"s": 1, "m": 60, "h": 3600, "d": 86400}[period[-1]]
    return int(period[:-1] or 1) * unit


def limit_writes(request, token):
    """Count per user, not per token: making more tokens must not raise the limit."""
    rate = settings.OPMARS_API_WRITE_RATE
    try:
        limits.check(request, "api_write", rate=rate, key=f"user:{token.user_id}")
    except Ratelimited:
        raise ApiError(
            429,
            [
                field_error(
                    "Authorization",
                    "te_veel_verzoeken",
                    _(
                        "Te veel wijzigingen achter elkaar (hoogstens %(rate)s). "
                        "Wacht even en probeer het dan opnieuw."
                    )
                    % {"rate": rate},
                )
            ],
            {"Retry-After": str(period_seconds(rate))},
        ) from None


class WriteToken(HttpBearer):
    """ninja calls this for every write endpoint; `request.auth` becomes the token."""

    def __call__(self, request):
        # ninja's own answer to a missing token is not in the error shape; ours says what to do.
        token = super().__call__(request)
        if token is None:
            raise missing_token()
        return token

    def authenticate(self, request, token):
        found = active_token(token)
        if found.scope != ApiToken.Scope.WRITE:
            raise ApiError(
                403,
                [
                    field_error(
                        "Authorization",
                        "alleen_lezen",
                        _(
                            "Deze API-sleutel mag alleen lezen. Maak op %(page)s een sleutel "
                            "met schrijfrechten."
                        )
                        % {"page": TOKENS_PAGE},
                    )
                ],
            )
        limit_writes(request, found)
        return found


def token_reader(get_response):
    """Middleware: an API read (GET, HEAD) with a valid bearer token reads as the token's user,
    as the same user's session does, so an editor's token sees its own unlisted collective. An
    unknown or revoked token reads as anonymous, as before; writes check the token themselves
    (WriteToken)."""

    def middleware(request):
        if request.method in ("GET", "HEAD") and request.path.startswith("/api/"):
            scheme, _space, secret = request.headers.get("Authorization", "").partition(" ")
            if scheme.lower() == "bearer" and secret:
                with contextlib.suppress(ApiError):
                    request.user = active_token(secret).user
        return get_response(request)

    return middleware
