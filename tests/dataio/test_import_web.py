"""The web import flow for staff: upload, mapping, dry run per row, import, error report."""

import pytest

from opmars.dataio.models import ImportRun
from opmars.registry.models import Collective
from tests.dataio.helpers import BRAM_CSV, upload

pytestmark = pytest.mark.django_db


def test_only_staff_may_import(client, editor_user):
    assert client.get("/import/").status_code == 302  # to the login page
    client.force_login(editor_user)
    assert client.get("/import/").status_code == 403


def test_upload_dry_run_fix_mapping_and_import_valid_rows(client, staff_user, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    client.force_login(staff_user)
    assert "Importeren" in client.get("/").content.decode()
    response = upload(client, BRAM_CSV)
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/import/{run.pk}/"
    page = client.get(f"/import/{run.pk}/").content.decode()
    assert "Haaren" in page and "Kies er één" in page
    assert "Eemsdelta" in page
    assert "Alleen de goede rijen importeren" in page
    assert not Collective.objects.exists()

    errors = client.get(f"/import/{run.pk}/fouten.csv")
    assert "Haaren" in errors.content.decode("utf-8")

    # The user says the Website column is not to be used.
    header = BRAM_CSV.splitlines()[0].split(";")
    post = {f"column-{i}": c for i, c in enumerate(header, 1)}
    post.update({f"field-{i}": "" for i in range(1, len(header) + 1)})
    post.update(
        {"field-1": "name", "field-2": "kind", "field-3": "legal_form", "field-4": "municipality"}
    )
    client.post(f"/import/{run.pk}/kolommen/", post)
    run.refresh_from_db()
    assert run.overrides["Website"] == ""

    response = client.post(f"/import/{run.pk}/importeren/", {"valid_only": "1"})
    assert response.status_code == 302
    done = client.get(f"/import/{run.pk}/").content.decode()
    assert "is geïmporteerd" in done
    assert Collective.objects.filter(name="Dorpsbelang Holwierde").exists()
    assert not Collective.objects.filter(website="https://belang.example").exists()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE and run.counts["nieuw"] >= 2


def test_a_file_with_errors_is_not_imported_without_valid_only(
    client, staff_user, settings, tmp_path
):
    settings.DATA_DIR = tmp_path
    client.force_login(staff_user)
    upload(client, BRAM_CSV)
    run = ImportRun.objects.get()
    client.post(f"/import/{run.pk}/importeren/")
    assert not Collective.objects.exists()


def test_unreadable_file_says_why(client, staff_user, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    client.force_login(staff_user)
    upload(client, "", name="leeg.csv", encoding="utf-8")
    # An empty upload is refused by the form itself.
    assert not ImportRun.objects.exists()
    upload(client, "\n\n", name="leeg.csv", encoding="utf-8")
    run = ImportRun.objects.get()
    assert "leeg" in client.get(f"/import/{run.pk}/").content.decode()
