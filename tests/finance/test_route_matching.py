"""Which open routes fit a collective, with the reason in Dutch; and how many collectives of an
area each route fits (for the reports)."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opmars.finance import actions, matching
from opmars.finance.matching import phase_of
from opmars.finance.models import Phase
from opmars.monitor.metrics import Area

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 1)


@given(st.integers(1900, 2026))
def test_phase_by_age(founded):
    phase = phase_of(founded, 2026)
    age = 2026 - founded
    assert phase == (
        Phase.STARTFASE if age < 3 else Phase.GROEIFASE if age < 10 else Phase.VOLWASSEN
    )


def test_phase_unknown_without_a_founding_year():
    assert phase_of(None, 2026) is None


@pytest.fixture
def coop(make_collective):
    # Oost Gelre, Gelderland; founded 2025: startfase in 2026.
    return make_collective(
        name="Energie Oost Gelre", kind="energiecooperatie", legal_form="cooperatie_ua",
        municipality="GM1586", founded_year=2025,
    )  # fmt: skip


def names(found):
    return [m.route.name for m in found]


def test_the_reason_names_what_fits(coop, make_route):
    make_route()  # Gelderland, energiecooperatie, cooperatie_ua, startfase
    (found,) = matching.routes_for(coop, TODAY)
    assert found.fit == "past"
    assert found.reason == (
        "past: energiecoöperatie of energiecollectief, coöperatie U.A., Gelderland, startfase"
    )


def test_a_route_without_conditions_fits_everyone_in_its_area(coop, make_route):
    make_route(name="Dorpsfonds", level="gemeentelijk", area="GM1586", kinds=[],
               legal_forms=[], phases=[])  # fmt: skip
    (found,) = matching.routes_for(coop, TODAY)
    assert found.reason == "past: Oost Gelre, voor elk collectief"


def test_routes_that_do_not_fit_are_left_out(coop, make_route):
    make_route(name="Andere soort", kinds=["zorgcooperatie"])
    make_route(name="Andere rechtsvorm", legal_forms=["stichting"])
    make_route(name="Andere fase", phases=["volwassen"])
    make_route(name="Andere provincie", area="Utrecht")
    make_route(name="Andere gemeente", level="gemeentelijk", area="Aalten")
    make_route(name="Landelijk", level="landelijk", area="")
    assert names(matching.routes_for(coop, TODAY)) == ["Landelijk"]


def test_closed_future_and_archived_routes_are_left_out(coop, make_route, staff_user):
    make_route(name="Gesloten", is_ongoing="", opens="01-01-2025", closes="28-02-2026")
    make_route(name="Later", opens="01-04-2026")
    actions.archive_route(staff_user, make_route(name="Gearchiveerd"))
    make_route(name="Sluit vandaag", is_ongoing="", opens="", closes="01-03-2026")
    assert names(matching.routes_for(coop, TODAY)) == ["Sluit vandaag"]


def test_unknown_phase_makes_a_phase_route_a_maybe(make_collective, make_route):
    unknown = make_collective(kind="energiecooperatie", legal_form="cooperatie_ua",
                              municipality="GM1586", founded_year=None)  # fmt: skip
    make_route(name="Zeker", phases=[])
    make_route(name="Misschien")
    found = matching.routes_for(unknown, TODAY)
    assert [(m.route.name, m.fit) for m in found] == [
        ("Zeker", "past"), ("Misschien", "past misschien"),
    ]  # fmt: skip
    assert found[1].reason == (
        "past misschien: energiecoöperatie of energiecollectief, coöperatie U.A., Gelderland; "
        "alleen voor startfase, en de fase is onbekend omdat het oprichtingsjaar ontbreekt"
    )


def test_demo_routes_only_for_demo_collectives(coop, make_route, make_collective):
    make_route(name="Verzonnen", is_demo="on")
    assert matching.routes_for(coop, TODAY) == []
    demo = make_collective(kind="energiecooperatie", legal_form="cooperatie_ua",
                           municipality="GM1586", founded_year=2025)  # fmt: skip
    demo.is_demo = True
    demo.save()
    assert names(matching.routes_for(demo, TODAY)) == ["Verzonnen"]


def test_the_first_to_close_comes_first(coop, make_route):
    make_route(name="Doorlopend")
    make_route(name="Sluit later", is_ongoing="", closes="01-12-2026")
    make_route(name="Sluit eerst", is_ongoing="", closes="01-05-2026")
    assert names(matching.routes_for(coop, TODAY)) == ["Sluit eerst", "Sluit later", "Doorlopend"]


def municipality_area(code):
    return Area("municipality", code, "", None, params={"municipality": code})


def test_routes_for_an_area_count_its_collectives(make_collective, make_route):
    for founded in (2025, 2025, 2010, None):
        make_collective(kind="energiecooperatie", legal_form="cooperatie_ua",
                        municipality="GM1586", founded_year=founded)  # fmt: skip
    make_collective(kind="zorgcooperatie", municipality="GM1586", founded_year=2025)
    make_collective(
        kind="energiecooperatie",
        legal_form="cooperatie_ua",
        municipality="GM0197",
        founded_year=2025,
    )  # Aalten: another municipality
    make_route()  # startfase energy cooperatives in Gelderland
    make_route(name="Voor iedereen", level="gemeentelijk", area="GM1586", kinds=[],
               legal_forms=[], phases=[])  # fmt: skip
    make_route(name="Utrecht", area="Utrecht")
    rows = matching.routes_for_area(municipality_area("GM1586"), 2026)
    assert [(r["route"].name, r["collectives"], r["maybe"]) for r in rows] == [
        ("Voor iedereen", 5, 0),
        ("Startfonds Energie", 2, 1),
    ]
    assert rows[1]["who"] == ("energiecoöperatie of energiecollectief; coöperatie U.A.; startfase")
    assert rows[1]["where"] == "Gelderland"


def test_routes_for_an_area_in_another_year(make_collective, make_route):
    make_collective(kind="energiecooperatie", legal_form="cooperatie_ua",
                    municipality="GM1586", founded_year=2020)  # fmt: skip
    make_route(phases=["startfase"], opens="01-01-2020")
    # In 2021 it was a year old: startfase; in 2026 it is not.
    area = municipality_area("GM1586")
    assert [r["collectives"] for r in matching.routes_for_area(area, 2021)] == [1]
    assert matching.routes_for_area(area, 2026) == []
