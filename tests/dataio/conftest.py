"""A network and the kinds of records its admin's import meets (decision 0038): its members
with and without editors of their own, collectives outside it, an unlisted one, and one the
admin edits themselves."""

from types import SimpleNamespace

import pytest

from opmars.accounts.models import User
from opmars.dataio import tasks
from opmars.dataio.models import ImportRun
from opmars.networks.models import Membership, Network
from opmars.registry.models import Collective
from tests.dataio.helpers import BRAM_CSV, NOW, upload


@pytest.fixture
def kernen(db):
    return Network.objects.create(slug="kleine-kernen", name="Kleine Kernen", kind="regionaal")


@pytest.fixture
def network_admin(kernen):
    admin = User.objects.create_user(email="netwerk@example.org", password="geheim-wachtwoord-1")
    kernen.admins.add(admin)
    return admin


@pytest.fixture
def records(make_collective, kernen, network_admin):
    def made(name, member=False, editors=True, **fields):
        collective = make_collective(name=name, contact_email="bestuur@example.org")
        if not editors:
            collective.editors.clear()
        if member:
            Membership.objects.create(network=kernen, collective=collective)
        if fields:
            Collective.objects.filter(pk=collective.pk).update(**fields)
            collective.refresh_from_db()
        return collective

    own = make_collective(actor=network_admin, name="Dorpsraad Eigen")
    return SimpleNamespace(
        orphan=made("Dorpsraad Wees", member=True, editors=False),
        member=made("Dorpsraad Lid", member=True),
        outside=made("Energie Buiten"),
        outside_orphan=made("Energie Buiten Wees", editors=False),
        unlisted=made("Verborgen Hof", is_unlisted=True, kvk_number="55556666"),
        own=own,
    )


# Web imports queued but run by no worker, as in production until `opmars worker` takes them.
QUEUED = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def clock(monkeypatch):
    monkeypatch.setattr(tasks, "clock", lambda: NOW)


@pytest.fixture
def queued(client, staff_user, settings, tmp_path, clock):
    """An upload that was checked and then queued for its real run (valid rows only)."""
    settings.DATA_DIR, settings.TASKS = tmp_path, QUEUED
    client.force_login(staff_user)
    upload(client, BRAM_CSV)
    run = ImportRun.objects.get()
    tasks.run_dry_run.call(run.pk)
    client.post(f"/import/{run.pk}/importeren/", {"valid_only": "1"})
    run.refresh_from_db()
    return run
