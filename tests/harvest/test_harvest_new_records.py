"""Harvesting a dump into an empty register: every record comes in "uit bron X", with its demo
mark, a link to its identifier in the source, provenance per field and an audit event that the
public history shows as the source."""

from opmars.accounts.models import AuditEvent
from opmars.harvest.actions import harvest
from opmars.harvest.models import FieldProvenance, HarvestedRecord
from opmars.registry import public_history
from opmars.registry.models import Collective

from .conftest import dump, row


def test_new_records_come_in_from_the_source(server, source):
    server.files["/dump.zip"] = dump(
        [
            row("wijkkracht", "Wijkkracht Noord", demo="ja"),
            row("zonnedak", "Zonnedak Coöperatie", kind="energiecooperatie", demo="nee"),
        ]
    )
    assert Collective.objects.count() == 0

    assert harvest(source) is True

    source.refresh_from_db()
    assert source.last_status == "ok"
    assert source.counts["nieuw"] == 2
    assert "2 nieuw" in source.last_message
    first = Collective.objects.get(name="Wijkkracht Noord")
    second = Collective.objects.get(name="Zonnedak Coöperatie")
    assert first.source == "uit bron Buurtregister"
    assert first.is_demo is True and second.is_demo is False
    assert second.kind == "energiecooperatie"
    assert first.editors.count() == 0
    assert set(HarvestedRecord.objects.values_list("remote_id", flat=True)) == {
        "wijkkracht",
        "zonnedak",
    }
    said = {p.field: p.value for p in FieldProvenance.objects.filter(collective=first)}
    assert said["name"] == "Wijkkracht Noord"
    assert said["municipality"] == "GM0363"
    assert said["postcode"] == "1011"  # recorded, though only the area: not set as postcode
    assert said["is_open"] == "ja"
    assert {p.source_id for p in FieldProvenance.objects.all()} == {source.pk}
    event = AuditEvent.objects.get(action="collective.harvest.create", collective_pk=first.pk)
    assert event.changes["bron"] == "Buurtregister"
    entries = public_history.entries(first)
    assert entries[0].actor == "bron Buurtregister"
