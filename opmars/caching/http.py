"""HTTP caching of public answers (the JSON API and the HTML pages): validators from the data
generation, whole answers cached under it.

For an anonymous GET the ETag and Last-Modified come from the data generation (one primary-key
lookup), so a matching If-None-Match or If-Modified-Since is answered 304 before the view runs.
A full answer is kept in the cache under the same generation, so repeated requests do not
recompute it (decision 0034 for pages). Logged-in users and API clients that authenticate may see
other data (their drafts, their roles): their answers are neither validated nor cached; API answers
to them say `private, no-store`.

A page is stored only when it holds nothing of one visitor: no cookie set, no CSRF token used
(forms that post carry one; the language switch does not), no pending messages. Its CSP nonce is
swapped for a fresh one each time it is served.
"""

import calendar
import datetime
import hashlib
import re

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from opmars.caching import generation, store

API_PREFIX = "/api/v1/"
# Not data: the outlines carry their own ETag and a long max-age; the schema and its docs change
# only with the code.
NOT_DATA = ("/api/v1/outlines/", "/api/v1/openapi.json", "/api/v1/docs")
# Pages that are about one visitor, or that write: never served from the shared cache.
NOT_PUBLIC_PAGES = ("/account/", "/beheer/", "/i18n/", "/import/", "/static/")
SAFE = ("GET", "HEAD")
# Larger answers (whole exports) are rebuilt rather than copied through the cache.
MAX_CACHED_BYTES = 2_000_000
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# Request headers that change what a page holds (htmx asks for a fragment of it).
PAGE_VARIES_ON = ("HX-Request", "HX-History-Restore-Request")
NONCE_PLACEHOLDER = b"opmars-csp-nonce-placeholder"


def public_http_cache(get_response):
    def middleware(request):
        kind = _kind(request)
        if kind is None:
            return get_response(request)
        if _personal(request):
            response = get_response(request)
            if kind == "api":
                patch_cache_control(response, private=True, no_store=True)
            return response
        with generation.pinned() as current:
            return _public(request, current, get_response, kind)

    return middleware


def _kind(request):
    """ "api", "page" or None (not cached) for this request."""
    path = request.path
    if path.startswith(API_PREFIX):
        return "api" if request.method in SAFE and not path.startswith(NOT_DATA) else None
    if request.method != "GET" or path.startswith(NOT_PUBLIC_PAGES):
        return None
    # A message waiting for this visitor (after a form, a logout) belongs on their next page.
    return None if CookieStorage.cookie_name in request.COOKIES else "page"


def _personal(request):
    return "Authorization" in request.headers or request.user.is_authenticated


def _public(request, current, get_response, kind):
    etag, last_modified = validators(request, current)
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = _cached_answer(request, get_response, kind)
    if response.status_code in (200, 304):
        response.headers["ETag"] = etag
        response.headers["Last-Modified"] = http_date(last_modified)
        if kind == "api":
            patch_cache_control(
                response, public=True, max_age=settings.OPMARS_HTTP_MAX_AGE, must_revalidate=True
            )
        else:  # a page depends on the language cookie and the login: the browser asks again
            patch_cache_control(response, no_cache=True)
        patch_vary_headers(response, ["Accept-Encoding"])
    return response


def validators(request, current):
    """(weak ETag, Last-Modified as a Unix time). Both also change at midnight, because some
    answers count from today (the last complete year, ages). A deploy runs `migrate`, which
    bumps the generation, so new code does not meet validators of the old."""
    today = timezone.localdate()
    seed = f"{current.token}|{today.isoformat()}|{request.LANGUAGE_CODE}"
    etag = 'W/"' + hashlib.blake2b(seed.encode(), digest_size=12).hexdigest() + '"'
    midnight = timezone.make_aware(datetime.datetime.combine(today, datetime.time()))
    changed = max(current.changed_at, midnight)
    return etag, calendar.timegm(changed.utctimetuple())


def _cached_answer(request, get_response, kind):
    gzip = bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))
    varies = [request.headers.get(name, "") for name in PAGE_VARIES_ON] if kind == "page" else []
    # The date too: some answers count from today (ages, the last complete year).
    today = timezone.localdate()
    cache_key = store.key(kind, request.method, request.get_full_path(), gzip, today, *varies)
    stored = cache.get(cache_key)
    if stored is not None:
        return _with_fresh_nonce(request, stored)
    response = get_response(request)
    if _storable(request, response, kind):
        cache.set(cache_key, _without_nonce(request, response), store.TIMEOUT)
    return response


def _storable(request, response, kind):
    shared = (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and len(response.content) <= MAX_CACHED_BYTES
    )
    # A page that rendered a CSRF token (a form that posts) is for one visitor only.
    return shared and (kind == "api" or not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


def _without_nonce(request, response):
    """The response to store: its CSP nonce (if the page used one) replaced by a placeholder.
    The cache pickles it, so the live response is left as it is."""
    nonce = _used_nonce(request)
    if nonce is None:
        return response
    stored = _copy(response, response.content.replace(nonce.encode(), NONCE_PLACEHOLDER))
    stored.opmars_has_nonce = True
    return stored


def _with_fresh_nonce(request, stored):
    if not getattr(stored, "opmars_has_nonce", False):
        return stored
    # Reading the nonce makes django-csp put it in this response's policy header.
    return _copy(stored, stored.content.replace(NONCE_PLACEHOLDER, str(request.csp_nonce).encode()))


def _used_nonce(request):
    nonce = getattr(request, "csp_nonce", None)
    return str(nonce) if nonce else None


def _copy(response, content):
    copy = response.__class__(content, status=response.status_code)
    for name, value in response.headers.items():
        copy.headers[name] = value
    return copy
