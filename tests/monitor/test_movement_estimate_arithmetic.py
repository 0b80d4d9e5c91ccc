"""The estimate of the whole movement follows its documented method: checked against values
worked out by hand from a small register (docs/movement-estimate.md)."""

import pytest

from opmars.monitor import movement
from opmars.registry.vocab import Kind

YEAR = 2025


def register(counts, facts=None):
    """{year: {kind: figures}} for every reference year and YEAR: `counts` = {kind: {year: n}}
    (a missing year is 0), `facts` = {kind: (members, volunteers, reported)} over YEAR."""
    years = movement.reference_years() | {YEAR}
    found = {}
    for year in years:
        found[year] = {}
        for kind in Kind.values:
            members = volunteers = None
            reported = 0
            if year == YEAR and facts and kind in facts:
                members, volunteers, reported = facts[kind]
            found[year][kind] = {
                "collectives": counts.get(kind, {}).get(year, 0),
                "members": members,
                "members_reported": reported,
                "volunteers": volunteers,
                "volunteers_reported": reported,
            }
    return found


ENERGY = {year: 100 for year in range(2019, 2025)} | {YEAR: 110}
SMALL = register(
    {"energiecooperatie": ENERGY, "bewonersinitiatief": {YEAR: 50}},
    {"energiecooperatie": (10000, 1000, 50), "bewonersinitiatief": (1000, 200, 20)},
)


def kind_row(result, code):
    return next(row for row in result["kinds"] if row["code"] == code)


def test_energy_is_the_latest_published_count_carried_by_the_registers_growth():
    # 702 (2024) × 110 / 100; low: 582 (2019) × 1.1 less 10 %; high: 714 (2023) × 1.1 plus 10 %.
    band = kind_row(movement.estimate(YEAR, SMALL), "energiecooperatie")["estimate"]["collectives"]
    assert band == {"value": 772, "low": 576, "high": 864}


def test_a_kind_the_register_lacks_keeps_its_published_count():
    result = movement.estimate(YEAR, SMALL)
    # Care communities: 1471 (2020), a dated count: ±10 %.
    assert kind_row(result, "zorgcooperatie")["estimate"]["collectives"] == {
        "value": 1470,
        "low": 1320,
        "high": 1620,
    }
    # Village organisations: 'more than 4000', undated: not lowered, 25 % up.
    assert kind_row(result, "dorpsraad")["estimate"]["collectives"] == {
        "value": 4000,
        "low": 4000,
        "high": 5000,
    }


def test_a_kind_without_a_published_figure_counts_the_register_up_to_the_pooled_coverage():
    result = movement.estimate(YEAR, SMALL)
    # Pooled coverage: 100 energy collectives in 2024 of 702, 0 care communities of 1471.
    assert result["pooled_coverage"] == pytest.approx(100 / (702 + 1471))
    band = kind_row(result, "bewonersinitiatief")["estimate"]["collectives"]
    assert band == {"value": 50, "low": 50, "high": 1090}  # 50 / (100 / 2173) = 1086.5


def test_the_total_is_the_sum_of_the_kinds_and_never_below_the_vu_lower_bound():
    result = movement.estimate(YEAR, SMALL)
    # Sums: value 772.2 + 1471 + 4000 + 50 = 6293.2 and low 5950.08, both below 7400;
    # high 863.94 + 1618.1 + 5000 + 1086.5 = 8568.54.
    assert result["collectives"] == {"value": 7400, "low": 7400, "high": 8570}
    assert result["floor"]["applies"] is True
    assert result["floor"]["added"] == {"value": 1110, "low": 1450, "high": 0}


def test_the_floor_does_not_apply_before_the_year_of_the_vu_study():
    early = register({"energiecooperatie": ENERGY | {2023: 110}})
    result = movement.estimate(2023, early)
    assert result["floor"]["applies"] is False
    assert result["collectives"]["value"] < 7400


def test_members_are_collectives_times_people_per_collective():
    result = movement.estimate(YEAR, SMALL)
    energy = kind_row(result, "energiecooperatie")
    # Energy: 131,000 members over 714 cooperatives (2023), ±25 %.
    per = 131000 / 714
    assert energy["ratios"]["members"]["from"] == "energy_coop_members_2023"
    assert energy["estimate"]["members"] == {
        "value": movement.significant(772.2 * per),
        "low": movement.significant(582 * 1.1 * 0.9 * per * 0.75),
        "high": movement.significant(714 * 1.1 * 1.1 * per * 1.25),
    }
    # Volunteers of energy: the register's own average, 1000 / 50 = 20, ±50 %.
    assert energy["estimate"]["volunteers"] == {
        "value": movement.significant(772.2 * 20),
        "low": movement.significant(582 * 1.1 * 0.9 * 20 * 0.5),
        "high": movement.significant(714 * 1.1 * 1.1 * 20 * 1.5),
    }
    # Care communities: the survey's 28,000 members of 323 communities.
    care = kind_row(result, "zorgcooperatie")
    assert care["estimate"]["members"]["value"] == movement.significant(1471 * 28000 / 323)


def test_rounding_keeps_three_significant_digits_and_small_numbers_whole():
    assert movement.significant(128834) == 129000
    assert movement.significant(7) == 7
    assert movement.significant(772.2) == 772
    assert movement.significant(None) is None
