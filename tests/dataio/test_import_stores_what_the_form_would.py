"""A record the import creates is stored as the form would store it: the import keeps its checked
rows on a spool as plain values, inserts them in bulk with prepared values it reuses between
rows, and sets the year since when a record is active in one pass; none of that may change
what is stored."""

import pytest

from opmars.dataio import importing
from opmars.registry import actions
from opmars.registry.models import Collective
from tests.dataio.helpers import run, write

pytestmark = pytest.mark.django_db

ROWS = [
    # name, kind, municipality, postcode, founded, works in, domains
    (
        "Dorpsraad Oosterend",
        "dorpsraad",
        "Súdwest-Fryslân",
        "",
        "1998",
        "",
        "leefbaarheid_ontmoeting",
    ),
    (
        "Energie Rijswijk",
        "energiecooperatie",
        "GM0603",
        "2282 AB",
        "2014",
        "GM0518, Delft",
        "energie, wonen",
    ),
    ("Zorgzaam Putten", "zorgcooperatie", "Putten", "", "2019", "", ""),
    ("Voedseltuin Zuid", "voedselcollectief", "Utrecht", "3511 AB", "", "Zeist", "voedsel"),
    (
        "Bewoners Noord",
        "bewonersinitiatief",
        "Groningen",
        "",
        "2021",
        "",
        "leefbaarheid_ontmoeting",
    ),
]
HEADER = "Naam;Soort;Gemeente;Postcode;Oprichtingsjaar;Werkgebied;Terreinen\r\n"


def stored(collective):
    """What a record holds, without what differs between any two records (id, slug, times)."""
    values = actions.jsonable(actions.snapshot(collective))
    events = collective.events.order_by("date", "kind")
    return {
        **values,
        "public point": (collective.public_lat, collective.public_lon),
        "precision": collective.location_precision,
        "search_text": collective.search_text,
        "active_since": collective.active_since,
        "events": [(e.kind, e.date, e.precision, e.detail) for e in events],
        "periods": list(collective.periods.values_list("start_year", "end_year", "legal_form")),
    }


def test_an_imported_record_is_stored_as_the_form_stores_it(
    tmp_path, monkeypatch, staff_user, editor_user
):
    monkeypatch.setattr(importing, "BATCH", 2)  # three batches through the spool
    text = HEADER + "".join(";".join(row) + "\r\n" for row in ROWS)
    report = run(write(tmp_path, text), staff_user)
    assert report.imported, report.rows
    imported = {c.name: c for c in Collective.objects.all()}
    assert len(imported) == len(ROWS)
    for collective in imported.values():
        assert collective.created_at is not None and collective.created_at.tzinfo is not None
        assert collective.updated_at == collective.created_at
        assert collective.events.filter(recorded_at__isnull=True).count() == 0
    for name, kind, place, postcode, founded, works_in, domains in ROWS:
        # The columns the file lacks (legal form, status, ...) as the import filled them in.
        data = actions.collective_form_initial(imported[name])
        data.update(name=name, kind=kind, municipality=place, postcode=postcode)
        data.update(founded_year=founded, works_in=works_in)
        data["domains"] = [d.strip() for d in domains.split(",") if d.strip()]
        made = actions.create_collective(editor_user, data)
        assert stored(imported[name]) == {**stored(made), "source": imported[name].source}, name
