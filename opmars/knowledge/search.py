"""Dutch search in the knowledge library, the same on SQLite (FTS5) and PostgreSQL (GIN).

Follows opmars/registry/search.py and decision 0002: the text is stemmed in Python
(opmars.text.stemmed) once, stored, and indexed by each database's own full-text index.
"""

from django.db import connection
from django.db.models import BooleanField, FloatField, Value
from django.db.models.expressions import RawSQL

from opmars.registry.search import query_stems

TABLE = "knowledge_knowledgeitem"
FTS_TABLE = "knowledge_knowledgeitem_fts"


def apply_search(queryset, q, any_term=False):
    """Items matching every term of q (any term, for suggestions), annotated with `relevance`."""
    stems = query_stems(q)
    if not stems:
        # No searchable word (q="ð", "!!"): no filter, and a relevance all callers can order by.
        return queryset.annotate(relevance=Value(0.0, output_field=FloatField()))
    if connection.vendor == "postgresql":
        expr = (" | " if any_term else " & ").join(f"{s}:*" for s in stems)
        vector = f"{TABLE}.search_vector"
        match = RawSQL(f"{vector} @@ to_tsquery('simple', %s)", [expr], BooleanField())
        rank = RawSQL(f"ts_rank({vector}, to_tsquery('simple', %s))", [expr], FloatField())
        return queryset.filter(match).annotate(relevance=rank)
    expr = (" OR " if any_term else " AND ").join(f'"{s}"*' for s in stems)
    return queryset.extra(
        tables=[FTS_TABLE],
        where=[f"{FTS_TABLE}.rowid = {TABLE}.id", f"{FTS_TABLE} MATCH %s"],
        params=[expr],
        select={"relevance": f"-{FTS_TABLE}.rank"},
    )


SQLITE_SETUP = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    f"search_text, content='{TABLE}', content_rowid='id')",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ai AFTER INSERT ON {TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ad AFTER DELETE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text) "
    f"VALUES ('delete', old.id, old.search_text); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_au AFTER UPDATE OF search_text ON {TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text) "
    f"VALUES ('delete', old.id, old.search_text); "
    f"INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END",
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
]
POSTGRES_SETUP = [
    f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_search_vector_gin ON {TABLE} USING gin (search_vector)",
]


def ensure_search_index(sender=None, using="default", **kwargs):
    """Create the index (and SQLite's sync triggers) after every migrate; idempotent."""
    from django.db import connections

    conn = connections[using]
    setup = POSTGRES_SETUP if conn.vendor == "postgresql" else SQLITE_SETUP
    with conn.cursor() as cursor:
        for statement in setup:
            cursor.execute(statement)
