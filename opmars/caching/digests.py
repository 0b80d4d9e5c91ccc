"""Content digests (decision 0066): whether a cached answer about one record still shows what the
data hold, read in one statement instead of making the answer again.

A write that does not say what it changed (UNNAMED) renews every cached answer, though nearly
all of them still show exactly what a new computation would. An answer that declares its
content (`caching.http.depends_on(..., content=...)`) is stored with a digest of every row it
was made from; when its scopes say it may be outdated, the digest is read again and, if it is
the same, the stored answer is served as the one a computation would give now.

A content is a named list of `Rows`: a model's table, joined and filtered to the rows of one
record by SQL that takes the record's key as its only parameter. All columns of those rows go
into the digest (each written as its length and text, NULL apart), so a change to any of them
changes it; rows that the answer does not show only make it change more often. The digest also
holds the code and settings of this installation, since an answer depends on them too.
"""

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections, router


@dataclass(frozen=True)
class Rows:
    """The rows of `model` that one record's answer reads: `joins` (SQL naming the model's table
    as `alias`) and `where`, in which %s is the record's key."""

    model: type
    alias: str
    where: str
    joins: str = ""


_contents: dict[str, tuple[Rows, ...]] = {}


def define(name: str, *rows: Rows) -> None:
    """Name the rows an answer about one record is made from (see Rows)."""
    _contents[name] = rows


def tables(name: str) -> set[str]:
    """The tables a content reads (a test checks that they cover what the answers read)."""
    return {part.model._meta.db_table for part in _contents[name]}


def digest(name: str, key) -> str:
    """The digest of the rows of content `name` for the record `key`, read in one statement
    (one snapshot of the data), with this installation's code and settings."""
    rows = _contents[name]
    connection = connections[router.db_for_read(rows[0].model)]
    with connection.cursor() as cursor:
        cursor.execute(_statement(name, connection.alias), [key] * len(rows))
        found = cursor.fetchall()
    seed = hashlib.blake2b(_installation().encode(), digest_size=16)
    for part, text in found:
        seed.update(f"{part}:{len(text)}:{text};".encode())
    return seed.hexdigest()


@functools.cache
def _statement(name, alias):
    """One SELECT per Rows, each giving its position and the row as text, in one UNION ALL:
    on both databases a single statement sees one state of the data."""
    connection = connections[alias]
    branches = [
        f"SELECT {position} AS part, {_row_text(part, connection)} AS row_text "
        f"FROM {connection.ops.quote_name(part.model._meta.db_table)} {part.alias} "
        f"{part.joins} WHERE {part.where}"
        for position, part in enumerate(_contents[name])
    ]
    return " UNION ALL ".join(branches) + " ORDER BY 1, 2"


def _row_text(part, connection):
    """Every column of the row as text: its length, a colon and the text, or N for NULL, so
    that no two different rows give the same text."""
    columns = []
    for field in part.model._meta.concrete_fields:
        value = f"CAST({part.alias}.{connection.ops.quote_name(field.column)} AS TEXT)"
        columns.append(f"COALESCE(CAST(LENGTH({value}) AS TEXT) || ':' || {value}, 'N')")
    return " || ',' || ".join(columns)


@functools.cache
def _installation() -> str:
    """What besides the data an answer is made from: the code, templates, translations and
    reference files of this package (by name, size and time) and the settings it reads."""
    package = Path(__file__).resolve().parent.parent
    files = sorted(
        f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}"
        for path in package.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
        for stat in [path.stat()]
    )
    own_settings = sorted(
        (name, repr(getattr(settings, name)))
        for name in dir(settings)
        if name.startswith(("OPMARS_", "DEMO_", "LANGUAGE", "STATIC", "USE_"))
    )
    return hashlib.blake2b(repr((files, own_settings)).encode()).hexdigest()
