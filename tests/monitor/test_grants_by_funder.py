"""Grants by funder type (municipality, province, national government, funds, other) per kind,
from published impact reports, with the reports they come from beside the active collectives."""

import pytest

from opmars.impact.models import ImpactReport, ProxyLibrary, ReportStatus
from opmars.monitor import finance_figures, metrics

YEAR = metrics.last_complete_year()


@pytest.fixture
def zuilen(make_collective):
    library = ProxyLibrary.objects.get(version=1)
    first = make_collective(name="Energie Zuilen", kind="energiecooperatie", municipality="GM0344")
    second = make_collective(name="Zon op Zuilen", kind="energiecooperatie", municipality="GM0344")
    make_collective(name="Zorg Zuilen", kind="zorgcooperatie", municipality="GM0344")
    ImpactReport.objects.create(
        collective=first,
        year=YEAR,
        library=library,
        status=ReportStatus.PUBLISHED,
        grant_municipality=5000,
        grant_funds=2500,
    )
    ImpactReport.objects.create(
        collective=second,
        year=YEAR,
        library=library,
        status=ReportStatus.PUBLISHED,
        grant_municipality=1000,
        grant_province=4000,
    )
    # A draft does not count.
    ImpactReport.objects.create(
        collective=second, year=YEAR - 1, library=library, grant_national=99999
    )
    return metrics.municipality_area("GM0344")


def funder(row, key):
    return next(s["value"] for s in row["funders"] if s["key"] == key)


@pytest.mark.django_db
def test_published_reports_add_up_per_funder_type(zuilen):
    rows = finance_figures.grants_by_funder(zuilen, YEAR)
    energy = next(row for row in rows if row["code"] == "energiecooperatie")
    assert energy["reports"] == 2 and energy["active_during_year"] == 2
    assert funder(energy, "grant_municipality") == 6000
    assert funder(energy, "grant_province") == 4000
    assert funder(energy, "grant_funds") == 2500
    assert funder(energy, "grant_national") == 0  # both reports state it: nothing from the Rijk
    assert energy["total"]["value"] == 12500


@pytest.mark.django_db
def test_a_kind_without_published_reports_is_unknown_not_zero(zuilen):
    rows = finance_figures.grants_by_funder(zuilen, YEAR)
    care = next(row for row in rows if row["code"] == "zorgcooperatie")
    assert care["reports"] == 0 and care["active_during_year"] == 1
    assert all(s["value"] is None for s in care["funders"])
    assert rows[-1]["code"] == "" and rows[-1]["reports"] == 2


@pytest.mark.django_db
def test_a_draft_report_is_not_counted(zuilen):
    rows = finance_figures.grants_by_funder(zuilen, YEAR - 1)
    assert all(row["reports"] == 0 for row in rows)
    assert all(funder(row, "grant_national") is None for row in rows)
