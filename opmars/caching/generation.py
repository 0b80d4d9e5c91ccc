"""The data generation: which state of the data a cached value or an HTTP validator belongs to.

Every write bumps it: `accounts.audit.record` (which every service function calls), the bulk
paths that bypass it (demo data, reference data), admin edits and `migrate`. Reading it is one
primary-key lookup; a request pins the value it read, so its figures and its ETag agree.

Each write also bumps the version of the scopes it names: the collective it was about, or
UNNAMED when it does not say (which is every write past the service functions). An answer that
shows one collective and nothing of other collectives depends on that collective's scope and
UNNAMED only, and stays valid through writes to other collectives (decision 0056). A write about
a collective also names the areas it is in, and was in before (registry/scopes.py): an answer
about one area alone depends on that area's scope, AREAS and UNNAMED (decision 0057). A write
that changes what lists of collectives show also bumps LISTING and the listing scope of each
area; one that changes a collective's figures alone does not, and the directory, the API's list
and the map stay valid through it (decision 0059).
"""

import contextlib
import contextvars
import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.db import connections, router
from django.db.models import F
from django.utils import timezone

from opmars.caching.models import DataGeneration, ScopeVersion

ROW = 1
# The scope of every write that does not name its own: all scoped answers depend on it.
UNNAMED = "unnamed"
# Writes that name their collectives but not the areas they left (a merge's deleted record):
# every answer about an area depends on it.
AREAS = "areas"
# The kinds of area an answer can be about alone (a municipality's statistics, its embed).
AREA_KINDS = ("municipality", "province", "network")
# Writes that change what a list of collectives shows (a record, its domains, its seat, its
# networks), as against one's figures alone (yearly facts, impact reports): the directory, the
# API's list and the map depend on it, or on an area's listing_scope when filtered to that area.
LISTING = "listing"
# Before the first write (an empty or just flushed database) there is no row yet.
NEVER = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
NO_ROW_TOKEN = "0"


@dataclass(frozen=True)
class Generation:
    token: str
    changed_at: datetime.datetime


_pinned = contextvars.ContextVar("opmars_generation", default=None)


def current() -> Generation:
    pinned = _pinned.get()
    return pinned if pinned is not None else _read()


def unpinned() -> Generation:
    """The generation in the database now, whatever this request pinned."""
    return _read()


def _read():
    row = DataGeneration.objects.filter(pk=ROW).values_list("token", "changed_at").first()
    return Generation(*row) if row else Generation(NO_ROW_TOKEN, NEVER)


@contextlib.contextmanager
def pinned():
    """Within the block, current() asks the database once."""
    token = _pinned.set(current())
    try:
        yield _pinned.get()
    finally:
        _pinned.reset(token)


def collective_scope(pk: int) -> str:
    return f"collective:{pk}"


def area_scope(kind: str, code: str) -> str:
    """A municipality's or province's CBS code, a network's slug."""
    assert kind in AREA_KINDS, kind
    return f"{kind}:{code}"


def listing_scope(scope: str) -> str:
    """The part of an area's scope that its lists of collectives show (decision 0059)."""
    return f"{LISTING}:{scope}"


def scope_version(scopes) -> Generation:
    """The version of the data in these scopes: a token that changes with any of theirs, and
    when the last of them changed."""
    rows = dict.fromkeys(scopes, (NO_ROW_TOKEN, NEVER))
    found = ScopeVersion.objects.filter(scope__in=list(rows))
    rows.update((row[0], row[1:]) for row in found.values_list("scope", "token", "changed_at"))
    seed = "|".join(f"{scope}={rows[scope][0]}" for scope in sorted(rows))
    token = hashlib.blake2b(seed.encode(), digest_size=8).hexdigest()
    return Generation(token, max(at for _token, at in rows.values()))


def bump_scopes(scopes, using=None, fresh=None) -> None:
    """New versions of these scopes, in the caller's transaction."""
    fresh = fresh or Generation(secrets.token_hex(8), timezone.now())
    rows = [
        ScopeVersion(scope=scope, token=fresh.token, changed_at=fresh.changed_at)
        for scope in sorted(set(scopes))
    ]
    ScopeVersion.objects.using(using or router.db_for_write(ScopeVersion)).bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["scope"],
        update_fields=["token", "changed_at"],
        batch_size=1000,
    )


def bump(using=None, scopes=(UNNAMED,), at=None):
    """A new generation, in the caller's transaction: it becomes visible with the write itself,
    and a rolled-back write leaves the old generation (whose cached values are still right).
    `scopes`: the parts of the data the write changed; by default, it does not say. `at`: when
    the write happened, if its record already says (an audit event's time)."""
    using = using or router.db_for_write(DataGeneration)
    fresh = Generation(secrets.token_hex(8), at or timezone.now())
    rows = DataGeneration.objects.using(using)
    # One UPDATE keeps the token it replaces: concurrent writers cannot interleave the two.
    replaced = rows.filter(pk=ROW).update(
        previous_token=F("token"), token=fresh.token, changed_at=fresh.changed_at
    )
    if not replaced:
        first = DataGeneration(
            pk=ROW, token=fresh.token, changed_at=fresh.changed_at, previous_token=NO_ROW_TOKEN
        )
        rows.bulk_create([first], ignore_conflicts=True)
    bump_scopes(scopes, using, fresh)
    if _pinned.get() is not None:
        _pinned.set(fresh)
    return fresh


def bump_chained(scopes=(UNNAMED,), using=None, at=None):
    """bump(), and the token it replaced: (previous token, new generation)."""
    fresh = bump(using=using, scopes=scopes, at=at)
    rows = DataGeneration.objects.using(using or router.db_for_write(DataGeneration))
    previous = rows.filter(pk=ROW).values_list("previous_token", flat=True).first()
    return previous or NO_ROW_TOKEN, fresh


def bump_if_installed(using):
    """bump() after `migrate`, unless the table is not there yet (a partial migrate)."""
    tables = connections[using].introspection.table_names()
    if {DataGeneration._meta.db_table, ScopeVersion._meta.db_table} <= set(tables):
        bump(using=using)
