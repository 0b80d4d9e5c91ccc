"""The schedule: a source is due when its interval has passed since its last run; the task
(and `opmars harvest`, run from cron) harvests only the due ones."""

from datetime import timedelta

from django.utils import timezone

from opmars import cli
from opmars.harvest.actions import due_sources
from opmars.harvest.models import HarvestSource
from opmars.harvest.tasks import harvest_due

from .conftest import dump, row


def test_due_sources(db):
    now = timezone.now()
    never = HarvestSource.objects.create(name="a", url="https://a.example/", kind="csv")
    recent = HarvestSource.objects.create(
        name="b", url="https://b.example/", kind="csv", last_run_at=now - timedelta(hours=1)
    )
    old = HarvestSource.objects.create(
        name="c", url="https://c.example/", kind="csv", last_run_at=now - timedelta(hours=25)
    )
    HarvestSource.objects.create(name="d", url="https://d.example/", kind="csv", is_active=False)
    HarvestSource.objects.create(name="e", url="https://e.example/", kind="csv", interval_hours=0)

    assert {s.name for s in due_sources(now)} == {never.name, old.name}
    assert recent.is_due(now + timedelta(hours=24))


def test_the_task_harvests_the_due_sources(server, source):
    server.files["/dump.zip"] = dump([row("a", "Wijkkracht Noord")])
    assert harvest_due.enqueue().return_value == {"Buurtregister": True}
    source.refresh_from_db()
    assert source.last_status == "ok"
    # Just harvested: not due again.
    assert harvest_due.enqueue().return_value == {}


def test_the_command_harvests_the_due_sources(server, source, capsys):
    server.files["/dump.zip"] = dump([row("a", "Wijkkracht Noord")])
    cli.main(["harvest"])
    assert "Buurtregister: gelukt." in capsys.readouterr().out
