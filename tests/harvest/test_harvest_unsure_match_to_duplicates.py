"""A row that looks like existing records but matches none of them for sure comes in as a new
record, and the pair lands in the duplicates queue for staff to decide."""

from opmars.dataio.models import DuplicateCandidate
from opmars.harvest.actions import harvest
from opmars.registry.models import Collective

from .conftest import dump, row


def test_an_unsure_match_goes_to_the_duplicates_queue(server, source, make_collective, staff_user):
    # Two namesakes in the same municipality: neither is a sure match for the row.
    one = make_collective(actor=staff_user, name="Dorpsraad Oosterend")
    two = make_collective(actor=staff_user, name="Dorpsraad Oosterend")
    server.files["/dump.zip"] = dump([row("oosterend", "Dorpsraad Oosterend")])

    assert harvest(source)

    source.refresh_from_db()
    assert source.counts["nieuw"] == 1
    assert source.counts["dubbel"] == 1
    new = Collective.objects.exclude(pk__in=[one.pk, two.pk]).get()
    assert new.source == "uit bron Buurtregister"
    pair = DuplicateCandidate.objects.get(second=new)
    assert pair.first_id in {one.pk, two.pk}
    assert pair.status == DuplicateCandidate.Status.OPEN
    one.refresh_from_db()
    assert one.source == ""  # nothing of the source written onto the existing records
