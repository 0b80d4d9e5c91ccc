"""Values computed from the data, cached under the data generation (see generation.py).

A key holds the generation token and the active language (cached values may hold translated
text), so a write or a language switch never meets an old value. Old generations are never
deleted: they age out by TIMEOUT (and LRU eviction), unreachable in the meantime.
"""

import hashlib

from django.core.cache import cache
from django.utils.translation import get_language

from opmars.caching import generation

TIMEOUT = 3600
_MISSING = object()


def key(name, *parts):
    return f"opmars:{generation.current().token}:{language_key(name, *parts)}"


def language_key(name, *parts):
    """A key for name and parts in the active language, whatever the generation: for values
    that carry their own generation (whole HTTP answers, opmars/caching/http.py)."""
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()
    return f"{get_language() or '-'}:{name}:{digest}"


def cached(name, *parts, compute):
    """compute() once per generation, language, name and parts."""
    cache_key = key(name, *parts)
    value = cache.get(cache_key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(cache_key, value, TIMEOUT)
    return value
