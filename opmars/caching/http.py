"""HTTP caching of the public JSON API: validators from the data generation, answers cached.

For an anonymous GET the ETag and Last-Modified come from the data generation (one primary-key
lookup), so a matching If-None-Match or If-Modified-Since is answered 304 before the view runs.
A full answer is kept in the cache under the same generation, so repeated requests do not
recompute it. Logged-in users and API clients that authenticate may see other data (their drafts,
later their roles): their answers are neither validated nor cached (`private, no-store`).
"""

import calendar
import datetime
import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from opmars.caching import generation, store

API_PREFIX = "/api/v1/"
# Not data: the outlines carry their own ETag and a long max-age; the schema and its docs change
# only with the code.
NOT_DATA = ("/api/v1/outlines/", "/api/v1/openapi.json", "/api/v1/docs")
SAFE = ("GET", "HEAD")
# Larger answers (whole exports) are rebuilt rather than copied through the cache.
MAX_CACHED_BYTES = 2_000_000
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def api_http_cache(get_response):
    def middleware(request):
        if request.method not in SAFE or not _handled(request.path):
            return get_response(request)
        if _personal(request):
            response = get_response(request)
            patch_cache_control(response, private=True, no_store=True)
            return response
        with generation.pinned() as current:
            return _public(request, current, get_response)

    return middleware


def _handled(path):
    return path.startswith(API_PREFIX) and not path.startswith(NOT_DATA)


def _personal(request):
    return "Authorization" in request.headers or request.user.is_authenticated


def _public(request, current, get_response):
    etag, last_modified = validators(request, current)
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = _cached_answer(request, get_response)
    if response.status_code in (200, 304):
        response.headers["ETag"] = etag
        response.headers["Last-Modified"] = http_date(last_modified)
        patch_cache_control(
            response, public=True, max_age=settings.OPMARS_HTTP_MAX_AGE, must_revalidate=True
        )
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


def _cached_answer(request, get_response):
    gzip = bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))
    cache_key = store.key("api", request.method, request.get_full_path(), gzip)
    response = cache.get(cache_key)
    if response is None:
        response = get_response(request)
        if _storable(response):
            cache.set(cache_key, response, store.TIMEOUT)
    return response


def _storable(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and len(response.content) <= MAX_CACHED_BYTES
    )
