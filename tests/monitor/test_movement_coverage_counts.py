"""Per kind, every published sector figure stands beside the register's count of the same
year, and coverage is that count divided by the published figure."""

import pytest

from opmars.monitor import comparison, metrics, movement


@pytest.mark.django_db
def test_each_published_energy_count_has_the_registers_count_of_its_year(demo_set):
    found = movement.movement(2025)
    energy = next(row for row in found["kinds"] if row["code"] == "energiecooperatie")
    counts = [f for f in energy["published"] if f["measure"] == "collectives"]
    assert [f["year"] for f in counts] == [2019, 2020, 2021, 2022, 2023, 2024]
    for figure in counts:
        by_kind = metrics.by_kind(metrics.national(), figure["year"])
        counted = next(r["count"] for r in by_kind if r["code"] == "energiecooperatie")
        assert figure["counted"] == counted
        assert figure["coverage"] == round(counted / figure["value"], 3)
        assert figure["source"] and figure["unit"] == "collectives"


@pytest.mark.django_db
def test_members_figures_are_set_against_the_reported_members_of_that_year(demo_set):
    energy = next(r for r in movement.movement(2025)["kinds"] if r["code"] == "energiecooperatie")
    members_2023 = next(f for f in energy["published"] if f["key"] == "energy_coop_members_2023")
    facts = metrics.counted_facts(metrics.kind_area("energiecooperatie"), 2023)
    assert members_2023["counted"] == sum(
        facts.exclude(members=None).values_list("members", flat=True)
    )


@pytest.mark.django_db
def test_an_undated_figure_is_set_against_the_chosen_year(demo_set):
    village = next(r for r in movement.movement(2025)["kinds"] if r["code"] == "dorpsraad")
    lvkk = next(f for f in village["published"] if f["key"] == "village_organisations_lvkk")
    assert lvkk["year"] is None and lvkk["compared_year"] == 2025


def test_the_care_survey_numbers_are_those_in_the_reference_figures_note():
    care = next(f for f in comparison.reference_figures() if f["key"] == "care_communities_2020")
    survey = movement.CARE_SURVEY
    for number in (survey["answered"], survey["members"], survey["volunteers"]):
        assert str(number) in care["note"]
