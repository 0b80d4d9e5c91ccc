"""A web import whose worker was killed does not stay "bezig" for ever. While a task works it
writes a heartbeat into its progress file every few seconds; a run whose heartbeat is older
than a minute is shown as stopped, with nothing saved, and its uploader (or staff) can queue it
again or give it up. Decision 0039.

The clock is the module's `clock`, fixed here: no test waits for time to pass."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django_tasks import task_backends

from opmars.accounts.models import AuditEvent, User
from opmars.dataio import tasks
from opmars.dataio.models import ImportRun
from opmars.dataio.tasks import (
    HEARTBEAT_SECONDS,
    STOPPED_AFTER_SECONDS,
    Heartbeat,
    NotStopped,
    Progress,
    cancel_run,
    progress_path,
    retry_run,
    run_dry_run,
    run_import,
)
from opmars.registry.models import Collective
from tests.dataio.conftest import QUEUED
from tests.dataio.helpers import BRAM_CSV, NOW, upload, worker_died

pytestmark = pytest.mark.django_db

STOPPED = "De import is gestopt zonder af te ronden; er is niets opgeslagen."


def enqueued():
    return [result.task.name for result in task_backends["default"].results]


def test_a_working_task_writes_its_heartbeat_into_the_progress_file(queued, monkeypatch):
    seen = []

    def import_file(path, actor, options, progress):
        seen.append(json.loads(progress_path(queued).read_text()))
        return tasks.ImportReport(imported=True)

    monkeypatch.setattr(tasks, "import_file", import_file)
    run_import.call(queued.pk)
    assert seen[0]["beat"] == NOW
    assert not progress_path(queued).exists()  # gone once the task has ended


def test_the_heartbeat_beats_every_few_seconds_until_it_is_stopped(tmp_path):
    class Stop:
        """Event.wait(timeout) that says "not stopped" three times, then "stopped"."""

        waits = []

        def wait(self, timeout):
            self.waits.append(timeout)
            return len(self.waits) > 3

    class Run:
        stored_file = str(tmp_path / "lijst.csv")

    beats = []
    progress = Progress(Run(), total=10)
    progress.beat = lambda: beats.append(1)
    heart = Heartbeat(progress)
    heart.stopped = Stop()
    heart.run()  # the thread's loop, here in the test's own thread
    assert len(beats) == 3 and Stop.waits == [HEARTBEAT_SECONDS] * 4
    assert HEARTBEAT_SECONDS * 10 <= STOPPED_AFTER_SECONDS


def test_rows_done_and_heartbeats_share_the_file(tmp_path, clock):
    class Run:
        stored_file = str(tmp_path / "lijst.csv")

    progress = Progress(Run(), total=8000)
    progress(2000)
    progress.beat()
    assert json.loads(progress_path(Run()).read_text()) == {
        "done": 2000,
        "total": 8000,
        "beat": NOW,
        "writing": False,
    }
    progress(3000, writing=7500)  # checked; now 3,000 of the 7,500 rows to write are written
    assert tasks.read_progress(Run()) == (3000, 7500, True)


def test_a_queued_run_waits_for_a_worker_and_is_not_stopped(client, queued, monkeypatch):
    monkeypatch.setattr(tasks, "clock", lambda: NOW + 3600)
    assert "beat" not in json.loads(progress_path(queued).read_text())
    page = client.get(f"/import/{queued.pk}/").content.decode()
    assert "Wacht op een vrije plek" in page and STOPPED not in page


def test_a_recent_heartbeat_is_a_run_at_work(client, queued):
    worker_died(queued, seconds_ago=STOPPED_AFTER_SECONDS - 1)
    page = client.get(f"/import/{queued.pk}/").content.decode()
    assert "Bezig met importeren" in page and STOPPED not in page
    assert client.get(f"/import/{queued.pk}/voortgang/").status_code == 200


def test_an_old_heartbeat_shows_the_run_as_stopped_with_retry_and_cancel(client, queued):
    worker_died(queued, seconds_ago=STOPPED_AFTER_SECONDS + 1)
    poll = client.get(f"/import/{queued.pk}/voortgang/")
    assert poll.status_code == 204 and poll["HX-Redirect"] == f"/import/{queued.pk}/"
    page = client.get(f"/import/{queued.pk}/").content.decode()
    assert STOPPED in page and "Bezig met importeren" not in page
    assert f'action="/import/{queued.pk}/opnieuw/"' in page
    assert f'action="/import/{queued.pk}/afbreken/"' in page
    assert not Collective.objects.exists()


def test_retry_queues_the_real_run_again(client, queued, staff_user):
    worker_died(queued, seconds_ago=600)
    before = len(enqueued())
    assert client.post(f"/import/{queued.pk}/opnieuw/").status_code == 302
    queued.refresh_from_db()
    assert queued.status == ImportRun.Status.PENDING and queued.valid_only
    assert enqueued()[before:] == ["run_import"]
    assert "beat" not in json.loads(progress_path(queued).read_text())  # waiting, not stopped
    event = AuditEvent.objects.get(action="import.retry")
    assert event.target_id == str(queued.pk) and event.changes["check"] is False
    assert "Wacht op een vrije plek" in client.get(f"/import/{queued.pk}/").content.decode()

    run_import.call(queued.pk)  # a worker takes it
    queued.refresh_from_db()
    assert queued.status == ImportRun.Status.DONE
    assert Collective.objects.filter(name="Dorpsbelang Holwierde").exists()


def test_cancel_gives_the_run_up(client, queued):
    worker_died(queued, seconds_ago=600)
    upload_file = queued.stored_file
    assert client.post(f"/import/{queued.pk}/afbreken/").status_code == 302
    queued.refresh_from_db()
    assert queued.status == ImportRun.Status.CANCELLED and queued.finished_at
    assert AuditEvent.objects.filter(action="import.cancel", target_id=str(queued.pk)).exists()
    assert not progress_path(queued).exists() and not tasks.Path(upload_file).exists()
    page = client.get(f"/import/{queued.pk}/").content.decode()
    assert "De import is afgebroken; er is niets opgeslagen." in page
    assert "Opnieuw proberen" not in page

    # Neither the import button nor a task of it still in a queue imports it now.
    client.post(f"/import/{queued.pk}/importeren/", {"valid_only": "1"})
    run_import.call(queued.pk)
    queued.refresh_from_db()
    assert queued.status == ImportRun.Status.CANCELLED and not Collective.objects.exists()


def test_a_run_at_work_is_neither_retried_nor_cancelled(client, queued, staff_user):
    worker_died(queued, seconds_ago=10)
    before = len(enqueued())
    for action in ("opnieuw", "afbreken"):
        response = client.post(f"/import/{queued.pk}/{action}/")
        assert response.status_code == 302 and response["Location"] == f"/import/{queued.pk}/"
    queued.refresh_from_db()
    assert queued.status == ImportRun.Status.RUNNING and len(enqueued()) == before
    with pytest.raises(NotStopped):
        retry_run(staff_user, queued)
    assert not AuditEvent.objects.filter(action__in=["import.retry", "import.cancel"]).exists()


def test_only_the_uploader_and_staff_may_retry_or_cancel(
    client, settings, tmp_path, clock, network_admin, kernen, staff_user
):
    settings.DATA_DIR, settings.TASKS = tmp_path, QUEUED
    client.force_login(network_admin)
    upload_as_admin = client.post(
        "/import/",
        {"file": _file(), "kind": "collectives", "network": kernen.pk},
    )
    assert upload_as_admin.status_code == 302
    run = ImportRun.objects.get()
    run_dry_run.call(run.pk)
    client.post(f"/import/{run.pk}/importeren/", {"valid_only": "1"})
    worker_died(run, seconds_ago=600)

    other = User.objects.create_user(email="ander@example.org", password="geheim-wachtwoord-1")
    kernen.admins.add(other)
    client.force_login(other)
    assert client.post(f"/import/{run.pk}/afbreken/").status_code == 404
    with pytest.raises(PermissionDenied):
        cancel_run(other, run)

    client.force_login(network_admin)  # the uploader
    client.post(f"/import/{run.pk}/opnieuw/")
    run.refresh_from_db()
    assert run.status == ImportRun.Status.PENDING

    worker_died(run, seconds_ago=600)
    cancel_run(staff_user, run)  # staff may too
    assert ImportRun.objects.get().status == ImportRun.Status.CANCELLED


def test_a_stopped_check_is_offered_again_too(client, staff_user, settings, tmp_path, clock):
    settings.DATA_DIR, settings.TASKS = tmp_path, QUEUED
    client.force_login(staff_user)
    upload(client, BRAM_CSV)
    run = ImportRun.objects.get()
    progress_path(run).write_text(json.dumps({"done": 0, "total": 8, "beat": NOW - 600}))
    page = client.get(f"/import/{run.pk}/").content.decode()
    assert "De controle is gestopt zonder af te ronden; er is niets opgeslagen." in page

    before = len(enqueued())
    client.post(f"/import/{run.pk}/opnieuw/")
    assert enqueued()[before:] == ["run_dry_run"]
    assert AuditEvent.objects.get(action="import.retry").changes["check"] is True
    run_dry_run.call(run.pk)
    assert "Dorpsbelang Holwierde" in client.get(f"/import/{run.pk}/").content.decode()


def _file():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("dorpen.csv", BRAM_CSV.encode("cp1252"), content_type="text/csv")
