"""The real import as a background task (django-tasks), with its progress in a small file.

Progress is not written to the database: the import's own transaction holds SQLite's write lock
and its writes are invisible to other connections until it ends, so a page polling the database
would see nothing move. A file next to the upload is seen at once by every process.
"""

import json
import os
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from opmars.dataio.importing import Options, import_file
from opmars.dataio.models import ImportRun
from opmars.dataio.reading import estimated_rows


def progress_path(run):
    return Path(f"{run.stored_file}.progress")


def read_progress(run):
    """(rows done, estimated total or None) of a running import."""
    try:
        data = json.loads(progress_path(run).read_text())
    except (OSError, ValueError):
        return run.rows_done, None
    return data["done"], data["total"]


def _progress_writer(run, total):
    path = progress_path(run)

    def write(done):
        partial = path.with_suffix(".tmp")
        partial.write_text(json.dumps({"done": done, "total": total}))
        os.replace(partial, path)  # readers never see half a file

    return write


def start_import(run, valid_only):
    """Queue the real run of an import the user has checked; the page then shows its progress."""
    run.status, run.valid_only, run.rows_done = ImportRun.Status.PENDING, valid_only, 0
    run.dry_run, run.message = False, ""
    run.save(update_fields=["status", "valid_only", "rows_done", "dry_run", "message"])
    run_import.enqueue(run.pk)


@task()
def run_import(run_id):
    run = ImportRun.objects.select_related("network").get(pk=run_id)
    actor = get_user_model().objects.filter(pk=run.actor_id).first()
    run.status = ImportRun.Status.RUNNING
    run.save(update_fields=["status"])
    options = Options(
        kind=run.kind,
        dry_run=False,
        valid_only=run.valid_only,
        network=run.network,
        overrides=run.overrides or None,
        file_name=run.file_name,
        run=run,
    )
    path = run.stored_file
    try:
        report = import_file(path, actor, options, _progress_writer(run, estimated_rows(path)))
    except Exception:
        _failed(run, _("De import is onverwacht gestopt. Er is niets opgeslagen."))
        raise
    finally:
        progress_path(run).unlink(missing_ok=True)
    if report.imported:
        Path(path).unlink(missing_ok=True)
        return run.pk
    _failed(
        run,
        report.problem
        or _(
            "Niet geïmporteerd: het bestand heeft fouten. Importeer alleen de goede rijen, of "
            "verbeter het bestand."
        ),
    )
    return run.pk


def _failed(run, message):
    run.status, run.finished_at, run.message = ImportRun.Status.FAILED, timezone.now(), message
    run.save(update_fields=["status", "finished_at", "message"])
