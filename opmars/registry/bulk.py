"""Many new rows at once, for the importer: plain executemany inserts instead of the ORM's
per-row SQL building (decision 0033)."""

from django.db import connection
from django.db.models.base import ModelState
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
    ids = _ids_by_slug([c.slug for c in collectives])
    for collective in collectives:
        collective.pk = ids[collective.slug]
        collective._state.adding = False
    return collectives


def _ids_by_slug(slugs):
    """{slug: id}, read in plain SQL: the ORM prepared each of a batch's thousands of slugs
    through the field, which cost as much as inserting the records."""
    table = connection.ops.quote_name(Collective._meta.db_table)
    ids = {}
    with connection.cursor() as cursor:
        for start in range(0, len(slugs), 900):  # under SQLite's limit of variables
            chunk = slugs[start : start + 900]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"SELECT slug, id FROM {table} WHERE slug IN ({marks})", chunk)
            ids.update(cursor.fetchall())
    return ids


def unsaved(model, values):
    """An unsaved instance of model with these attribute values (all its fields), made without
    Model.__init__ or copy.copy, which cost an import of 100,000 records seconds."""
    instance = model.__new__(model)
    instance.__dict__.update(values)
    instance._state = ModelState()
    return instance


def insert_objects(model, objects):
    """Unsaved instances of `model` inserted as bulk_create would (no save(), no signals), in one
    executemany of values prepared once per field instead of SQL built per small batch: at
    100,000 records an import's life events took most of the 29 s that bulk_create spent on
    them and their periods. Their ids are not read back."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    prepare = [None if _plain(f) else _preparer(f) for f in fields]
    attnames = [f.attname for f in fields]
    rows = [
        [
            value if prep is None else prep(value)
            for value, prep in zip((getattr(o, name) for name in attnames), prepare, strict=True)
        ]
        for o in objects
    ]
    insert_rows(model, [f.column for f in fields], rows)


def _preparer(field):
    """The field's database preparation, done once per distinct value: an import's rows share
    their timestamps and most dates, and preparing a timestamp (time zone, text) cost as much
    as the rest of a life event's row. Values that cannot be remembered (JSON) are prepared
    each time."""
    if field.get_internal_type() == "JSONField":  # unhashable values: nothing to remember
        return lambda value: field.get_db_prep_save(value, connection)
    prepared = {}

    def prepare(value):
        try:
            return prepared[value]
        except KeyError:
            prepared[value] = made = field.get_db_prep_save(value, connection)
            return made

    return prepare


def set_column(model, column, values):
    """{id: value} written into one column of model's table, one executemany of updates by
    primary key (a few ms for thousands of rows, where an update per distinct value built by
    the ORM took most of a second)."""
    if not values:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    name = connection.ops.quote_name(column)
    pk = connection.ops.quote_name(model._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET {name} = %s WHERE {pk} = %s",
            [(value, key) for key, value in values.items()],
        )


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
