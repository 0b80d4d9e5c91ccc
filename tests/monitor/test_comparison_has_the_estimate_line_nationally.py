"""The national comparison gains a second line, the estimate of the whole movement, labelled
as an estimate with its band; a municipality's comparison keeps to register counts."""

import pytest

from opmars.monitor import metrics, present


@pytest.mark.django_db
def test_national_comparison_has_a_labelled_estimate_line(client, demo_set):
    rows = present.comparison_rows(metrics.national(), 2025)
    assert [row["estimate"] for row in rows] == [False, True]
    line = rows[1]
    assert "schatting" in line["name"].lower()
    assert line["active_low"] <= line["active"] <= line["active_high"]
    assert line["per_1000_low"] <= line["per_1000"] <= line["per_1000_high"]
    page = client.get("/monitor/?jaar=2025").content.decode()
    assert "Geschatte hele beweging (schatting)" in page
    assert "Geschatte hele beweging: leden (schatting)" in page  # in the nieuwe-zuil table


@pytest.mark.django_db
def test_a_municipality_comparison_has_no_estimate_line(demo_set):
    rows = present.comparison_rows(metrics.municipality_area("GM0363"), 2025)
    assert [row["name"] for row in rows] == ["Amsterdam", "Noord-Holland", "Nederland"]
    assert not any(row["estimate"] for row in rows)
