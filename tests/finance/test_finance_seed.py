"""The demo's routes: the seed file validates, real routes carry a real source, fictitious ones
are marked and named so, and demo collectives of every kind find a route that fits."""

import datetime

import pytest

from opmars.finance import matching
from opmars.finance.demo import SEED_FILE, generate_demo
from opmars.finance.models import FinanceRoute, Level
from opmars.registry.demo import generate_demo as generate_collectives
from opmars.registry.models import Collective

pytestmark = pytest.mark.django_db


def test_the_seed_loads_and_marks_the_fictitious_routes():
    generate_demo(seed=1)
    routes = list(FinanceRoute.objects.all())
    assert len(routes) == len(SEED_FILE.read_text(encoding="utf-8").splitlines()) - 1
    real = [r for r in routes if not r.is_demo]
    demo = [r for r in routes if r.is_demo]
    assert real and all("example.org" not in r.source_url for r in real)
    assert all("fictief" in r.name and "example.org/fictief" in r.source_url for r in demo)
    assert {r.level for r in demo} == set(Level.values)


def test_demo_collectives_find_routes(settings):
    generate_collectives(300, seed=1)
    generate_demo(seed=1)
    today = datetime.date(2027, 1, 15)
    collectives = Collective.objects.filter(is_demo=True).select_related("municipality")
    without = [c for c in collectives if not matching.routes_for(c, today)]
    assert without == []
    gelderse = Collective(kind="energiecooperatie", legal_form="cooperatie_ua", is_demo=True,
                          founded_year=2026, municipality_id="GM1586")  # fmt: skip
    reasons = [m.reason for m in matching.routes_for(gelderse, today)]
    assert (
        "past: energiecoöperatie of energiecollectief, coöperatie U.A., Gelderland, startfase"
        in reasons
    )
