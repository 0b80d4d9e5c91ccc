"""A record that is no longer in the source is not deleted: it stays, and the run counts it."""

from opmars.harvest.actions import harvest
from opmars.registry.models import Collective

from .conftest import dump, row


def test_a_record_gone_from_the_source_is_kept_and_counted(server, source):
    server.files["/dump.zip"] = dump([row("a", "Wijkkracht Noord"), row("b", "Zonnedak Oost")])
    assert harvest(source)
    server.files["/dump.zip"] = dump([row("a", "Wijkkracht Noord")])

    assert harvest(source)

    source.refresh_from_db()
    assert source.counts["weg"] == 1
    assert "1 niet meer in de bron (blijven staan)" in source.last_message
    assert Collective.objects.filter(name="Zonnedak Oost").exists()
    assert Collective.objects.count() == 2
