"""Dutch full-text search that behaves the same on SQLite (FTS5) and PostgreSQL (GIN, 'simple').

Both databases index the same stemmed text (opmars.text.stemmed); the query is stemmed the same
way and every term must match as a prefix of an indexed stem.
"""

from contextlib import contextmanager

from django.db import connection
from django.db.models import BooleanField, FloatField
from django.db.models.expressions import RawSQL

from opmars.text import stem, tokens

FTS_TABLE = "registry_collective_fts"


def query_stems(q: str) -> list[str]:
    return [stem(t) for t in tokens(q)][:12]


def apply_search(queryset, q: str):
    """Filter to collectives matching every term of q; annotate `relevance` (higher = better)."""
    stems = query_stems(q)
    if not stems:
        return queryset
    if connection.vendor == "postgresql":
        expr = " & ".join(f"{s}:*" for s in stems)
        vector = "registry_collective.search_vector"
        match = RawSQL(f"{vector} @@ to_tsquery('simple', %s)", [expr], BooleanField())
        rank = RawSQL(f"ts_rank({vector}, to_tsquery('simple', %s))", [expr], FloatField())
        return queryset.filter(match).annotate(relevance=rank)
    expr = " AND ".join(f'"{s}"*' for s in stems)
    # A join, not a subquery per row: FTS5's rank is only cheap inside the MATCH that found it.
    # bm25 is lower for better matches; negate it so that higher is better on both databases.
    return queryset.extra(
        tables=[FTS_TABLE],
        where=[f"{FTS_TABLE}.rowid = registry_collective.id", f"{FTS_TABLE} MATCH %s"],
        params=[expr],
        select={"relevance": f"-{FTS_TABLE}.rank"},
    )


def newest_first(queryset):
    """The matches of apply_search, the most recently added first, in the order the full-text
    index holds them: the first page of a search that matches half the country is read without
    ranking every match (decision 0065)."""
    if connection.vendor == "postgresql":
        return queryset.order_by("-id")
    return queryset.extra(order_by=[f"-{FTS_TABLE}.rowid"])


SQLITE_INSERT_TRIGGER = (
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ai AFTER INSERT ON registry_collective BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END"
)
SQLITE_SETUP = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    f"search_text, content='registry_collective', content_rowid='id')",
    SQLITE_INSERT_TRIGGER,
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ad AFTER DELETE ON registry_collective BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text) "
    f"VALUES ('delete', old.id, old.search_text); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_au AFTER UPDATE OF search_text "
    f"ON registry_collective BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text) "
    f"VALUES ('delete', old.id, old.search_text); "
    f"INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END",
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
]
# A stored vector: ts_rank then reads it instead of parsing the text of every matching row.
# Django does not know this column; only this module reads it.
POSTGRES_SETUP = [
    "ALTER TABLE registry_collective ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED",
    "DROP INDEX IF EXISTS registry_collective_search_gin",
    "CREATE INDEX IF NOT EXISTS registry_collective_search_vector_gin ON registry_collective "
    "USING gin (search_vector)",
]


def ensure_search_index(sender=None, using="default", **kwargs):
    """Create the full-text index (and SQLite's sync triggers) if missing; idempotent."""
    from django.db import connections

    connection = connections[using]
    setup = POSTGRES_SETUP if connection.vendor == "postgresql" else SQLITE_SETUP
    with connection.cursor() as cursor:
        for statement in setup:
            cursor.execute(statement)


@contextmanager
def indexed_afterwards():
    """For bulk inserts of collectives inside a transaction: on SQLite the row-by-row insert
    trigger is set aside and the new rows are indexed in one statement at the end, several times
    cheaper. DDL is transactional in SQLite, so a rollback puts the trigger back as well."""
    if connection.vendor != "sqlite":  # PostgreSQL's column is generated; nothing to defer
        yield
        return
    assert connection.in_atomic_block, "only inside the bulk write's transaction"
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM registry_collective")
        (before,) = cursor.fetchone()
        cursor.execute(f"DROP TRIGGER IF EXISTS {FTS_TABLE}_ai")
        yield
        cursor.execute(
            f"INSERT INTO {FTS_TABLE}(rowid, search_text) "
            "SELECT id, search_text FROM registry_collective WHERE id > %s",
            [before],
        )
        cursor.execute(SQLITE_INSERT_TRIGGER)
