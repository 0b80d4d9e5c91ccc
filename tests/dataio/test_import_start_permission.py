"""The action that starts an import checks the right itself, not only the page in front of it:
its uploader (or staff), for a network they may import for."""

import pytest

from opmars.accounts.models import AuditEvent
from opmars.common.errors import ActionError
from opmars.dataio.actions import start_import
from opmars.dataio.models import ImportRun
from opmars.networks.models import Network
from tests.dataio.helpers import write

pytestmark = pytest.mark.django_db

CSV = (
    "Naam;Soort;Rechtsvorm;Gemeente\r\nDorpsraad Wierum;dorpsraad;vereniging;Noardeast-Fryslân\r\n"
)


def uploaded(tmp_path, actor, network):
    path = write(tmp_path, CSV)
    return ImportRun.objects.create(
        actor=actor, network=network, file_name=path.name, stored_file=str(path)
    )


def refused(actor, run):
    with pytest.raises(ActionError) as refusal:
        start_import(actor, run, valid_only=False)
    assert refusal.value.errors[0]["code"] == "geen_importrecht"
    run.refresh_from_db()
    assert run.dry_run and run.status == ImportRun.Status.PENDING


def test_a_user_without_the_import_right_cannot_start_one(
    tmp_path, kernen, network_admin, other_user
):
    refused(other_user, uploaded(tmp_path, network_admin, kernen))


def test_a_network_admin_cannot_start_an_import_for_another_network(tmp_path, network_admin):
    elders = Network.objects.create(slug="elders", name="Elders", kind="regionaal")
    refused(network_admin, uploaded(tmp_path, network_admin, elders))
    refused(network_admin, uploaded(tmp_path, network_admin, None))  # as Opmars: staff only


def test_nor_another_admins_upload_of_the_same_network(tmp_path, kernen, network_admin):
    colleague = type(network_admin).objects.create_user(email="collega@example.org", password="x")
    kernen.admins.add(colleague)
    refused(colleague, uploaded(tmp_path, network_admin, kernen))


def test_the_uploader_starts_it_once_and_the_import_is_audited(tmp_path, kernen, network_admin):
    run = uploaded(tmp_path, network_admin, kernen)
    assert start_import(network_admin, run, valid_only=False) is True
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE  # tasks run at once in tests
    assert AuditEvent.objects.filter(action="collectives.import", target_id=str(run.pk)).exists()
    assert start_import(network_admin, run, valid_only=False) is False


def test_uploading_and_choosing_columns_check_the_right_too(tmp_path, kernen, network_admin):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from opmars.dataio.actions import choose_columns, upload_for_import

    elders = Network.objects.create(slug="elders", name="Elders", kind="regionaal")
    upload = SimpleUploadedFile("wierum.csv", CSV.encode())
    with pytest.raises(ActionError):
        upload_for_import(network_admin, upload, "collectives", elders)
    assert not ImportRun.objects.exists(), "a refused upload leaves no run behind"

    run = upload_for_import(network_admin, upload, "collectives", kernen)
    colleague = type(network_admin).objects.create_user(email="collega@example.org", password="x")
    kernen.admins.add(colleague)
    with pytest.raises(ActionError):
        choose_columns(colleague, run, {"Naam": "description"}, "dorpsraad")
    choose_columns(network_admin, run, {"Naam": "name", "Soort": "onzin"}, "geen-soort")
    run.refresh_from_db()
    assert run.overrides == {"Naam": "name", "Soort": ""} and run.default_kind == ""
