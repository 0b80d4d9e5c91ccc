"""A second harvest after a change in the source updates only the changed field, and its
provenance says the new value since the second harvest; the others keep their first date."""

from datetime import timedelta

from django.utils import timezone

from opmars.accounts.models import AuditEvent
from opmars.harvest.actions import harvest
from opmars.harvest.models import FieldProvenance
from opmars.registry import public_history
from opmars.registry.models import Collective

from .conftest import dump, row


def test_only_the_changed_field_is_updated(server, source):
    rows = [row("wijkkracht", "Wijkkracht Noord"), row("zonnedak", "Zonnedak Oost")]
    server.files["/dump.zip"] = dump(rows)
    assert harvest(source)
    collective = Collective.objects.get(name="Wijkkracht Noord")
    first_seen = timezone.now() - timedelta(days=3)
    FieldProvenance.objects.filter(collective=collective).update(seen_at=first_seen)
    untouched = Collective.objects.get(name="Zonnedak Oost").updated_at

    rows[0]["description"] = "Wij helpen buren, nu ook met vervoer."
    server.files["/dump.zip"] = dump(rows)
    assert harvest(source)

    source.refresh_from_db()
    assert source.counts["bijgewerkt"] == 1
    assert source.counts["ongewijzigd"] == 1
    assert source.counts["nieuw"] == 0
    collective.refresh_from_db()
    assert collective.description == "Wij helpen buren, nu ook met vervoer."
    assert collective.name == "Wijkkracht Noord"
    assert Collective.objects.get(name="Zonnedak Oost").updated_at == untouched
    event = AuditEvent.objects.get(action="collective.harvest.update")
    changed = set(event.changes) - {"bron"}
    assert changed == {"description"}
    said = {p.field: p for p in FieldProvenance.objects.filter(collective=collective)}
    assert said["description"].value == "Wij helpen buren, nu ook met vervoer."
    assert said["description"].seen_at > first_seen
    assert said["name"].seen_at == first_seen  # said the same since the first harvest
    assert said["name"].checked_at > first_seen
    # The public history names the source as the actor, and only the changed field.
    latest = public_history.entries(collective)[0]
    assert latest.actor == "bron Buurtregister"
    assert [c["after_shown"] for c in latest.changes] == ["Wij helpen buren, nu ook met vervoer."]
