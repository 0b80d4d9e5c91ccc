"""HTTP caching of public answers (the JSON API and the HTML pages): validators from the data
generation, whole answers cached with it.

For an anonymous GET the ETag and Last-Modified come from the generation of the answer it will
get, so a matching If-None-Match or If-Modified-Since is answered 304 before any view runs. A
full answer is kept in the cache with its generation, so repeated requests do not recompute it
(decision 0034 for pages). After a write, an answer of an older generation is still served to
anonymous visitors while it is younger than OPMARS_CACHE_STALE_SECONDS (decision 0035).
Logged-in users and API clients that authenticate may see other data (their drafts, their
roles): their answers are neither validated nor cached; API answers to them say `private,
no-store`.

A view whose answer shows one collective and nothing of others says so (`depends_on`): its
cached answer and validators then follow that collective's scope (generation.py), so a write to
another collective leaves it valid (decision 0056). One that shows one area alone follows that
area's scope: a write to a collective elsewhere leaves it valid (decision 0057). One that lists
collectives follows the listing (of its areas): a write about a collective's figures alone leaves
it valid (decision 0059). When an answer
is missing or too old, one request computes it while the others wait for it (or, within the
allowed lag, get the old one).

A page is stored only when it holds nothing of one visitor: no cookie set, no CSRF token used
(forms that post carry one; the language switch does not), no pending messages. Its CSP nonce is
swapped for a fresh one each time it is served.
"""

import calendar
import datetime
import hashlib
import random
import re
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from opmars.caching import digests, generation, store

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
# How long one request may take to compute a new answer while others get the old one or wait.
REFRESH_SECONDS = 30
REFRESHING = ":refreshing"
# How often the others look whether it is there, when there is no old one to give them.
WAIT_STEP_SECONDS = 0.02


def depends_on(request, *scopes, content=None):
    """This answer shows the data of these scopes only (besides what writes that name no scope
    change): its cached copy stays valid through writes elsewhere. `content`: (name, key) of
    the rows it is made from (digests.define), by which a copy that a write may have outdated
    is checked before it is made again (decision 0066)."""
    request.opmars_scopes = tuple(sorted({*scopes, generation.UNNAMED}))
    request.opmars_content = content


def shows_collective(request, pk, content=None):
    """This answer shows one collective (and no other): see depends_on."""
    depends_on(request, generation.collective_scope(pk), content=content)


def shows_area(request, area):
    """This answer shows one municipality, province or network (monitor.metrics.Area) and
    nothing of the rest of the country: see depends_on. A national or per-kind answer shows
    the whole country and follows every write."""
    if area.scope in generation.AREA_KINDS:
        depends_on(request, generation.area_scope(area.scope, area.code), generation.AREAS)


def shows_listing(request, listing_scopes):
    """This answer lists collectives — what lists show of them, not their figures — of the
    areas of these listing scopes (generation.listing_scope), or of the whole country when none
    is named: a write about a collective's figures alone leaves it valid (decision 0059). AREAS
    too: a write that cannot name the areas it touched renews every list."""
    depends_on(request, *(listing_scopes or [generation.LISTING]), generation.AREAS)


def data_changed_at(request):
    """When the data this answer shows last changed: its scopes', else the whole site's."""
    scopes = getattr(request, "opmars_scopes", None)
    version = generation.scope_version(scopes) if scopes else generation.current()
    return version.changed_at


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
    variant = _variant(request, kind)
    cache_key = store.language_key(kind, *variant)
    entry, refreshing = _entry_to_serve(cache_key, current)
    try:
        etag, last_modified = validators(
            request, entry["generation"] if entry else current, variant
        )
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        shared = True  # a 304 or a cached copy: validators only ever went out with shared copies
        if response is None and entry is not None:
            response = _with_fresh_nonce(request, entry["response"])
        elif response is None:
            response, version = _computed(request, current, get_response, kind, cache_key)
            shared = version is not None
            if shared and version != current:
                etag, last_modified = validators(request, version, variant)
    finally:
        if refreshing:
            cache.delete(cache_key + REFRESHING)
    # Validators only on what every anonymous visitor gets alike. Not on a page with a form
    # (a 304 would keep a CSRF token of an old secret), nor with a CSP nonce (the browser would
    # keep its old copy, whose nonce the new policy header no longer names, and drop its styles).
    if response.status_code in (200, 304) and shared and _used_nonce(request) is None:
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


def _entry_to_serve(cache_key, current):
    """(the cached entry to serve or None, whether this request computes it). When the entry
    is missing or too old, one request at a time computes it while the others wait for it —
    or, within the allowed lag, get the old one meanwhile. A waiter whose generation the new
    entry does not reach (a write came in since it was begun) takes its turn next."""
    deadline = time.monotonic() + REFRESH_SECONDS
    entry = cache.get(cache_key)
    while True:
        usable = _usable(entry, current, cache_key)
        if usable:
            return usable, False
        if cache.add(cache_key + REFRESHING, True, REFRESH_SECONDS):
            # The one computing it before may have stored it and let go just now.
            entry = cache.get(cache_key)
            usable = _usable(entry, current, cache_key)
            if usable:
                cache.delete(cache_key + REFRESHING)
                return usable, False
            return None, True
        if entry is not None and settings.OPMARS_CACHE_STALE_SECONDS:
            return entry, False
        if time.monotonic() >= deadline:  # the one computing it is gone: compute it too
            return None, False
        time.sleep(WAIT_STEP_SECONDS)
        entry = cache.get(cache_key)


def _computed(request, current, get_response, kind, cache_key):
    """(the view's response, the version of the data it was stored for, or None when it was
    not stored to be shared)."""
    response = get_response(request)
    if not _storable(request, response, kind):
        # Nothing older may stand in for it either: a page that is now gone (404) or private
        # must not be served from a stale copy meanwhile.
        cache.delete(cache_key)
        return response, None
    # Usable after a write for half to all of the allowed lag, at random: answers made together
    # (after a restart, a write) are then not all computed again together.
    lag = settings.OPMARS_CACHE_STALE_SECONDS * random.uniform(0.5, 1)
    scopes, version, content = _scoped_version(request, current)
    stored = {"generation": version, "scopes": scopes, "seen": current.token, "content": content}
    stored["until"] = time.time() + lag
    stored["response"] = _without_nonce(request, response)
    cache.set(cache_key, stored, store.TIMEOUT)
    return response, version


def _scoped_version(request, current):
    """(the scopes of the answer just made, or None, the version of the data it shows, and its
    content with the digest of its rows, or None). The scopes' versions and the digest are read
    after the view read the data, so they count only if no write came in since the request
    began: else the answer belongs to its generation alone."""
    scopes = getattr(request, "opmars_scopes", None)
    if not scopes:
        return None, current, None
    version = generation.scope_version(scopes)
    content = getattr(request, "opmars_content", None)
    if content:
        content = (*content, digests.digest(*content))
    if generation.unpinned().token != current.token:
        return None, current, None
    return scopes, version, content


def _variant(request, kind):
    """What tells two answers to the same path apart, besides the language: the raw query
    string (two spellings that decode differently stay apart), host and scheme (absolute links
    in the answer), gzip, the date (some answers count from today) and, for pages, htmx's
    headers (a fragment or the whole page)."""
    gzip = bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))
    varies = [request.headers.get(name, "") for name in PAGE_VARIES_ON] if kind == "page" else []
    return (
        request.method,
        request.path,
        request.META.get("QUERY_STRING", ""),
        request.scheme,
        request.get_host(),
        gzip,
        timezone.localdate().isoformat(),
        *varies,
    )


def _usable(entry, current, cache_key):
    """The entry to serve, or None: an answer of the current generation (for a scoped answer:
    of its scopes' current version, or made from the same rows as now), or one made less than
    OPMARS_CACHE_STALE_SECONDS ago (decision 0035): under a steady stream of writes, each
    answer is then computed at most about once per that period instead of after every write."""
    if entry is None:
        return None
    # .get: entries cached by an older version of this code lack the scope keys.
    if entry.get("seen") == current.token or time.time() < entry["until"]:
        return entry
    if not entry.get("scopes"):
        return None
    version = generation.scope_version(entry["scopes"])
    if version != entry["generation"] and not _same_content(entry.get("content")):
        return None
    # Still right in this generation: the scopes (or the rows) were read after it began. Said
    # in the entry, so that the next requests of this generation need not read them again.
    entry = {**entry, "generation": version, "seen": current.token}
    cache.set(cache_key, entry, store.TIMEOUT)
    return entry


def _same_content(content):
    """Whether the rows an answer was made from are as they were then (decision 0066): read
    after the scopes' version, so that a write in between outdates that version again."""
    if not content:
        return False
    *named, made_from = content
    return digests.digest(*named) == made_from


def validators(request, current, variant):
    """(weak ETag, Last-Modified as a Unix time) of an answer of this generation and variant.
    Both also change at midnight, because some answers count from today (the last complete
    year, ages). A deploy runs `migrate`, which bumps the generation, so new code does not meet
    validators of the old."""
    today = timezone.localdate()
    seed = f"{current.token}|{request.LANGUAGE_CODE}|{variant!r}"
    etag = 'W/"' + hashlib.blake2b(seed.encode(), digest_size=12).hexdigest() + '"'
    midnight = timezone.make_aware(datetime.datetime.combine(today, datetime.time()))
    changed = max(current.changed_at, midnight)
    return etag, calendar.timegm(changed.utctimetuple())


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
