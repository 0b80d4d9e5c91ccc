"""The way back for an import that commits batch by batch (SQLite, decision 0040).

Each batch's transaction also writes the steps that undo it (`ImportUndo`): the rows it created
and the rows it changed, as they were before. The run's last transaction removes the steps;
a run that fails, is interrupted, or whose worker died leaves them, and `undo_run` walks them
back in one transaction — afterwards nothing of the run is saved, as if it had been one
transaction all along.

Whether such a run still lives is told by a lock: while it writes, the run holds an exclusive
lock on a file of its own, which the operating system lets go when the process ends, however
it ends (kill -9 included). Steps left with a free lock are a run that died; the next import
walks them back before it starts (`undo_abandoned`).
"""

import fcntl
from collections import defaultdict
from contextlib import contextmanager

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opmars.caching import changes as changes_queue
from opmars.dataio.models import ImportRun, ImportUndo
from opmars.registry import history, scopes
from opmars.registry.bulk import insert_rows
from opmars.registry.models import CollectiveDomain, LifeEvent


class Journal:
    """Where one run's writes leave their way back; `keeping=False` (one transaction, which a
    rollback undoes) makes every call free."""

    def __init__(self, run, keeping):
        self.run, self.keeping = run, keeping

    def created(self, model, pks):
        if self.keeping and pks:
            label = model._meta.label_lower
            # Plain rows: one per record created, so as many as the import has new rows.
            steps = [(self.run.pk, label, pk, None) for pk in pks]
            insert_rows(ImportUndo, ["run_id", "model", "object_id", "before"], steps)

    def changing(self, instance):
        """Before `instance` is changed: it as it is now (a collective with its domains)."""
        if not self.keeping:
            return
        before = {"object": serializers.serialize("python", [instance])[0]}
        if instance._meta.label_lower == "registry.collective":
            before["domains"] = sorted(d.domain for d in instance.domains.all())
            before["events"] = serializers.serialize("python", instance.events.all())
        ImportUndo.objects.create(
            run=self.run, model=instance._meta.label_lower, object_id=instance.pk, before=before
        )


def _lock_path(run):
    return settings.DATA_DIR / "imports" / f"run-{run.pk}.lock"


@contextmanager
def writing(run):
    """Held by the run while it writes its batches; taken before its first step is written and
    let go after its last transaction has removed them (or undone them)."""
    path = _lock_path(run)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            path.unlink(missing_ok=True)


def _alive(run):
    try:
        with open(_lock_path(run)) as handle:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except FileNotFoundError:
        return False  # removed at its end, or never made: no process writes for this run
    except BlockingIOError:
        return True
    return False


def half_written(run):
    """Whether batches of a stopped run are still in the database, waiting to be walked back."""
    return ImportUndo.objects.filter(run=run).exists()


def undo_abandoned():
    """Walk back the steps of every run whose process died while writing; returns those runs."""
    runs = ImportRun.objects.filter(pk__in=ImportUndo.objects.values("run")).distinct()
    abandoned = [run for run in runs if not _alive(run)]
    for run in abandoned:
        with transaction.atomic():
            undo_run(run)
            run.status, run.finished_at = ImportRun.Status.FAILED, timezone.now()
            run.message = _(
                "De import is gestopt zonder af te ronden; wat al was opgeslagen is "
                "teruggedraaid. Er is niets van opgeslagen."
            )
            run.save(update_fields=["status", "finished_at", "message"])
        _lock_path(run).unlink(missing_ok=True)
    return abandoned


@transaction.atomic
def undo_run(run):
    """Put back what the run's committed batches changed and remove what they created; returns
    the number of steps walked back."""
    steps = list(ImportUndo.objects.filter(run=run).order_by("-id"))
    created = defaultdict(list)
    for step in steps:
        if step.before is None:
            created[step.model].append(step.object_id)
        else:
            _put_back(step.before)
    # Newest first, as the steps come: a row created later may hang on one created earlier.
    # Every area is renewed below (mark_all), not once per deleted record.
    with scopes.every_area_renewed_by_caller():
        for label, pks in created.items():
            model = apps.get_model(label)
            for start in range(0, len(pks), 2000):
                model.objects.filter(pk__in=pks[start : start + 2000]).delete()
    ImportUndo.objects.filter(run=run).delete()
    # What the batches wrote was counted; the figures kept on write follow it back.
    changes_queue.record_write(None)
    changes_queue.mark_all()
    return len(steps)


def _put_back(before):
    restored = next(serializers.deserialize("python", [before["object"]]))
    restored.save()
    if "domains" in before:
        collective_id = restored.object.pk
        CollectiveDomain.objects.filter(collective_id=collective_id).delete()
        CollectiveDomain.objects.bulk_create(
            CollectiveDomain(collective_id=collective_id, domain=code) for code in before["domains"]
        )
    if "events" in before:  # its life as it was: events the run added or moved go
        LifeEvent.objects.filter(collective_id=restored.object.pk).delete()
        for event in serializers.deserialize("python", before["events"]):
            event.save()
        history.rebuild_periods([restored.object])
