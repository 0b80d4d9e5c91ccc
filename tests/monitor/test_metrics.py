"""One definition per metric: the monitor counts what the directory and the API count."""

import pytest

from opmars.geo.models import Municipality, Province
from opmars.monitor import metrics
from opmars.registry.models import Collective, YearlyFacts


@pytest.mark.django_db
def test_municipality_active_count_equals_api_count_for_every_municipality(client, demo_set):
    seats = Collective.objects.values_list("municipality_id", flat=True).distinct()
    for code in set(seats) | {"GM0363", "GM0014"}:
        area = metrics.municipality_area(code)
        answer = client.get("/api/v1/collectives", {"municipality": code, "status": "actief"})
        assert metrics.active_collectives(area) == answer.json()["count"], code


@pytest.mark.django_db
def test_province_sums_equal_the_sum_of_their_municipalities(demo_set):
    for province in Province.objects.all():
        area = metrics.province_area(province.code)
        total = sum(
            metrics.active_collectives(metrics.municipality_area(m.code))
            for m in Municipality.objects.filter(province=province)
        )
        assert metrics.active_collectives(area) == total
        assert sum(row["active"] for row in metrics.by_municipality(area)) == total


@pytest.mark.django_db
def test_national_equals_sum_of_provinces_and_kinds(demo_set):
    year = 2025
    national = metrics.summary(metrics.national(), year)
    provinces = [
        metrics.summary(metrics.province_area(p.code), year) for p in Province.objects.all()
    ]
    assert national["active_collectives"] == sum(p["active_collectives"] for p in provinces)
    assert national["members"] == sum(p["members"] for p in provinces)
    assert national["active_collectives"] == sum(row["count"] for row in national["by_kind"])


@pytest.mark.django_db
def test_members_are_the_sum_of_the_yearly_facts_of_the_year(make_collective):
    first = make_collective(municipality="GM0363")
    second = make_collective(municipality="GM0363", status="gestopt", status_year=2025)
    YearlyFacts.objects.create(collective=first, year=2024, members=10, volunteers=3, paid_staff=1)
    YearlyFacts.objects.create(collective=second, year=2024, members=5, volunteers=None)
    YearlyFacts.objects.create(collective=first, year=2023, members=99)
    totals = metrics.facts_totals(metrics.municipality_area("GM0363"), 2024)
    assert totals == {
        "members": 15,
        "volunteers": 3,
        "paid_staff": 1,
        "reporting": 2,
        "active_people": 4,
        "members_reported": 2,
        "volunteers_reported": 1,
        "paid_staff_reported": 1,
        "active_during_year": 2,
    }


@pytest.mark.django_db
def test_per_thousand_uses_the_population_of_1_january_2024(make_collective):
    make_collective(municipality="GM0363")
    amsterdam = Municipality.objects.get(code="GM0363")
    figures = metrics.summary(metrics.municipality_area("GM0363"), 2025)
    assert figures["population"] == amsterdam.population
    assert figures["population_date"] == "2024-01-01"
    assert figures["per_1000"] == round(1000 / amsterdam.population, 3)


def test_growth_series_counts_founded_stopped_and_active():
    founded = {2000: 3, 2001: 2, 2002: 1}
    stopped = {2003: 2}
    # Three active since 2000, two from 2001 until their stop in 2003, one from 2002 until it
    # fell dormant in 2005.
    periods = [(2000, 9999, 3), (2001, 2003, 2), (2002, 2005, 1)]
    series = {row["year"]: row for row in metrics.growth_series(founded, stopped, periods, 2005)}
    assert series[2000] == {"year": 2000, "founded": 3, "stopped": 0, "active": 3, "net": 3}
    assert series[2002]["active"] == 6
    assert series[2003] == {"year": 2003, "founded": 0, "stopped": 2, "active": 4, "net": -2}
    assert series[2005]["active"] == 3  # dormant in 2005: not active at its end
    assert series[1990]["active"] == 0


@pytest.mark.django_db
def test_cache_follows_the_data(make_collective):
    area = metrics.municipality_area("GM0363")
    assert metrics.summary(area, 2025)["active_collectives"] == 0
    make_collective(municipality="GM0363")
    assert metrics.summary(area, 2025)["active_collectives"] == 1


@pytest.mark.django_db
def test_kind_coverage_is_a_share_of_the_areas_municipalities(make_collective):
    make_collective(municipality="GM0363", kind="energiecooperatie")
    make_collective(municipality="GM0363", kind="energiecooperatie")
    rows = {row["code"]: row for row in metrics.kind_coverage(metrics.province_area("PV27"))}
    energy = rows["energiecooperatie"]
    assert energy["municipalities"] == 1
    assert energy["of"] == Municipality.objects.filter(province="PV27").count()


def test_every_metric_has_a_definition():
    for key in ("active_collectives", "members", "volunteers", "paid_staff", "per_1000"):
        label, text = metrics.DEFINITIONS[key]
        assert label and len(str(text)) > 30


@pytest.mark.django_db
def test_social_value_aggregates_published_reports_with_bounds(demo_set):
    from opmars.impact.demo import generate_impact_demo
    from opmars.impact.models import ImpactReport

    generate_impact_demo(seed=2)
    area = metrics.national()
    published = ImpactReport.objects.filter(status="gepubliceerd", year=2025)
    value = metrics.social_value(area, 2025)
    assert value["reports"] == published.exclude(present_value=None).count() > 0
    assert value["lower_bound"] <= value["present_value"] <= value["upper_bound"]
    assert metrics.social_value(area, 2019)["reports"] == 0
    assert metrics.sdg_contributions(area, 2025)[0]["unit"]
