"""Every figure of the estimate lies inside its own band, per kind and in total, and the band
never drops below what the register itself holds."""

import pytest

from opmars.monitor import movement


@pytest.mark.django_db
def test_low_value_high_are_in_order_for_every_kind_and_the_total(demo_set):
    found = movement.movement(2025)
    bands = [found[m] for m in movement.MEASURES]
    bands += [row["estimate"][m] for row in found["kinds"] for m in movement.MEASURES]
    assert len(bands) > 3
    for band in bands:
        assert band["low"] <= band["value"] <= band["high"], band


@pytest.mark.django_db
def test_no_kind_is_estimated_below_its_count_in_the_register(demo_set):
    for row in movement.movement(2025)["kinds"]:
        # Three significant digits: 1,234 in the register may show as a low of 1,230.
        assert row["estimate"]["collectives"]["low"] >= movement.significant(
            row["register"]["collectives"]
        )
