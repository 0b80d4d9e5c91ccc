"""The dry run and the real import as background tasks (django-tasks), with their progress in
a small file, and the dry run's report in another, beside the upload.

Progress is not written to the database: the import's own transaction holds SQLite's write lock
and its writes are invisible to other connections until it ends, so a page polling the database
would see nothing move. A file next to the upload is seen at once by every process.

The same file carries the task's heartbeat (decision 0039): while a task works, a thread writes
the time into it every few seconds. A run whose heartbeat is older than STOPPED_AFTER_SECONDS
lost its worker (killed, out of memory, a restart); the page then offers to queue it again or
to give it up (retry_run, cancel_run). A file without a heartbeat is a queued run that no worker
has taken yet.
"""

import json
import logging
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from opmars.accounts.audit import AuditAction, record
from opmars.dataio.import_run import Options, import_file
from opmars.dataio.importing import ImportReport
from opmars.dataio.models import ImportRun
from opmars.dataio.reading import estimated_rows
from opmars.dataio.undo import undo_run

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 5  # how often a working task writes its heartbeat
STOPPED_AFTER_SECONDS = 60  # a heartbeat this old means the task's worker is gone
LOCKED_RETRY_DELAYS = (1, 2, 4, 8, 16)  # seconds between tries while SQLite is busy

# The clock of the heartbeat and the wait between tries, one place for tests to replace.
clock = time.time
sleep = time.sleep

ENDED = (ImportRun.Status.DONE, ImportRun.Status.FAILED, ImportRun.Status.CANCELLED)


def progress_path(run):
    return Path(f"{run.stored_file}.progress")


def _read_progress_file(run):
    try:
        return json.loads(progress_path(run).read_text())
    except (OSError, ValueError):
        return None


def read_progress(run):
    """(rows done, estimated total or None, writing) of a running import: while it checks, the
    rows read of about how many; once it writes (`writing`), the rows written of how many."""
    data = _read_progress_file(run)
    if data is None:
        return run.rows_done, None, False
    return data["done"], data["total"], data.get("writing", False)


class Progress:
    """The progress file of one task: rows done, the estimated total and, once a worker runs
    the task, its heartbeat. Called with the rows done after every batch; beat() from the
    heartbeat thread. One lock, so the two never write the file at the same moment."""

    def __init__(self, run, total=None, beating=True):
        self.path, self.total, self.beating = progress_path(run), total, beating
        self.done, self.writing = 0, False
        self.lock = threading.Lock()

    def __call__(self, done, writing=None):
        with self.lock:
            self.done = done
            if writing:
                self.total, self.writing = writing, True
            self._write()

    def beat(self):
        with self.lock:
            self._write()

    def _write(self):
        data = {"done": self.done, "total": self.total, "writing": self.writing}
        if self.beating:
            data["beat"] = clock()
        _write_whole(self.path, json.dumps(data))


class Heartbeat(threading.Thread):
    """Beats every `every` seconds until stopped; dies with its process, which is the point."""

    def __init__(self, progress, every=HEARTBEAT_SECONDS):
        super().__init__(name="opmars-import-heartbeat", daemon=True)
        self.progress, self.every = progress, every
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.wait(self.every):
            try:
                self.progress.beat()
            except OSError:
                logger.warning("Import heartbeat not written to %s", self.progress.path)


@contextmanager
def heartbeat(progress):
    """The task works inside this: its progress file beats from the first moment on."""
    progress.beat()
    beats = Heartbeat(progress)
    beats.start()
    try:
        yield progress
    finally:
        beats.stopped.set()
        beats.join()


def _write_whole(path, text):
    partial = path.with_suffix(".tmp")
    partial.write_text(text)
    os.replace(partial, path)  # readers never see half a file


def checking(run):
    """True when the run's task (running, queued or lost) is the check, not the real run."""
    return run.dry_run or run.status not in (ImportRun.Status.PENDING, ImportRun.Status.RUNNING)


def stopped(run):
    """True when the run's task was taken by a worker that is gone: it has not ended and its
    heartbeat is older than STOPPED_AFTER_SECONDS."""
    if run.status in (ImportRun.Status.DONE, ImportRun.Status.CANCELLED):
        return False
    if checking(run) and report_path(run).exists():
        return False  # the check has ended
    data = _read_progress_file(run)
    beat = data.get("beat") if data else None
    return beat is not None and clock() - beat > STOPPED_AFTER_SECONDS


def report_path(run):
    return Path(f"{run.stored_file}.report.json")


def read_report(run):
    """The dry run's report, or None while it has not finished."""
    try:
        return ImportReport.from_json(json.loads(report_path(run).read_text()))
    except FileNotFoundError:
        return None


def _queued(run):
    """Mark a run queued (a progress file without a heartbeat), so the page neither queues it
    twice nor takes a heartbeat of an earlier try for a stopped task."""
    Progress(run, beating=False)(0)


def start_dry_run(run):
    """Queue the check of an upload (again, once its columns are mapped differently); the
    review page shows its progress until its report is there."""
    report_path(run).unlink(missing_ok=True)
    _queued(run)
    run_dry_run.enqueue(run.pk)


def is_locked(error):
    """SQLite's "database is locked": another connection holds the write lock for longer than
    the connection's timeout. It goes away; every other OperationalError is a real one."""
    return isinstance(error, OperationalError) and "is locked" in str(error).lower()


def when_unlocked(work):
    """work(), tried again after a short wait while the database is locked. An import's
    writes are one transaction, so a try that failed left nothing behind."""
    for delay in (*LOCKED_RETRY_DELAYS, None):
        try:
            return work()
        except OperationalError as error:
            if delay is None or not is_locked(error):
                raise
            logger.warning("Database is locked; the import tries again in %s s", delay)
            sleep(delay)


def _import(import_run, progress, **options):
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
    return import_file(import_run.stored_file, actor, options, progress)


def _progress(run):
    return Progress(run, estimated_rows(run.stored_file))


@task()
def run_dry_run(run_id):
    run = ImportRun.objects.select_related("network").get(pk=run_id)
    if run.status == ImportRun.Status.CANCELLED:
        return run.pk
    try:
        with heartbeat(_progress(run)) as progress:
            report = when_unlocked(lambda: _import(run, progress, dry_run=True))
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
    _queued(run)
    run_import.enqueue(run.pk)


@task()
def run_import(run_id):
    run = ImportRun.objects.select_related("network").get(pk=run_id)
    if run.status in ENDED:
        return run.pk  # given up (or finished) while it waited in the queue

    def once(progress):
        run.status = ImportRun.Status.RUNNING
        run.save(update_fields=["status"])
        return _import(run, progress, dry_run=False, valid_only=run.valid_only, run=run)

    try:
        with heartbeat(_progress(run)) as progress:
            report = when_unlocked(lambda: once(progress))
    except Exception:
        message = _("De import is onverwacht gestopt. Er is niets opgeslagen.")
        when_unlocked(lambda: _failed(run, message))
        raise
    finally:
        progress_path(run).unlink(missing_ok=True)
    if report.imported:
        Path(run.stored_file).unlink(missing_ok=True)
        return run.pk
    message = report.problem or _(
        "Niet geïmporteerd: het bestand heeft fouten. Importeer alleen de goede rijen, of "
        "verbeter het bestand."
    )
    when_unlocked(lambda: _failed(run, message))
    return run.pk


def _failed(run, message):
    run.status, run.finished_at, run.message = ImportRun.Status.FAILED, timezone.now(), message
    run.save(update_fields=["status", "finished_at", "message"])


# ---------------------------------------------------------------- a run whose worker is gone


class NotStopped(Exception):
    """The run is not (or no longer) stopped: it runs, waits for a worker, or has ended."""


def may_manage(actor, run):
    """Who may retry or give up a run: its uploader, and staff."""
    return actor.is_authenticated and (actor.is_staff or run.actor_id == actor.pk)


def _check_stopped(actor, run):
    if not may_manage(actor, run):
        raise PermissionDenied(
            _("Alleen wie het bestand heeft geladen en medewerkers van Opmars mogen dit doen.")
        )
    if not stopped(run):
        raise NotStopped


def retry_run(actor, run):
    """Queue a stopped run again: the check, or the real run with the same choice of rows.
    Nothing of the stopped try stays saved: what its committed batches wrote (SQLite writes in
    short transactions) is undone first."""
    _check_stopped(actor, run)
    check = checking(run)
    undo_run(run)
    record(actor, AuditAction.IMPORT_RETRY, run, {"file": run.file_name, "check": check})
    if check:
        start_dry_run(run)
    else:
        start_import(run, valid_only=run.valid_only)
    return run


def cancel_run(actor, run):
    """Give up a stopped run: it is marked cancelled; its upload and files are removed."""
    _check_stopped(actor, run)
    check = checking(run)
    with transaction.atomic():
        undo_run(run)
        run.status, run.finished_at = ImportRun.Status.CANCELLED, timezone.now()
        run.message = _("De import is afgebroken; er is niets opgeslagen.")
        run.save(update_fields=["status", "finished_at", "message"])
        record(actor, AuditAction.IMPORT_CANCEL, run, {"file": run.file_name, "check": check})
    for path in (Path(run.stored_file), progress_path(run), report_path(run)):
        path.unlink(missing_ok=True)
    return run
