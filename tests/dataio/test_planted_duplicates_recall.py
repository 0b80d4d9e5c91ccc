"""The demo plants duplicate pairs (the same name in the same municipality, imported by two
networks); the whole-register search reports how many of them it finds."""

import pytest

from opmars.dataio.actions import merge_collectives
from opmars.dataio.demo import (
    CHANGED,
    PLANTED,
    PLANTED_SCHEME,
    REGISTERED,
    create_staff_journey_start,
)
from opmars.dataio.duplicates import planted_recall, rescan
from opmars.dataio.models import DuplicateCandidate, ExternalId
from opmars.registry.demo import generate_demo

pytestmark = pytest.mark.django_db


def _plant(make_collective, number, first, second):
    for suffix, (name, place) in zip("ab", (first, second), strict=True):
        collective = make_collective(name=name, municipality=place)
        ExternalId.objects.create(
            scheme=PLANTED_SCHEME, value=f"{number}{suffix}", collective=collective
        )


def test_recall_counts_the_planted_pairs_the_search_finds(make_collective, staff_user):
    _plant(make_collective, 1, ("Dorpshuis De Schakel", "Ede"), ("Dorpshuis De Schakel", "Ede"))
    # Two names too far apart to be one collective by name alone: the search misses it.
    _plant(make_collective, 2, ("Dorpshuis Oost", "Ede"), ("Stichting Het Trefpunt", "Ede"))
    assert planted_recall().planted == 2 and planted_recall().found == 0
    lines = []
    rescan(progress=lines.append)
    recall = planted_recall()
    assert (recall.found, recall.percent) == (1, 50)
    assert lines[-1] == "Controle op de geplante dubbelen van de demo: 1 van de 2 gevonden (50%)."
    # A merged pair still counts as found: both identifiers now belong to the kept record.
    pair = DuplicateCandidate.objects.get()
    merge_collectives(staff_user, pair, pair.first)
    assert planted_recall().found == 1


def test_the_demo_plants_pairs_from_two_networks_and_all_are_found(client, staff_user):
    generate_demo(60, seed=5)
    create_staff_journey_start()
    assert create_staff_journey_start() is None  # once
    rescan()
    recall = planted_recall()
    assert recall.planted == len(PLANTED) and recall.percent == 100
    first = ExternalId.objects.filter(scheme=PLANTED_SCHEME, value__in=["1a", "1b"])
    records = [e.collective for e in first.select_related("collective")]
    assert {c.name for c in records} == {PLANTED[0][0]}
    assert len({c.municipality_id for c in records}) == 1
    networks = {n.name for c in records for n in c.networks.all()}
    assert len(networks) == 2 and all("(fictief)" in name for name in networks)
    # And registrations to verify: the new ones and those changed after their verification.
    client.force_login(staff_user)
    queue = client.get("/account/aanmeldingen/").content.decode()
    for name, *_rest in [*REGISTERED, *CHANGED]:
        assert name in queue
    assert f"{len(REGISTERED) + len(CHANGED)} aanmeldingen wachten." in queue
