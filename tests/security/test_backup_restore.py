"""`opmars backup` then `opmars restore` into an empty database gives every row back
identical, on SQLite and on PostgreSQL (run the suite with DATABASE_URL for the latter).
Restoring over data needs --force; a damaged or foreign file is refused with a Dutch reason."""

import json
import zipfile

import pytest
from django.core.management import call_command
from django.db import connection
from django_otp.plugins.otp_totp.models import TOTPDevice

from opmars.accounts.models import AuditEvent
from opmars.registry import actions
from opmars.registry.models import Collective
from opmars.security import backup

pytestmark = pytest.mark.django_db


def every_row():
    """Every backed-up model's rows, with many-to-many links, in primary-key order."""
    state = {}
    for model in backup.backed_up_models():
        rows = []
        for obj in model._default_manager.order_by("pk"):
            row = {f.attname: f.value_from_object(obj) for f in model._meta.concrete_fields}
            for m2m in model._meta.many_to_many:
                row[m2m.name] = sorted(o.pk for o in getattr(obj, m2m.name).all())
            rows.append(row)
        state[model._meta.label_lower] = rows
    return state


def empty_database():
    """What a fresh `migrate` leaves: no entered data, only the reference rows it loads."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def filled(make_collective, editor_user, staff_user):
    collective = make_collective(description='Tekst met é, ü en 🌱 en "quotes".')
    make_collective(kind="energiecooperatie", postcode="1011AB")
    actions.save_yearly_facts(editor_user, collective, {"year": 2023, "members": 120})
    TOTPDevice.objects.create(user=staff_user, name="Opmars", confirmed=True)
    return collective


def test_a_restore_into_an_empty_database_gives_every_row_back(filled, tmp_path):
    before = every_row()
    assert before["registry.collective"] and before["geo.municipality"]
    assert AuditEvent.objects.exists()
    path = tmp_path / "opmars.zip"
    manifest = backup.backup(path)

    empty_database()
    assert not Collective.objects.exists()
    counts = backup.restore(path)

    assert every_row() == before
    assert counts["registry.collective"] == len(before["registry.collective"])
    assert sum(item["count"] for item in manifest["files"]) == sum(counts.values())


def test_ids_continue_after_a_restore(filled, tmp_path, make_collective):
    path = tmp_path / "opmars.zip"
    backup.backup(path)
    highest = Collective.objects.order_by("-pk").first().pk
    empty_database()
    backup.restore(path)
    from opmars.geo.models import Municipality

    assert Municipality.objects.exists()
    assert make_collective().pk > highest


def test_restoring_over_data_needs_force(filled, tmp_path):
    path = tmp_path / "opmars.zip"
    backup.backup(path)
    filled.name = "Veranderd na de backup"
    filled.save()
    with pytest.raises(backup.BackupError, match="De database is niet leeg"):
        backup.restore(path)
    backup.restore(path, force=True)
    filled.refresh_from_db()
    assert filled.name != "Veranderd na de backup"


def test_the_manifest_counts_and_checksums_every_file(filled, tmp_path):
    path = tmp_path / "opmars.zip"
    backup.backup(path)
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        item = next(i for i in manifest["files"] if i["model"] == "registry.collective")
        rows = json.loads(archive.read(item["name"]))
    assert item["count"] == len(rows) == Collective.objects.count()
    assert manifest["vendor"] == connection.vendor
    assert "registry.0001_initial" in manifest["migrations"]


def test_big_tables_are_split_into_chunks(filled, tmp_path, monkeypatch):
    monkeypatch.setattr(backup, "CHUNK", 100)
    path = tmp_path / "opmars.zip"
    manifest = backup.backup(path)
    parts = [i for i in manifest["files"] if i["model"] == "geo.municipality"]
    assert len(parts) > 1 and all(i["count"] <= 100 for i in parts)
    before = every_row()
    empty_database()
    backup.restore(path)
    assert every_row() == before


def test_a_damaged_backup_is_refused_before_anything_is_written(filled, tmp_path):
    path = tmp_path / "opmars.zip"
    backup.backup(path)
    damaged = tmp_path / "beschadigd.zip"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(damaged, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if "registry.collective" in info.filename:
                data = data.replace(b"Buurtco", b"Buurtko")
            target.writestr(info, data)
    with pytest.raises(backup.BackupError, match="controlesom"):
        backup.restore(damaged, force=True)
    assert Collective.objects.filter(pk=filled.pk).exists()


def test_a_file_that_is_no_backup_is_refused(tmp_path, db):
    path = tmp_path / "iets.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("leesmij.txt", "geen backup")
    with pytest.raises(backup.BackupError, match="geen Opmars-backup"):
        backup.restore(path)


def test_a_backup_from_before_life_cycle_events_gets_them_reconstructed(filled, tmp_path):
    from opmars.registry.models import ActivePeriod, LifeEvent

    LifeEvent.objects.all().delete()  # as a backup made before decision 0045 holds them
    ActivePeriod.objects.all().delete()
    path = tmp_path / "opmars.zip"
    backup.backup(path)
    empty_database()
    backup.restore(path)
    restored = Collective.objects.get(slug=filled.slug)
    founding = restored.events.get()
    assert (founding.kind, founding.year, founding.reconstructed) == ("opgericht", 2015, True)
    assert list(restored.periods.values_list("start_year", "end_year")) == [(2015, 9999)]
