"""The check and the real import run as background tasks; the page shows their progress until
they are done, and the check's report stays for the review page and the error files."""

import json

import pytest

from opmars.dataio.models import ImportRun
from opmars.dataio.tasks import progress_path, run_dry_run, run_import
from opmars.registry.models import Collective
from tests.dataio.helpers import BRAM_CSV, upload

pytestmark = pytest.mark.django_db

QUEUED = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_the_page_polls_the_progress_of_a_queued_import(client, staff_user, settings, tmp_path):
    settings.DATA_DIR, settings.TASKS = tmp_path, QUEUED
    client.force_login(staff_user)
    upload(client, BRAM_CSV)
    run = ImportRun.objects.get()
    client.post(f"/import/{run.pk}/importeren/", {"valid_only": "1"})
    run.refresh_from_db()
    assert run.status == ImportRun.Status.PENDING and not run.dry_run
    page = client.get(f"/import/{run.pk}/").content.decode()
    assert f'hx-get="/import/{run.pk}/voortgang/"' in page and "op de achtergrond" in page
    assert not Collective.objects.exists()

    # A second click while it waits does not queue it again.
    client.post(f"/import/{run.pk}/importeren/", {"valid_only": "1"})
    assert ImportRun.objects.get().status == ImportRun.Status.PENDING

    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.RUNNING)
    progress_path(run).write_text(json.dumps({"done": 2000, "total": 8000}))
    bar = client.get(f"/import/{run.pk}/voortgang/").content.decode()
    assert 'max="8000" value="2000"' in bar and "2.000 van ongeveer 8.000 rijen (25%)" in bar


def test_the_task_imports_and_the_poll_then_reloads_the_page(
    client, staff_user, settings, tmp_path
):
    settings.DATA_DIR, settings.TASKS = tmp_path, QUEUED
    client.force_login(staff_user)
    upload(client, BRAM_CSV)
    run = ImportRun.objects.get()
    client.post(f"/import/{run.pk}/importeren/", {"valid_only": "1"})

    run_import.call(run.pk)  # what `opmars worker` does with the queued task

    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE and run.counts["nieuw"] >= 2
    assert not progress_path(run).exists()
    assert Collective.objects.filter(name="Dorpsbelang Holwierde").exists()
    poll = client.get(f"/import/{run.pk}/voortgang/")
    assert poll.status_code == 204 and poll["HX-Redirect"] == f"/import/{run.pk}/"
    assert "is geïmporteerd" in client.get(f"/import/{run.pk}/").content.decode()


def test_a_file_with_errors_fails_visibly_and_imports_nothing(
    client, staff_user, settings, tmp_path
):
    settings.DATA_DIR, settings.TASKS = tmp_path, QUEUED
    client.force_login(staff_user)
    upload(client, BRAM_CSV)
    run = ImportRun.objects.get()
    run_dry_run.call(run.pk)  # the check the worker ran before the user chose
    client.post(f"/import/{run.pk}/importeren/")  # not 'valid rows only'

    run_import.call(run.pk)

    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED and "heeft fouten" in run.message
    assert not Collective.objects.exists()
    page = client.get(f"/import/{run.pk}/").content.decode()
    assert "heeft fouten" in page and "Alleen de goede rijen importeren" in page


def test_the_check_of_an_upload_runs_in_the_background(client, staff_user, settings, tmp_path):
    settings.DATA_DIR, settings.TASKS = tmp_path, QUEUED
    client.force_login(staff_user)
    upload(client, BRAM_CSV)
    run = ImportRun.objects.get()
    page = client.get(f"/import/{run.pk}/").content.decode()
    assert "wordt op de achtergrond gecontroleerd" in page and "Bezig met controleren" in page
    assert client.get(f"/import/{run.pk}/fouten.csv").status_code == 302  # nothing to give yet

    run_dry_run.call(run.pk)

    poll = client.get(f"/import/{run.pk}/voortgang/")
    assert poll.status_code == 204 and poll["HX-Redirect"] == f"/import/{run.pk}/"
    review = client.get(f"/import/{run.pk}/").content.decode()
    assert "Dorpsbelang Holwierde" in review and not progress_path(run).exists()
    errors = client.get(f"/import/{run.pk}/fouten.csv")
    assert errors.status_code == 200 and b"rij" in errors.content.lower()
    assert not Collective.objects.exists()  # a check saves nothing
