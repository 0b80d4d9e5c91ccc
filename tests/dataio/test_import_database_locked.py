"""A busy SQLite database ("database is locked": another connection held the write lock for
longer than the timeout) does not end an import or the worker: both wait a little and try
again. Other database errors still stop them. No test waits: the waits are recorded."""

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from opmars.dataio import tasks
from opmars.dataio.management.commands import task_worker
from opmars.dataio.models import ImportRun
from opmars.dataio.tasks import LOCKED_RETRY_DELAYS, run_import
from opmars.registry.models import Collective

pytestmark = pytest.mark.django_db

LOCKED = OperationalError("database is locked")


@pytest.fixture
def waits(monkeypatch):
    slept = []
    monkeypatch.setattr(tasks, "sleep", slept.append)
    return slept


@pytest.fixture
def clock(monkeypatch):  # the fixture `queued` needs it
    monkeypatch.setattr(tasks, "clock", lambda: 0.0)


def locked_for(tries, monkeypatch):
    """import_file raises "database is locked" the first `tries` times, then imports."""
    real, calls = tasks.import_file, []

    def import_file(*args, **kwargs):
        calls.append(1)
        if len(calls) <= tries:
            raise LOCKED
        return real(*args, **kwargs)

    monkeypatch.setattr(tasks, "import_file", import_file)
    return calls


def test_the_import_task_waits_while_the_database_is_locked(queued, waits, monkeypatch):  # noqa: F811
    calls = locked_for(2, monkeypatch)
    run_import.call(queued.pk)
    queued.refresh_from_db()
    assert queued.status == ImportRun.Status.DONE and len(calls) == 3
    assert waits == list(LOCKED_RETRY_DELAYS[:2])
    assert Collective.objects.filter(name="Dorpsbelang Holwierde").count() == 1


def test_it_gives_up_after_the_last_wait_and_fails_visibly(queued, waits, monkeypatch):  # noqa: F811
    locked_for(len(LOCKED_RETRY_DELAYS) + 1, monkeypatch)
    with pytest.raises(OperationalError):
        run_import.call(queued.pk)
    queued.refresh_from_db()
    assert waits == list(LOCKED_RETRY_DELAYS) and sum(waits) <= 60
    assert queued.status == ImportRun.Status.FAILED and "onverwacht gestopt" in queued.message


def test_another_database_error_is_not_waited_for(queued, waits, monkeypatch):  # noqa: F811
    def broken(*args, **kwargs):
        raise OperationalError("no such table: registry_collective")

    monkeypatch.setattr(tasks, "import_file", broken)
    with pytest.raises(OperationalError):
        run_import.call(queued.pk)
    assert waits == []


def test_the_worker_goes_on_after_a_locked_database():
    results = iter([LOCKED, LOCKED, LOCKED, "klaar"])
    slept = []

    def work():
        result = next(results)
        if isinstance(result, Exception):
            raise result
        return result

    assert task_worker.run_retrying(work, sleep=slept.append, clock=lambda: 0) == "klaar"
    assert slept == [1, 2, 4]


def test_the_worker_waits_at_most_half_a_minute_and_calms_down_after_a_good_spell():
    times = iter([0, 0] * 7 + [0, 100] + [0, 0])  # (start, failure) per try; try 8 ran long
    tries = iter([LOCKED] * 8 + ["klaar"])
    slept = []

    def work():
        result = next(tries)
        if isinstance(result, Exception):
            raise result
        return result

    task_worker.run_retrying(work, sleep=slept.append, clock=lambda: next(times))
    assert slept == [1, 2, 4, 8, 16, 30, 30, 1]


def test_the_worker_stops_on_any_other_error():
    def work():
        raise OperationalError("disk I/O error")

    with pytest.raises(OperationalError, match="disk I/O"):
        task_worker.run_retrying(work, sleep=pytest.fail)


def test_the_command_runs_db_worker_again_after_a_locked_database(monkeypatch, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    runs = []

    def handle(self, *args, **options):
        runs.append(options["interval"])
        if len(runs) == 1:
            raise LOCKED

    monkeypatch.setattr(DbWorkerCommand, "handle", handle)
    monkeypatch.setattr(task_worker.time, "sleep", lambda seconds: None)
    call_command("task_worker", interval=2)
    assert runs == [2, 2]
