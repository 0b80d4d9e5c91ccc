"""Rate limits on expensive anonymous endpoints (django-ratelimit), per client IP or account.

Pages answer a Dutch 429 page, the API the usual error shape (opmars/api/errors.py).
"""

import functools
from collections.abc import Callable, Collection
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import ngettext
from django_ratelimit.core import get_usage
from django_ratelimit.exceptions import Ratelimited

from opmars.common.clientip import client_ip


def _key(group: str, request: HttpRequest) -> str:
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return f"ip:{client_ip(request)}"


def _ip_key(group: str, request: HttpRequest) -> str:
    return f"ip:{client_ip(request)}"


def _limited(
    request: HttpRequest,
    group: str,
    rate: str | None,
    key: str | None,
    per_ip: bool,
    increment: bool,
) -> bool:
    """Counting (increment): whether this request went over the limit. Looking only: whether
    the limit is already used up, so that the next request would be over it."""
    rate = rate or settings.OPMARS_RATE_LIMITS[group]
    if rate in ("", "0"):
        return False
    counted_by = (lambda _group, _request: key) if key else (_ip_key if per_ip else _key)
    usage = get_usage(
        request, group=f"opmars.{group}", key=counted_by, rate=rate, increment=increment
    )
    if usage is None:
        return False
    over = usage["should_limit"] if increment else usage["count"] >= usage["limit"]
    if over:
        # The answer tells when the window ends (Retry-After), read by too_many_page and the API.
        request.opmars_retry_after = max(1, usage["time_left"])  # type: ignore[attr-defined]
    return over


def check(
    request: HttpRequest,
    group: str,
    rate: str | None = None,
    key: str | None = None,
    per_ip: bool = False,
) -> None:
    """Count this request against the group's limit (OPMARS_RATE_LIMITS[group] unless `rate` is
    given), per `key` if given, else per client IP with `per_ip` (across accounts, against
    spraying), else per account or client IP; raise Ratelimited when it is exceeded. Every
    limit of Opmars goes through here."""
    if _limited(request, group, rate, key, per_ip, increment=True):
        raise Ratelimited()


def exceeded(request: HttpRequest, group: str, per_ip: bool = False) -> bool:
    """Whether the group's limit is already reached, without counting this request (for limits
    on failures, counted with check() only when one happens)."""
    return _limited(request, group, None, None, per_ip, increment=False)


def retry_after(request: HttpRequest) -> int:
    """Seconds until the limit that stopped this request lets it through again."""
    return getattr(request, "opmars_retry_after", 60)


def message(request: HttpRequest) -> str:
    minutes = max(1, round(retry_after(request) / 60))
    return ngettext(
        "Te veel verzoeken achter elkaar vanaf jouw adres. Wacht een minuut en probeer het dan "
        "opnieuw. Haal je veel gegevens op? Gebruik dan de open-datadump.",
        "Te veel verzoeken achter elkaar vanaf jouw adres. Wacht %(minutes)s minuten en probeer "
        "het dan opnieuw. Haal je veel gegevens op? Gebruik dan de open-datadump.",
        minutes,
    ) % {"minutes": minutes}


def with_retry_after(response: HttpResponse, request: HttpRequest) -> HttpResponse:
    response["Retry-After"] = str(retry_after(request))
    return response


def too_many_page(request: HttpRequest) -> HttpResponse:
    page = render(request, "429.html", {"message": message(request)}, status=429)
    return with_retry_after(page, request)


def limited(
    group: str, methods: Collection[str] | None = None, per_ip: bool = False
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a page view: over the limit, the Dutch 429 page instead of the view. With
    `methods`, only requests of those methods count (e.g. the POST that sends a mail)."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            try:
                if methods is None or request.method in methods:
                    check(request, group, per_ip=per_ip)
            except Ratelimited:
                return too_many_page(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
