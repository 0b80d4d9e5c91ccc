"""Many new rows at once, for the importer: plain executemany inserts instead of the ORM's
per-row SQL building (decision 0033)."""

from django.db import connection
from django.utils import timezone

from opmars.registry.models import Collective

# Field types whose Python values SQLite and PostgreSQL take as they are; every other field
# (dates, foreign keys, ...) goes through Django's own preparation.
PLAIN_TYPES = {"CharField", "TextField", "SlugField", "FloatField", "BooleanField",
               "IntegerField", "PositiveIntegerField", "PositiveSmallIntegerField",
               "BigIntegerField", "AutoField", "BigAutoField"}  # fmt: skip


def _plain(field):
    """Whether the field's Python value goes in as it is: a plain type, or a foreign key to one
    (its attname holds the other row's id)."""
    target = field.target_field if field.is_relation else field
    return target.get_internal_type() in PLAIN_TYPES


def insert_collectives(collectives):
    """bulk_create without the ORM's SQL building per batch of 24 rows (SQLite's parameter
    limit): one executemany of prepared values; the new ids are read back by slug."""
    now = timezone.now()
    for collective in collectives:
        collective.created_at = collective.updated_at = now
    insert_objects(Collective, collectives)
    ids = dict(
        Collective.objects.filter(slug__in=[c.slug for c in collectives]).values_list("slug", "id")
    )
    for collective in collectives:
        collective.pk = ids[collective.slug]
        collective._state.adding = False
    return collectives


def insert_objects(model, objects):
    """Unsaved instances of `model` inserted as bulk_create would (no save(), no signals), in one
    executemany of values prepared once per field instead of SQL built per small batch: at
    100,000 records an import's life events took most of the 29 s that bulk_create spent on
    them and their periods. Their ids are not read back."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    prepare = [None if _plain(f) else f.get_db_prep_save for f in fields]
    attnames = [f.attname for f in fields]
    rows = [
        [
            value if prep is None else prep(value, connection)
            for value, prep in zip((getattr(o, name) for name in attnames), prepare, strict=True)
        ]
        for o in objects
    ]
    insert_rows(model, [f.column for f in fields], rows)


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
