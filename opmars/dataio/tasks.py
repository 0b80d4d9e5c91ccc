"""The dry run and the real import as background tasks (django-tasks), with their progress in
a small file, and the dry run's report in another, beside the upload.

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

from opmars.dataio.importing import ImportReport, Options, import_file
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
        _write_whole(path, json.dumps({"done": done, "total": total}))

    return write


def _write_whole(path, text):
    partial = path.with_suffix(".tmp")
    partial.write_text(text)
    os.replace(partial, path)  # readers never see half a file


def report_path(run):
    return Path(f"{run.stored_file}.report.json")


def read_report(run):
    """The dry run's report, or None while it has not finished."""
    try:
        return ImportReport.from_json(json.loads(report_path(run).read_text()))
    except FileNotFoundError:
        return None


def start_dry_run(run):
    """Queue the check of an upload (again, once its columns are mapped differently); the
    review page shows its progress until its report is there."""
    report_path(run).unlink(missing_ok=True)
    _progress_writer(run, None)(0)  # marks it queued, so the page does not queue it twice
    run_dry_run.enqueue(run.pk)


def _import(import_run, **options):
    """import_file on the run's upload, as the user who uploaded it, writing its progress."""
    actor = get_user_model().objects.filter(pk=import_run.actor_id).first()
    if actor is None:
        # Actor None is the operator's full rights (the command line): a web upload whose
        # account is gone must not run with them.
        return ImportReport(problem=_("Wie dit bestand heeft geladen, heeft geen account meer."))
    options = Options(
        kind=import_run.kind,
        network=import_run.network,
        overrides=import_run.overrides or None,
        default_kind=import_run.default_kind,
        file_name=import_run.file_name,
        **options,
    )
    path = import_run.stored_file
    return import_file(path, actor, options, _progress_writer(import_run, estimated_rows(path)))


@task()
def run_dry_run(run_id):
    run = ImportRun.objects.select_related("network").get(pk=run_id)
    try:
        report = _import(run, dry_run=True)
    except Exception:
        report = ImportReport(problem=_("De controle is onverwacht gestopt. Probeer het opnieuw."))
        raise
    finally:
        # Translated messages are lazy strings: str() them on the way out.
        _write_whole(report_path(run), json.dumps(report.as_json(), default=str))
        progress_path(run).unlink(missing_ok=True)
    return run.pk


def start_import(run, valid_only):
    """Queue the real run of an import the user has checked; the page then shows its progress."""
    run.status, run.valid_only, run.rows_done = ImportRun.Status.PENDING, valid_only, 0
    run.dry_run, run.message = False, ""
    run.save(update_fields=["status", "valid_only", "rows_done", "dry_run", "message"])
    run_import.enqueue(run.pk)


@task()
def run_import(run_id):
    run = ImportRun.objects.select_related("network").get(pk=run_id)
    run.status = ImportRun.Status.RUNNING
    run.save(update_fields=["status"])
    try:
        report = _import(run, dry_run=False, valid_only=run.valid_only, run=run)
    except Exception:
        _failed(run, _("De import is onverwacht gestopt. Er is niets opgeslagen."))
        raise
    finally:
        progress_path(run).unlink(missing_ok=True)
    if report.imported:
        Path(run.stored_file).unlink(missing_ok=True)
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
