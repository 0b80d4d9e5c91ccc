"""Many new collectives at once, for the importer: plain executemany inserts instead of the
ORM's per-row SQL building (decision 0033)."""

from django.db import connection
from django.utils import timezone

from opmars.registry.models import Collective

# Field types whose Python values SQLite and PostgreSQL take as they are; every other field
# (dates, foreign keys, ...) goes through Django's own preparation.
PLAIN_TYPES = {"CharField", "TextField", "SlugField", "FloatField", "BooleanField",
               "IntegerField", "PositiveIntegerField", "PositiveSmallIntegerField"}  # fmt: skip


def insert_collectives(collectives):
    """bulk_create without the ORM's SQL building per batch of 24 rows (SQLite's parameter
    limit): one executemany of prepared values; the new ids are read back by slug."""
    fields = [f for f in Collective._meta.concrete_fields if not f.primary_key]
    prepare = [None if f.get_internal_type() in PLAIN_TYPES else f.get_db_prep_save for f in fields]
    attnames = [f.attname for f in fields]
    now = timezone.now()
    rows = []
    for collective in collectives:
        collective.created_at = collective.updated_at = now
        values = [getattr(collective, name) for name in attnames]
        rows.append(
            [v if p is None else p(v, connection) for v, p in zip(values, prepare, strict=True)]
        )
    insert_rows(Collective, [f.column for f in fields], rows)
    ids = dict(
        Collective.objects.filter(slug__in=[c.slug for c in collectives]).values_list("slug", "id")
    )
    for collective in collectives:
        collective.pk = ids[collective.slug]
        collective._state.adding = False
    return collectives


def insert_rows(model, columns, rows):
    """One executemany of plain rows into model's table (no model instances: at 100,000
    collectives and their domains, building those costs more than the insert)."""
    if not rows:
        return
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    table = connection.ops.quote_name(model._meta.db_table)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
