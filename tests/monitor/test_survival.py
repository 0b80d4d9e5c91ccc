"""Cohort survival (issue 14): the product-limit estimate on whole years, and the cohort table
counted from the register's life events."""

import datetime
from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from opmars.monitor import metrics, survival
from opmars.monitor.survival import Step, product_limit, product_limit_counts, survival_at
from opmars.registry import actions
from tests.conftest import collective_data

# The textbook example: remission times in weeks of the 21 leukaemia patients on 6-MP (Freireich
# et al. 1963, as in Gehan 1965 and Kleinbaum & Klein, "Survival Analysis", chapter 2); "+" is
# censored. Worked by hand, n = at risk, d = events, c = censored; events before censoring at the
# same time (6 and 10), so the censored count in n there:
#
#   time  n  d  c  S(t)
#    6   21  3  1  18/21                      = 6/7      = 0.8571
#    7   17  1  0  6/7 · 16/17                = 96/119   = 0.8067
#    9   16  0  1  (no event, S unchanged)
#   10   15  1  1  96/119 · 14/15             = 64/85    = 0.7529
#   11   13  0  1
#   13   12  1  0  64/85 · 11/12              = 176/255  = 0.6902
#   16   11  1  0  176/255 · 10/11            = 32/51    = 0.6275
#   17   10  0  1
#   19    9  0  1
#   20    8  0  1
#   22    7  1  0  32/51 · 6/7                = 64/119   = 0.5378
#   23    6  1  0  64/119 · 5/6               = 160/357  = 0.4482
#   25    5  0  1
#   32    4  0  2
#   34    2  0  1
#   35    1  0  1
#
# n at each time is the previous n minus the previous d and c (21 - 3 - 1 = 17 at week 7).
SIX_MP = (
    [(6, True)] * 3
    + [(6, False), (7, True), (9, False), (10, True), (10, False), (11, False), (13, True)]
    + [(16, True), (17, False), (19, False), (20, False), (22, True), (23, True), (25, False)]
    + [(32, False), (32, False), (34, False), (35, False)]
)
SIX_MP_TABLE = [
    (6, 21, 3, 1, Fraction(6, 7)),
    (7, 17, 1, 0, Fraction(96, 119)),
    (9, 16, 0, 1, Fraction(96, 119)),
    (10, 15, 1, 1, Fraction(64, 85)),
    (11, 13, 0, 1, Fraction(64, 85)),
    (13, 12, 1, 0, Fraction(176, 255)),
    (16, 11, 1, 0, Fraction(32, 51)),
    (17, 10, 0, 1, Fraction(32, 51)),
    (19, 9, 0, 1, Fraction(32, 51)),
    (20, 8, 0, 1, Fraction(32, 51)),
    (22, 7, 1, 0, Fraction(64, 119)),
    (23, 6, 1, 0, Fraction(160, 357)),
    (25, 5, 0, 1, Fraction(160, 357)),
    (32, 4, 0, 2, Fraction(160, 357)),
    (34, 2, 0, 1, Fraction(160, 357)),
    (35, 1, 0, 1, Fraction(160, 357)),
]


def test_product_limit_gives_the_textbook_table_worked_by_hand():
    steps = product_limit(SIX_MP)
    assert [(s.time, s.at_risk, s.events, s.censored) for s in steps] == [
        row[:4] for row in SIX_MP_TABLE
    ]
    for step, row in zip(steps, SIX_MP_TABLE, strict=True):
        assert step.survival == pytest.approx(float(row[4]), abs=1e-12), step.time
    # The published, rounded figures.
    published = {6: 0.857, 7: 0.807, 10: 0.753, 13: 0.690, 16: 0.627, 22: 0.538, 23: 0.448}
    assert {s.time: round(s.survival, 3) for s in steps if s.events} == published


def test_survival_at_reads_the_step_function_and_the_number_at_risk():
    steps = product_limit(SIX_MP)
    assert survival_at(steps, 1) == (1.0, 21)  # before the first event everyone is at risk
    assert survival_at(steps, 6) == (pytest.approx(6 / 7), 21)
    assert survival_at(steps, 8) == (pytest.approx(96 / 119), 16)  # at risk: times >= 8
    assert survival_at(steps, 35) == (pytest.approx(160 / 357), 1)
    assert survival_at(steps, 36) == (None, 0)  # nobody followed that long: unknown, not 0


def test_events_come_before_censoring_at_the_same_time():
    # At time 2: one stop and one censored; both are at risk at 2, so S(2) = 1 - 1/3.
    # (Censoring first would give 1 - 1/2.) At 3 the censored one has left: S = 2/3 · 0/1.
    steps = product_limit([(2, True), (2, False), (3, True)])
    assert steps == [Step(2, 3, 1, 1, pytest.approx(2 / 3)), Step(3, 1, 1, 0, 0.0)]


def test_all_censored_is_survival_one_and_unknown_after_the_last():
    steps = product_limit([(1, False), (4, False), (4, False), (9, False)])
    assert [s.survival for s in steps] == [1.0, 1.0, 1.0]
    assert survival_at(steps, 1) == (1.0, 4)
    assert survival_at(steps, 5) == (1.0, 1)
    assert survival_at(steps, 10) == (None, 0)


def test_a_known_zero_is_not_hidden_as_unknown():
    steps = product_limit([(0, True), (2, True), (3, True)])
    assert survival_at(steps, 1) == (pytest.approx(2 / 3), 2)
    assert survival_at(steps, 10) == (0.0, 0)  # all followed ones had stopped by year 3


def test_nothing_to_estimate():
    assert product_limit([]) == []
    assert survival_at([], 1) == (None, 0)
    assert product_limit_counts([(3, True, 0), (5, False, 0)]) == []
    with pytest.raises(ValueError):
        product_limit_counts([(3, True, -1)])


@given(st.lists(st.tuples(st.integers(0, 15), st.booleans(), st.integers(0, 4)), max_size=30))
def test_grouped_counts_give_the_same_table_as_one_pair_per_subject(groups):
    expanded = [(time, stopped) for time, stopped, n in groups for _ in range(n)]
    grouped = product_limit_counts(groups)
    assert grouped == product_limit(expanded)
    shares = [s.survival for s in grouped]
    assert all(0 <= a <= 1 for a in shares)
    assert shares == sorted(shares, reverse=True)
    if grouped:
        assert grouped[0].at_risk == len(expanded)


def point(table, label, years):
    row = next(c for c in table["cohorts"] if c["label"] == label)
    return next((p["survival"], p["at_risk"]) for p in row["points"] if p["years"] == years)


def test_survival_table_groups_cohorts_and_counts_what_it_leaves_out():
    rows = [
        (None, None, 7),  # founding year unknown
        (None, 2015, 2),
        (2026, None, 3),  # founded after the last complete year
        (1985, 2012, 1),  # before the first cohort
        (1989, None, 4),
        (2000, 2000, 1),
        (2003, None, 2),
        (2004, 2026, 1),  # a stop in the running year is not counted yet: censored at 21
        (2010, 2008, 1),  # stop dated before the founding: stops at once
    ]
    table = survival.survival_table(rows, 5, 2025)
    assert table["without_founded_year"] == 9
    assert table["founded_after"] == 3
    assert table["definition"] == "cohort_survival"
    assert table["times"] == [1, 5, 10]
    labels = [c["label"] for c in table["cohorts"]]
    assert labels[:3] == ["vóór 1990", "1990–1994", "1995–1999"]
    assert labels[-2:] == ["2020–2024", "2025"]  # the last cohort ends at the last complete year
    before = table["cohorts"][0]
    assert (before["founded"], before["stopped"]) == (5, 1)
    assert point(table, "vóór 1990", 10) == (1.0, 5)  # the 1985 stop came after 27 years
    early = next(c for c in table["cohorts"] if c["label"] == "2000–2004")
    assert (early["founded"], early["stopped"]) == (4, 1)
    assert point(table, "2000–2004", 1) == (0.75, 3)
    assert point(table, "2010–2014", 1) == (0.0, 0)
    assert point(table, "1990–1994", 1) == (None, 0)  # nobody founded: unknown
    by_year = survival.survival_table(rows, 1, 2025)
    assert [c["label"] for c in by_year["cohorts"][1:3]] == ["1990", "1991"]
    assert point(by_year, "2000", 1) == (0.0, 0)
    assert point(by_year, "2004", 10) == (1.0, 1)
    with pytest.raises(ValueError):
        survival.survival_table(rows, 0, 2025)


@pytest.fixture
def last_year_2025(monkeypatch):
    monkeypatch.setattr(survival, "last_complete_year", lambda: 2025)


def make(make_collective, founded, status="actief", status_year=None, **extra):
    return make_collective(founded_year=founded, status=status, status_year=status_year, **extra)


@pytest.mark.django_db
def test_cohort_survival_of_an_area_from_the_register(make_collective, last_year_2025):
    # 2000–2004, followed to 2025. Durations: 0, 3, 6 stopped; 22 and 21 censored (the dormant
    # one is not a stop). At risk at 1: 4 of 5 (one stopped in its founding year), S = 4/5;
    # at 5: 3, S = 4/5 · 3/4 = 0.6; at 10: 2, S = 0.6 · 2/3 = 0.4.
    make(make_collective, 2000, "gestopt", 2000)
    make(make_collective, 2001, "gestopt", 2004)
    make(make_collective, 2002, "gestopt", 2008)
    make(make_collective, 2003)
    make(make_collective, 2004, "slapend", 2006)
    # 2020–2024: 2020 censored at 5, 2021 stopped at 3, 2022 stopped at 1, 2024 censored at 1.
    # At 1 all four at risk, one stops, the censored one counts as at risk (events first):
    # S = 3/4; at 3: two at risk, one stops: S = 3/8; at 5 only the 2020 one is still followed.
    # The naive share "not stopped" of the cohort would be 2/4.
    make(make_collective, 2020)
    make(make_collective, 2021, "gestopt", 2024)
    make(make_collective, 2022, "gestopt", 2023)
    make(make_collective, 2024)
    make(make_collective, None)
    make(make_collective, None, "gestopt", 2019)
    make(make_collective, 2001, "gestopt", 2001, municipality="GM0014")  # another municipality

    table = survival.cohort_survival(metrics.municipality_area("GM0363"))

    assert table["last_complete_year"] == 2025
    assert table["without_founded_year"] == 2
    early = next(c for c in table["cohorts"] if c["label"] == "2000–2004")
    assert (early["founded"], early["stopped"]) == (5, 3)
    assert point(table, "2000–2004", 1) == (0.8, 4)
    assert point(table, "2000–2004", 5) == (0.6, 3)
    assert point(table, "2000–2004", 10) == (0.4, 2)
    late = next(c for c in table["cohorts"] if c["label"] == "2020–2024")
    assert (late["founded"], late["stopped"]) == (4, 2)
    assert point(table, "2020–2024", 1) == (0.75, 4)
    assert point(table, "2020–2024", 5) == (0.375, 1)
    assert point(table, "2020–2024", 10) == (None, 0)
    assert point(table, "2010–2014", 1) == (None, 0)

    national = survival.cohort_survival(metrics.national())
    # With the one from Groningen, stopped in its founding year: 2 of 6 stopped at 0.
    assert point(national, "2000–2004", 1) == (pytest.approx(4 / 6, abs=1e-4), 4)


@pytest.mark.django_db
def test_the_first_stop_counts_even_after_a_new_start(editor_user, make_collective, last_year_2025):
    collective = make(make_collective, 2005, "gestopt", 2010)
    for status, year in (("actief", 2012), ("gestopt", 2015)):
        actions.update_collective(
            editor_user,
            collective,
            collective_data(
                name=collective.name, founded_year=2005, status=status, status_year=year
            ),
        )
    kinds = list(collective.events.values_list("kind", "year"))
    assert [k for k, _ in kinds].count("gestopt") == 2
    assert survival.first_stops(metrics.municipality_area("GM0363")) == [(2005, 2010, 1)]
    table = survival.cohort_survival(metrics.municipality_area("GM0363"))
    assert point(table, "2005–2009", 1) == (1.0, 1)
    # Stopped in 2010, 5 years after its founding year: not "after 5 years not stopped" (that
    # takes a duration over 5), but at risk then; the later stop in 2015 does not count.
    assert point(table, "2005–2009", 5) == (0.0, 1)
    assert point(table, "2005–2009", 10) == (0.0, 0)


@pytest.mark.django_db
def test_a_stop_in_the_running_year_is_not_counted_yet(make_collective):
    this_year = datetime.date.today().year
    make(make_collective, this_year - 3, "gestopt", this_year)
    table = survival.cohort_survival(metrics.municipality_area("GM0363"))
    assert table["last_complete_year"] == this_year - 1
    cohort = next(c for c in table["cohorts"] if c["founded"])
    assert cohort["stopped"] == 0
    assert [p["at_risk"] for p in cohort["points"]] == [1, 0, 0]
    assert [p["survival"] for p in cohort["points"]] == [1.0, None, None]


@pytest.mark.django_db
def test_one_query_for_an_area(make_collective):
    make(make_collective, 2010, "gestopt", 2012)
    make(make_collective, 2011)
    area = metrics.municipality_area("GM0363")
    with CaptureQueriesContext(connection) as queries:
        rows = survival.first_stops(area)
    # The directory filter may look up the codes it accepts; the register is asked once.
    asked = [q["sql"] for q in queries.captured_queries if "registry_" in q["sql"]]
    assert len(asked) == 1 and "GROUP BY" in asked[0]
    assert sorted(rows) == [(2010, 2012, 1), (2011, None, 1)]
