"""The engine against examples computed by hand; the arithmetic is written out beside each one."""

import pytest

from opmars.impact import engine
from opmars.impact.engine import EngineError, Inputs, Member, Outcome

approx = pytest.approx


def test_anouk_loneliness_one_year():
    # 35 people less lonely × €1,000 = €35,000 gross.
    # Net = 35,000 × (1 − 0.25 DW) × (1 − 0 DS) × (1 − 0.5 AT) = 35,000 × 0.75 × 0.5 = 13,125.
    # D = 1, so PV = 13,125 / 1.0225^0 = 13,125.
    # Inputs: grant 4,000 + 1,200 h × €14.06 = 4,000 + 16,872 = 20,872.
    # Ratio = 13,125 / 20,872 = 0.62883; NPV = 13,125 − 20,872 = −7,747.
    # Payback = 20,872 / (13,125 / 12) = 20,872 / 1,093.75 = 19.083 months.
    outcome = Outcome(35, 1000, deadweight=0.25, attribution=0.5, displacement=0)
    inputs = Inputs(grants=4000, volunteer_hours=1200, volunteer_hour_value=14.06)
    result = engine.calculate([outcome], inputs)
    assert result.present_value == approx(13125)
    assert result.inputs == approx(20872)
    assert result.sroi_ratio == approx(0.6288329, rel=1e-6)
    assert result.npv == approx(-7747)
    assert result.payback_months == approx(19.082971, rel=1e-6)
    assert result.simulation is None  # no ranges given


def test_drop_off_and_discounting_platform_convention():
    # Net_1 = 1 × 100 = 100; drop-off 10 %: Net = 100, 90, 81 (the Guide's example).
    # Platform: year t discounted by 1.0225^(t−1):
    #   100 / 1 + 90 / 1.0225 + 81 / 1.0225² = 100 + 88.01956 + 77.47443 = 265.49399.
    outcome = Outcome(1, 100, 0, 0, 0, drop_off=0.1, duration=3)
    result = engine.calculate([outcome], 100)
    assert result.present_value == approx(265.49399, rel=1e-7)
    assert result.first_year_net == approx(100)


def test_drop_off_and_discounting_sroi_guide_convention():
    # The Guide discounts year 1 too: every term once more ÷ 1.0225:
    #   100 / 1.0225 + 90 / 1.0225² + 81 / 1.0225³ = 265.49399 / 1.0225 = 259.65182.
    outcome = Outcome(1, 100, 0, 0, 0, drop_off=0.1, duration=3)
    result = engine.calculate([outcome], 100, convention="sroi_guide")
    assert result.present_value == approx(259.65182, rel=1e-7)


def test_switching_values():
    # Outcome A: 10 × 80 × (1 − 0.25) = 600. Outcome B: 4 × 100 = 400. PV = 1,000; I = 800.
    # s*_A = (I − (PV − PV_A)) / PV_A = (800 − 400) / 600 = 0.6667; DW*_A = 1 − 0.75 × 0.6667 = 0.5.
    # s*_B = (800 − 600) / 400 = 0.5; DW*_B = 1 − 1 × 0.5 = 0.5; AT*_B likewise 0.5.
    # Global multiplier = I / PV = 800 / 1,000 = 0.8.
    a = Outcome(10, 80, deadweight=0.25, attribution=0, displacement=0, name="A")
    b = Outcome(4, 100, deadweight=0, attribution=0, displacement=0, name="B")
    result = engine.calculate([a, b], 800)
    sv = result.switching
    assert sv["global_proxy_multiplier"]["value"] == approx(0.8)
    assert sv["outcomes"][0]["proxy_multiplier"]["value"] == approx(2 / 3)
    assert sv["outcomes"][0]["deadweight"]["value"] == approx(0.5)
    assert sv["outcomes"][1]["proxy_multiplier"]["value"] == approx(0.5)
    assert sv["outcomes"][1]["attribution"]["value"] == approx(0.5)


def test_switching_value_outside_range_has_no_switching_point():
    # I = 2,000: s*_A = (2,000 − 400) / 600 = 2.667; DW*_A = 1 − 0.75 × 2.667 = −1 → outside [0, 1].
    a = Outcome(10, 80, deadweight=0.25, attribution=0, displacement=0)
    b = Outcome(4, 100, deadweight=0, attribution=0, displacement=0)
    result = engine.calculate([a, b], 2000)
    dw = result.switching["outcomes"][0]["deadweight"]
    assert dw == {"value": None, "reason": "geen omslagpunt"}
    # I = 0: s*_A = (0 − 400) / 600 < 0 → no multiplier either.
    result = engine.calculate([a, b], 0)
    assert result.switching["outcomes"][0]["proxy_multiplier"]["value"] is None


def test_zero_inputs_give_no_ratio_but_pv_and_npv():
    result = engine.calculate([Outcome(2, 50, 0, 0, 0)], 0)
    assert result.sroi_ratio is None
    assert result.present_value == approx(100)
    assert result.npv == approx(100)


def test_negative_outcome_is_kept_and_payback_none():
    # +100 and −150: PV = −50, first-year net −50 ≤ 0 → no payback.
    good = Outcome(1, 100, 0, 0, 0)
    bad = Outcome(1, -150, 0, 0, 0)
    result = engine.calculate([good, bad], 10)
    assert result.present_value == approx(-50)
    assert result.payback_months is None


def test_overlap_group_counts_up_to_its_largest_outcome():
    # Insulation 300 and draught-proofing 200 share group "warmte": the group counts max = 300.
    # Plus 100 outside the group: PV = 300 + 100 = 400 (not 600).
    insulation = Outcome(1, 300, 0, 0, 0, overlap_group="warmte")
    draught = Outcome(1, 200, 0, 0, 0, overlap_group="warmte")
    other = Outcome(1, 100, 0, 0, 0)
    result = engine.calculate([insulation, draught, other], 100)
    assert result.present_value == approx(400)
    # Counted values are scaled by 300 / 500 = 0.6: 180 and 120.
    assert result.outcomes[0]["counted_value"] == approx(180)
    assert result.outcomes[1]["counted_value"] == approx(120)


def test_sensitivity_rates_and_proxy_ends():
    # Net_1 = 100, D = 2, no drop-off. r = 0: 100 + 100 = 200.
    # r = 0.035: 100 + 100 / 1.035 = 196.6184.
    # Proxy low 50 / high 150 at 2.25 %: 50 × (1 + 1 / 1.0225) = 98.9;
    # 150 × 1.977995 = 296.6993.
    outcome = Outcome(1, 100, 0, 0, 0, duration=2, proxy_low=50, proxy_high=150)
    result = engine.calculate([outcome], 100, simulations=100)
    rates = {
        row["discount_rate"]: row["present_value"] for row in result.sensitivity["discount_rate"]
    }
    assert rates[0.0] == approx(200)
    assert rates[0.035] == approx(196.618357, rel=1e-6)
    assert result.sensitivity["proxy"]["low"]["present_value"] == approx(98.899756, rel=1e-6)
    assert result.sensitivity["proxy"]["high"]["present_value"] == approx(296.699267, rel=1e-6)


def test_monte_carlo_triangular_median():
    # A symmetric triangular(0, 100, 200) proxy has median 100: PV P50 ≈ 100, P10 < 100 < P90.
    # For triangular(0, 100, 200): P10 = 200 × √(0.1 / 2) = 44.72; P90 = 200 − 44.72 = 155.28.
    outcome = Outcome(1, 100, 0, 0, 0, proxy_low=0, proxy_high=200)
    result = engine.calculate([outcome], 50, simulations=20000, seed=7)
    assert result.simulation["p50"] == approx(100, abs=3)
    assert result.simulation["p10"] == approx(44.72, abs=3)
    assert result.simulation["p90"] == approx(155.28, abs=3)
    assert result.simulation["ratio_p50"] == approx(result.simulation["p50"] / 50)


def test_review_triggers():
    # Ratio 1,000 / 50 = 20 > 10; DW + AT = 0; D = 6 > 5.
    outcome = Outcome(1, 1000, 0, 0, 0, duration=6)
    codes = {t["code"] for t in engine.calculate([outcome], 50 * 5.9).triggers}
    assert {"ratio_boven_10", "dw_at_nul", "duur_boven_5"} <= codes


def test_share_trigger_needs_three_valued_outcomes():
    big = Outcome(1, 800, 0.25, 0.25, 0)
    small = Outcome(1, 100, 0.25, 0.25, 0)
    two = engine.calculate([big, small], 1000)
    assert "uitkomst_boven_50" not in {t["code"] for t in two.triggers}
    three = engine.calculate([big, small, small], 1000)
    assert {"code": "uitkomst_boven_50", "index": 0} in three.triggers


def test_aggregate_is_sum_over_sum_not_mean_of_ratios():
    # (100 / 50 = 2) and (300 / 100 = 3): Σ PV / Σ I = 400 / 150 = 2.667, not (2 + 3) / 2 = 2.5.
    result = engine.aggregate([Member(100, 50, 80, 120), Member(300, 100, 250, 330)])
    assert result["sroi_ratio"] == approx(400 / 150)
    assert result["lower_bound"] == approx(330)
    assert result["upper_bound"] == approx(450)


def test_gbp_price_is_converted_then_indexed():
    # WELLBY £13,000 (2019) → 13,000 / 0.87777 = €14,810.26 (2019);
    # × CPI 2024 / CPI 2019 = × 96.90 / 78.94 = × 1.227515 → €18,179.81.
    cpi = {2019: 78.94, 2024: 96.90, 2025: 100.0}
    price = engine.index_price(13000, "GBP", 2019, 2024, cpi, {2019: 0.87777})
    assert price.value == approx(18179.807, rel=1e-6)
    assert price.benefit_transfer


def test_report_year_beyond_last_cpi_uses_last_index():
    # Care hour €18.8 (2022), report 2027: index 2025 used: 18.8 × 100 / 90.29 = 20.822.
    cpi = {2022: 90.29, 2025: 100.0}
    price = engine.index_price(18.8, "EUR", 2022, 2027, cpi, {})
    assert price.value == approx(20.82180, rel=1e-6)
    assert price.index_year == 2025 and price.beyond_last_cpi_year


@pytest.mark.parametrize(
    ("outcome", "field"),
    [
        (Outcome(-1, 10, 0, 0, 0), "outcomes[0].quantity"),
        (Outcome(1, 10, 1.5, 0, 0), "outcomes[0].deadweight"),
        (Outcome(1, 10, 0, None, 0), "outcomes[0].attribution"),
        (Outcome(1, 10, 0, 0, 0, duration=0), "outcomes[0].duration"),
        (Outcome(1, 10, 0, 0, 0, proxy_low=5), "outcomes[0].proxy_high"),
        (Outcome(1, 10, 0, 0, 0, proxy_low=20, proxy_high=30), "outcomes[0].proxy_low"),
    ],
)
def test_invalid_outcomes_name_the_field(outcome, field):
    with pytest.raises(EngineError) as error:
        engine.calculate([outcome], 10)
    assert error.value.field == field


def test_no_outcomes_and_too_many_simulations():
    with pytest.raises(EngineError) as error:
        engine.calculate([], 10)
    assert error.value.field == "outcomes"
    with pytest.raises(EngineError) as error:
        engine.calculate([Outcome(1, 1, 0, 0, 0)], 10, simulations=100_001)
    assert error.value.field == "simulations"
