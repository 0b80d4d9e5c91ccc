"""Reads from PostgreSQL read replicas, writes to the primary (OPMARS_REPLICA_DATABASE_URL).

A request may read from a replica only when the middleware allows it: a safe method (GET, HEAD)
from a client that has not written in the last OPMARS_PRIMARY_PIN_SECONDS. A write request
reads from the primary and leaves a short-lived cookie, so the pages that follow it show the
write even while the replicas lag behind. Everything outside a request (commands, background
tasks) and everything inside a transaction uses the primary.
"""

import contextvars
import random

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

PIN_COOKIE = "opmars_primary"
SAFE = ("GET", "HEAD", "OPTIONS")

# The replica alias this request reads from; None means the primary.
_replica = contextvars.ContextVar("opmars_replica", default=None)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        instance = hints.get("instance")
        if instance is not None and instance._state.db:
            # Related objects of a row come from where that row came from.
            return instance._state.db
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return _replica.get() or DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replicas hold the same rows as the primary

    def allow_migrate(self, db, app_label, **hints):
        return db == DEFAULT_DB_ALIAS


def read_from_replicas(get_response):
    """Middleware: choose this request's database for reads; pin writers to the primary."""

    def middleware(request):
        replicas = settings.OPMARS_READ_REPLICAS
        if not replicas:
            return get_response(request)
        writes = request.method not in SAFE
        use_primary = writes or PIN_COOKIE in request.COOKIES
        token = _replica.set(None if use_primary else random.choice(replicas))
        try:
            response = get_response(request)
        finally:
            _replica.reset(token)
        if writes:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.OPMARS_PRIMARY_PIN_SECONDS,
                secure=request.is_secure(),
                httponly=True,
                samesite="Lax",
            )
        return response

    return middleware
