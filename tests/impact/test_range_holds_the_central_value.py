"""The range shown beside an impact figure always holds its central value and says what it is
(decision 0046); p10, p50 and p90 stay the pure percentiles of the simulations."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opmars.impact import actions, calculator, engine
from opmars.impact.models import ImpactReport
from opmars.impact.query import aggregate
from tests.impact.test_reports import form_data

amounts = st.floats(min_value=0, max_value=1e6, allow_nan=False)
fractions = st.sampled_from([0, 0.25, 0.5, 0.75, 1])


@st.composite
def ranged(draw):
    """(low, central, high), often with the central value at one end, or no range at all."""
    values = sorted(draw(st.lists(amounts, min_size=3, max_size=3)))
    shape = draw(st.sampled_from(["spread", "central_is_high", "central_is_low", "none"]))
    low, central, high = values
    if shape == "central_is_high":
        central = high
    elif shape == "central_is_low":
        central = low
    elif shape == "none":
        return None, central, None
    return low, central, high


@st.composite
def outcomes(draw):
    q_low, q, q_high = draw(ranged())
    p_low, p, p_high = draw(ranged())
    sign = draw(st.sampled_from([1, -1]))  # negative outcomes carry negative proxies
    if sign < 0:
        p_low, p, p_high = (
            (None if p_high is None else -p_high),
            -p,
            (None if p_low is None else -p_low),
        )
    return engine.Outcome(
        quantity=q, quantity_low=q_low, quantity_high=q_high,
        proxy_value=p, proxy_low=p_low, proxy_high=p_high,
        deadweight=draw(fractions), attribution=draw(fractions), displacement=draw(fractions),
        drop_off=draw(fractions), duration=draw(st.integers(1, 5)),
        overlap_group=draw(st.sampled_from([None, None, "warmte"])),
    )  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(outcomes(), min_size=1, max_size=4), amounts)
def test_the_shown_range_holds_the_central_value(maps, inputs):
    result = calculator.response(
        engine.calculate(maps, inputs, simulations=200), engine.Inputs(grants=inputs)
    )
    shown, central = result["range"], result["present_value"]
    assert shown["low"] <= central <= shown["high"]
    if result["p10"] is None:
        assert shown == {"low": central, "high": central, "basis": "geen_bandbreedte"}
    elif result["p10"] <= central <= result["p90"]:
        assert shown == {"low": result["p10"], "high": result["p90"], "basis": "p10_p90"}
    else:
        assert shown["basis"] == "p10_p90_aangevuld"
        # The percentiles themselves are left alone: only the interval shown is widened.
        assert (shown["low"], shown["high"]) == (
            min(result["p10"], central),
            max(result["p90"], central),
        )


@given(
    st.floats(-1e9, 1e9, allow_nan=False),
    st.floats(-1e9, 1e9, allow_nan=False),
    st.floats(-1e9, 1e9, allow_nan=False),
)
def test_any_central_value_and_percentiles_give_an_interval_around_it(central, a, b):
    p10, p90 = sorted([a, b])
    shown = engine.shown_range(central, p10, p90)
    assert shown["low"] <= central <= shown["high"]
    assert shown["low"] <= p10 and shown["high"] >= p90


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(amounts, amounts, amounts, amounts), min_size=1, max_size=6))
def test_area_bounds_hold_the_sum_of_central_values(members):
    rows = [engine.Member(pv, inputs, *sorted([a, b])) for pv, inputs, a, b in members]
    result = engine.aggregate(rows)
    assert result["lower_bound"] <= result["present_value"] * (1 + 1e-12) + 1e-6
    assert result["upper_bound"] >= result["present_value"] * (1 - 1e-12) - 1e-6


@pytest.mark.django_db
def test_a_report_whose_proxy_central_equals_its_high_shows_a_widened_range(
    client, make_collective, editor_user
):
    # The UK loneliness value: central £9,900 is also the high; no quantity range.
    collective = make_collective()
    data = form_data(quantity_low="", quantity_high="")
    report = actions.save_report(editor_user, collective, data)
    actions.publish_report(editor_user, report)
    assert report.present_value > report.p90  # the maths is kept

    item = client.get(f"/api/v1/collectives/{collective.slug}/impact").json()["reports"][0]
    assert (item["p10"], item["p90"]) == (pytest.approx(report.p10), pytest.approx(report.p90))
    assert item["range"] == {
        "low": pytest.approx(report.p10),
        "high": pytest.approx(report.present_value),
        "basis": "p10_p90_aangevuld",
    }
    assert item["range"]["low"] <= item["present_value"] <= item["range"]["high"]

    page = client.get(f"/collectieven/{collective.slug}/impact/").content.decode()
    assert "P10–P90, aangevuld tot de centrale schatting" in page
    assert "P10–P90: " not in page  # the bare percentiles are no longer the headline range

    total = aggregate(ImpactReport.objects.all())
    assert total["lower_bound"] <= total["present_value"] <= total["upper_bound"]


@pytest.mark.django_db
def test_the_calculator_csv_carries_the_range_and_what_it_is(client):
    page = client.post(
        "/rekenhulp/",
        {
            "rows": "1", "action": "csv", "o-0-quantity": "35", "o-0-proxy_value": "13920",
            "o-0-proxy_low": "13409", "o-0-proxy_high": "13920", "o-0-deadweight": "25",
            "o-0-attribution": "50", "o-0-displacement": "0", "o-0-duration": "1",
            "grants": "4000", "discount_rate": "2,25",
        },
    )  # fmt: skip
    text = page.content.decode("utf-8-sig")
    assert "bandbreedte_laag;" in text and "bandbreedte_hoog;" in text
    assert "bandbreedte_basis;P10–P90, aangevuld tot de centrale schatting" in text
