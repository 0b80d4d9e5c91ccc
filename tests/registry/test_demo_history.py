"""The demo looks like the movement: its national curves follow the sector's published series in
shape (docs/demo.md), and every demo collective's life is recorded as events and periods that
agree with its record and its yearly facts."""

from collections import defaultdict
from datetime import date

import pytest
from django.db.models import Count

from opmars.monitor.comparison import energy_cooperatives_by_year
from opmars.registry import demo, history
from opmars.registry.demo import LAST_FACTS_YEAR, generate_demo
from opmars.registry.models import ActivePeriod, Collective, LifeEvent, YearlyFacts
from opmars.registry.vocab import EventKind

pytestmark = pytest.mark.django_db

COUNT, SEED = 1000, 6


@pytest.fixture
def lives():
    """{collective: [its events, oldest first]} of a freshly generated demo."""
    generate_demo(COUNT, seed=SEED)
    collectives = {c.pk: c for c in Collective.objects.all()}
    events = defaultdict(list)
    for event in LifeEvent.objects.all():
        events[event.collective_id].append(event)
    return {collectives[pk]: history.ordered(made) for pk, made in events.items()}


def active_at_end_of(year):
    return ActivePeriod.objects.filter(start_year__lte=year, end_year__gt=year).count()


def test_foundings_in_each_of_the_last_two_complete_years(lives):
    founded = dict(Collective.objects.values_list("founded_year").annotate(n=Count("id")))
    assert founded.get(LAST_FACTS_YEAR - 1, 0) > COUNT / 100
    assert founded.get(LAST_FACTS_YEAR, 0) > COUNT / 100


def test_active_collectives_grow_in_most_years(lives):
    active = {year: active_at_end_of(year) for year in range(2010, LAST_FACTS_YEAR + 1)}
    grew = [year for year in range(2011, LAST_FACTS_YEAR + 1) if active[year] > active[year - 1]]
    assert len(grew) >= 12, active
    assert active[LAST_FACTS_YEAR] > 1.5 * active[2010]


def test_some_stop_and_some_have_dormant_spells(lives):
    kinds = defaultdict(int)
    for events in lives.values():
        for event in events:
            kinds[event.kind] += 1
    assert kinds[EventKind.GESTOPT] > COUNT / 50
    assert kinds[EventKind.SLAPEND] > COUNT / 100
    assert kinds[EventKind.HERACTIVEERD] > 0
    stopped_while_dormant = [
        events
        for events in lives.values()
        if [e.kind for e in events if e.kind in history.STATUS_AFTER][-2:]
        == [EventKind.SLAPEND, EventKind.GESTOPT]
    ]
    assert stopped_while_dormant


def test_share_with_paid_staff_rises(lives):
    # The first paid staff member's event, for the years before the facts begin (2016).
    first_paid = {
        c.pk: e.year for c, events in lives.items() for e in events if e.kind == "betaalde_kracht"
    }

    def share_by_events(year):
        active = ActivePeriod.objects.filter(start_year__lte=year, end_year__gt=year)
        ids = set(active.values_list("collective_id", flat=True))
        return sum(1 for pk in ids if first_paid.get(pk, 9999) <= year) / len(ids)

    def share_by_facts(year):
        known = YearlyFacts.objects.filter(year=year).exclude(paid_staff=None)
        return known.filter(paid_staff__gt=0).count() / known.count()

    assert 0.03 < share_by_events(2015) < share_by_events(2025) < 0.5
    assert 0.03 < share_by_facts(2016) < share_by_facts(2025) < 0.5


def test_every_record_says_what_its_last_status_event_says(lives):
    assert len(lives) == Collective.objects.count() == COUNT
    for collective, events in lives.items():
        assert {e.source for e in events} == {history.SOURCE_DEMO}
        assert history.sequence_errors(events, date.today()) == []
        founding = next(e for e in events if e.kind == EventKind.OPGERICHT)
        assert founding.year == collective.founded_year
        last = [e for e in events if e.kind in history.STATUS_AFTER][-1]
        assert collective.status == history.STATUS_AFTER[EventKind(last.kind)]
        expected_year = None if last.kind == EventKind.OPGERICHT else last.year
        assert collective.status_year == expected_year


def test_periods_follow_from_the_events(lives):
    periods = defaultdict(list)
    for row in ActivePeriod.objects.order_by("start_year"):
        periods[row.collective_id].append((row.start_year, row.end_year, row.legal_form))
    for collective, events in lives.items():
        assert periods[collective.pk] == history.periods_from(events, collective.legal_form)


def test_no_facts_after_a_stop_nor_in_a_year_spent_dormant(lives):
    periods = defaultdict(list)
    for pk, start, end in ActivePeriod.objects.values_list(
        "collective_id", "start_year", "end_year"
    ):
        periods[pk].append((start, end))
    stops = dict(LifeEvent.objects.filter(kind="gestopt").values_list("collective_id", "year"))
    for pk, year in YearlyFacts.objects.values_list("collective_id", "year"):
        assert year <= stops.get(pk, year)
        assert any(start <= year <= end for start, end in periods[pk]), (pk, year)
    ended = [pk for pk, spans in periods.items() if any(end < 2020 for _s, end in spans)]
    assert ended, "no collective stopped or fell dormant before the last years"


def test_first_paid_staff_event_agrees_with_the_facts(lives):
    first_paid = {
        c.pk: e.year for c, events in lives.items() for e in events if e.kind == "betaalde_kracht"
    }
    assert len(first_paid) > COUNT / 20
    first_with_staff = {}
    for pk, year, paid in YearlyFacts.objects.order_by("year").values_list(
        "collective_id", "year", "paid_staff"
    ):
        if paid:
            first_with_staff.setdefault(pk, year)
        elif pk in first_paid and year >= first_paid[pk]:
            assert paid is None, (pk, year)  # once paid, unknown at most, never zero
    for pk, year in first_with_staff.items():
        assert first_paid[pk] <= year
    for pk, year in first_paid.items():
        # Dated by the first facts year with paid staff, or before the facts begin.
        assert first_with_staff.get(pk) == year or year < LAST_FACTS_YEAR - 9
    for events in lives.values():
        paid = [e for e in events if e.kind == "betaalde_kracht"]
        assert all(e.precision == "jaar" and e.date == date(e.year, 1, 1) for e in paid)


def test_some_facts_are_left_unknown(lives):
    facts = YearlyFacts.objects.all()
    total = facts.count()
    for field in ("paid_staff", "income_grants", "income_donations", "income_other"):
        unknown = facts.filter(**{field: None}).count()
        assert 0 < unknown < total, field


def test_the_energy_curve_follows_the_published_counts():
    curve, measured = demo._curve("energie")
    published = {year: f["value"] for year, f in energy_cooperatives_by_year().items()}
    assert measured == set(published)
    first = min(published)
    for year, value in published.items():
        assert curve[year] / curve[first] == pytest.approx(value / published[first])
    # Foundings go on in the last two years, though the published count fell in 2024.
    years, cumulative = demo.founding_weights()["energiecooperatie"]
    assert years[-1] == LAST_FACTS_YEAR
    assert cumulative[-1] > cumulative[-2] > cumulative[-3]
