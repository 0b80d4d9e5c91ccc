"""The monitor sums an area's social value in the database; the impact engine's aggregate is the
rule (Σ PV / Σ I, bounds the sums of the shown ranges, decision 0046). Both give one answer."""

import pytest

from opmars.impact import engine
from opmars.impact.demo import generate_impact_demo
from opmars.impact.models import ImpactReport
from opmars.monitor import metrics


@pytest.fixture
def reports(demo_set):
    generate_impact_demo(seed=2)
    return ImpactReport.objects.filter(status="gepubliceerd", year=2025).exclude(present_value=None)


def engine_answer(rows):
    result = engine.aggregate(
        engine.Member(pv, inputs or 0, p10, p90) for pv, inputs, p10, p90 in rows
    )
    return {
        "reports": result["count"],
        "present_value": round(result["present_value"]),
        "inputs": round(result["inputs"]),
        "ratio": None if result["sroi_ratio"] is None else round(result["sroi_ratio"], 2),
        "lower_bound": None if result["lower_bound"] is None else round(result["lower_bound"]),
        "upper_bound": None if result["upper_bound"] is None else round(result["upper_bound"]),
    }


@pytest.mark.django_db
def test_the_database_sums_give_the_engines_answer(reports):
    rows = reports.values_list("present_value", "inputs_total", "p10", "p90")
    assert metrics.social_value(metrics.national(), 2025) == engine_answer(rows)


@pytest.mark.django_db
def test_a_central_value_outside_its_percentiles_widens_the_bounds(reports):
    report = reports.first()
    reports.filter(pk=report.pk).update(p90=report.present_value / 2, p10=report.present_value / 4)
    rows = reports.values_list("present_value", "inputs_total", "p10", "p90")
    value = metrics.social_value(metrics.national(), 2025)
    assert value == engine_answer(rows)
    assert value["lower_bound"] <= value["present_value"] <= value["upper_bound"]


@pytest.mark.django_db
def test_a_report_without_percentiles_leaves_the_bounds_unknown(reports):
    reports.filter(pk=reports.first().pk).update(p10=None)
    value = metrics.social_value(metrics.national(), 2025)
    assert value["reports"] == reports.count()
    assert value["lower_bound"] is None and value["upper_bound"] is None


@pytest.mark.django_db
def test_an_area_without_reports_has_no_value_and_no_bounds(reports):
    value = metrics.social_value(metrics.national(), 2019)
    assert value["reports"] == 0
    assert value["lower_bound"] is None and value["ratio"] is None
