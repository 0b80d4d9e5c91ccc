"""Rate limits on expensive anonymous endpoints (django-ratelimit), per client IP or account.

Pages answer a Dutch 429 page, the API the usual error shape (opmars/api/errors.py).
"""

import functools

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited
from django_ratelimit.exceptions import Ratelimited

from opmars.security.clientip import client_ip


def _key(group, request):
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return f"ip:{client_ip(request)}"


def check(request, group, rate=None, key=None):
    """Count this request against the group's limit (OPMARS_RATE_LIMITS[group] unless `rate` is
    given), per `key` if given, else per account or client IP; raise Ratelimited when it is
    exceeded. Every limit of Opmars goes through here."""
    rate = rate or settings.OPMARS_RATE_LIMITS[group]
    if rate in ("", "0"):
        return
    counted_by = (lambda _group, _request: key) if key else _key
    if is_ratelimited(request, group=f"opmars.{group}", key=counted_by, rate=rate, increment=True):
        raise Ratelimited()


def message():
    return _(
        "Te veel verzoeken achter elkaar vanaf jouw adres. Wacht een minuut en probeer het dan "
        "opnieuw. Haal je veel gegevens op? Gebruik dan de open-datadump."
    )


def too_many_page(request):
    return render(request, "429.html", {"message": message()}, status=429)


def limited(group):
    """Decorate a page view: over the limit, the Dutch 429 page instead of the view."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            try:
                check(request, group)
            except Ratelimited:
                return too_many_page(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
