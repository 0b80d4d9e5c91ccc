"""`opmars backup` and `opmars restore`: the whole database as a portable zip.

The zip holds one or more JSON files per model (Django's serialisation, natural keys for
content types, at most CHUNK rows per file so neither side holds a big table in memory) and
manifest.json with each file's row count and SHA-256, and the migrations the data belongs to.
The same file restores into SQLite or PostgreSQL (docs/decisions/0031-backup-format.md).
"""

import contextlib
import hashlib
import io
import json
import zipfile
from datetime import UTC, datetime, time

from django.apps import apps
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.core.serializers import json as json_serializer
from django.db import connection, transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.migrations.recorder import MigrationRecorder
from django.dispatch import Signal
from django.utils.translation import gettext as _

# What an integer column holds on every supported database (PostgreSQL's ranges; SQLite's
# are wider), so a backup restores on either.
PORTABLE_RANGES = BaseDatabaseOperations.integer_field_ranges
FORMAT = "opmars-backup"
VERSION = 1
CHUNK = 5000
# Rebuilt by `migrate` (content types, permissions) or not worth keeping (sessions).
SKIPPED = {"contenttypes.contenttype", "auth.permission", "sessions.session"}


class BackupError(Exception):
    """Something about the file or the target database; the message is Dutch."""


def backed_up_models():
    """Every model with rows of its own, ordered so that a model comes after those it refers
    to by natural key (users before their devices)."""
    app_list = [(config, None) for config in apps.get_app_configs()]
    return [
        model
        for model in serializers.sort_dependencies(app_list, allow_cycles=True)
        if model._meta.label_lower not in SKIPPED and not model._meta.proxy
    ]


class _Serializer(json_serializer.Serializer):
    """Django's JSON cuts times to milliseconds; a backup keeps them to the microsecond."""

    def _value_from_field(self, obj, field):
        value = field.value_from_object(obj)
        if isinstance(value, datetime | time):
            return value.isoformat()
        return super()._value_from_field(obj, field)


class _HashingWriter(io.RawIOBase):
    """Passes bytes on to the zip entry while counting and hashing them."""

    def __init__(self, target):
        self.target = target
        self.sha256 = hashlib.sha256()

    def writable(self):
        return True

    def write(self, data):
        self.sha256.update(data)
        return self.target.write(data)


def _applied_migrations():
    applied = MigrationRecorder(connection).applied_migrations()
    return sorted(f"{app}.{name}" for app, name in applied)


def backup(path, progress=None):
    """Write the backup zip; returns the manifest."""
    files = []
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for model in backed_up_models():
            files.extend(_write_model(archive, model))
            if progress:
                progress(model._meta.label_lower)
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created": datetime.now(UTC).isoformat(),
            "vendor": connection.vendor,
            "migrations": _applied_migrations(),
            "files": files,
        }
        archive.writestr("manifest.json", json.dumps(manifest, indent=1))
    return manifest


def _write_model(archive, model):
    label = model._meta.label_lower
    pks = list(model._default_manager.order_by("pk").values_list("pk", flat=True))
    chunks = [pks[i : i + CHUNK] for i in range(0, len(pks), CHUNK)] or [[]]
    for number, chunk in enumerate(chunks, start=1):
        name = f"data/{label}.{number:04d}.json"
        rows = model._default_manager.filter(pk__in=chunk).order_by("pk")
        with archive.open(name, "w") as entry:
            hashing = _HashingWriter(entry)
            text = io.TextIOWrapper(io.BufferedWriter(hashing), encoding="utf-8")
            _Serializer().serialize(rows.iterator(), stream=text, use_natural_foreign_keys=True)
            text.flush()
            text.detach()
        yield {
            "name": name,
            "model": label,
            "count": len(chunk),
            "sha256": hashing.sha256.hexdigest(),
        }


def read_manifest(archive):
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except KeyError as exc:
        raise BackupError(_("Dit is geen Opmars-backup: manifest.json ontbreekt.")) from exc
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(_("Dit is geen Opmars-backup van een versie die deze Opmars kent."))
    return manifest


def _verify(archive, manifest):
    for item in manifest["files"]:
        try:
            data = archive.read(item["name"])
        except KeyError as exc:
            raise BackupError(
                _("De backup is niet compleet: %(name)s ontbreekt.") % {"name": item["name"]}
            ) from exc
        if hashlib.sha256(data).hexdigest() != item["sha256"]:
            raise BackupError(
                _("De backup is beschadigd: %(name)s klopt niet met de controlesom.")
                % {"name": item["name"]}
            )
    missing = set(manifest["migrations"]) - set(_applied_migrations())
    if missing:
        raise BackupError(
            _(
                "De backup komt uit een nieuwere Opmars (migraties die hier ontbreken: "
                "%(names)s). Werk Opmars eerst bij."
            )
            % {"names": ", ".join(sorted(missing)[:5])}
        )
    known = {model._meta.label_lower for model in backed_up_models()}
    unknown = {item["model"] for item in manifest["files"]} - known
    if unknown:
        raise BackupError(
            _("De backup bevat tabellen die deze Opmars niet kent: %(names)s.")
            % {"names": ", ".join(sorted(unknown))}
        )


# Sent inside the restore's transaction once the rows are in: apps above this layer rebuild
# what they derive from them.
restored = Signal()

# Rows here mean somebody used this database; `migrate` itself fills only reference tables.
ENTERED_DATA = ("accounts.user", "accounts.auditevent", "registry.collective")


def entered_data():
    """{model label: row count} of the tables that hold entered data, only those with rows."""
    counts = {label: apps.get_model(label)._default_manager.count() for label in ENTERED_DATA}
    return {label: count for label, count in counts.items() if count}


def restore(path, force=False, progress=None):
    """Replace this (migrated) database's rows with the backup's, in one transaction;
    returns the restored row counts per model."""
    with zipfile.ZipFile(path) as archive:
        manifest = read_manifest(archive)
        _verify(archive, manifest)
        present = entered_data()
        if present and not force:
            raise BackupError(
                _(
                    "De database is niet leeg (%(tables)s). Herstellen zou bestaande gegevens "
                    "overschrijven; gebruik --force om eerst alles te wissen."
                )
                % {"tables": ", ".join(f"{k}: {v}" for k, v in sorted(present.items()))}
            )
        with transaction.atomic():
            _empty_tables()
            counts = _load(archive, manifest, progress)
            _reset_sequences()
            # What apps derive from the rows (decision 0045: a backup from before life-cycle
            # events gets them as an upgraded installation does), in the same transaction.
            restored.send(sender=restore)
    return counts


def _empty_tables():
    """Delete every row the backup replaces, including the reference rows `migrate` made;
    content types and permissions stay (the backup refers to them by natural key)."""
    kept = {apps.get_model(label)._meta.db_table for label in SKIPPED} - {"django_session"}
    tables = [
        name
        for name in connection.introspection.django_table_names(only_existing=True)
        if name not in kept and not name.startswith("auth_group_permissions")
    ]
    statements = connection.ops.sql_flush(no_style(), tables, allow_cascade=True)
    if connection.vendor == "postgresql":
        # TRUNCATE refuses tables with deferred checks pending from earlier in the transaction.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    connection.ops.execute_sql_flush(statements)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _load(archive, manifest, progress):
    counts = {}
    for item in manifest["files"]:
        with archive.open(item["name"]) as entry:  # at most CHUNK rows
            rows = list(serializers.deserialize("json", entry))
        _check_ranges(item["name"], rows)
        _insert(apps.get_model(item["model"]), rows)
        loaded = len(rows)
        counts[item["model"]] = counts.get(item["model"], 0) + loaded
        if loaded != item["count"]:
            raise BackupError(
                _("%(name)s bevat niet zoveel rijen als het manifest noemt.")
                % {"name": item["name"]}
            )
        if progress:
            progress(item["model"])
    return counts


def _check_ranges(file_name, rows):
    """Refuse a number outside its field's range, or outside what both databases hold: a
    SQLite file may hold counts that PostgreSQL cannot store."""
    if not rows:
        return
    fields = _integer_fields(type(rows[0].object))
    for number, row in enumerate(rows, 1):
        for field in fields:
            value = getattr(row.object, field.attname)
            if value is None:
                continue
            low, high = PORTABLE_RANGES[field.get_internal_type()]
            try:
                if not low <= value <= high:
                    raise ValidationError(_("buiten %(low)s…%(high)s") % {"low": low, "high": high})
                for validator in field.validators:  # declared with the field, and this database's
                    validator(value)
            except ValidationError as error:
                raise BackupError(
                    _(
                        "%(file)s, rij %(row)s (tabel %(table)s, id %(pk)s), veld %(field)s: "
                        "de waarde %(value)s past niet (%(reason)s)."
                    )
                    % {
                        "file": file_name,
                        "row": number,
                        "table": field.model._meta.db_table,
                        "pk": row.object.pk,
                        "field": field.name,
                        "value": value,
                        "reason": " ".join(str(m) for m in error.messages),
                    }
                ) from None


def _integer_fields(model):
    return [f for f in model._meta.concrete_fields if f.get_internal_type() in PORTABLE_RANGES]


def _insert(model, rows):
    """The rows as stored, in bulk; then their many-to-many links (auto-created link tables
    are not models of their own in the backup, the serialiser lists the linked keys)."""
    with _stored_timestamps(model):
        model._base_manager.bulk_create([row.object for row in rows])
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        if not through._meta.auto_created:
            continue  # a model of its own, backed up and restored as such
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        links = [
            through(**{f"{source}_id": row.object.pk, f"{target}_id": linked})
            for row in rows
            for linked in row.m2m_data.get(field.name, [])
        ]
        through._base_manager.bulk_create(links)


@contextlib.contextmanager
def _stored_timestamps(model):
    """bulk_create gives auto_now and auto_now_add fields the current time; while a model is
    restored they keep the stored values (restore runs alone, in its own process)."""
    fields = [
        field
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    flags = [(field, field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in flags:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def _reset_sequences():
    """PostgreSQL's id sequences continue after the restored ids (SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), backed_up_models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
