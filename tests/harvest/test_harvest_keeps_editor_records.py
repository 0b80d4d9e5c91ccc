"""A collective its own editors keep is matched but not overwritten: the source's value is only
recorded as what that source says."""

from opmars.harvest.actions import harvest
from opmars.harvest.models import FieldProvenance, HarvestedRecord
from opmars.registry.models import Collective

from .conftest import dump, row


def test_an_editor_kept_record_is_not_overwritten(server, source, make_collective):
    kept = make_collective(name="Wijkkracht Noord", description="Onze eigen tekst.")
    assert kept.editors.exists()
    server.files["/dump.zip"] = dump(
        [row("wijkkracht", "Wijkkracht Noord", description="Tekst van de bron.")]
    )

    assert harvest(source)

    source.refresh_from_db()
    assert source.counts["redactie"] == 1
    assert source.counts["nieuw"] == 0
    assert Collective.objects.count() == 1
    kept.refresh_from_db()
    assert kept.description == "Onze eigen tekst."
    assert kept.source == ""
    said = FieldProvenance.objects.get(collective=kept, field="description", source=source)
    assert said.value == "Tekst van de bron."
    assert HarvestedRecord.objects.get(source=source).collective == kept
