"""Properties of the engine that must hold for any input (hypothesis)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from opmars.impact import engine
from opmars.impact.engine import Member, Outcome

fraction = st.sampled_from([0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]) | st.floats(0, 1)
amount = st.floats(0, 1e6, allow_nan=False)


@st.composite
def outcomes(draw, with_range=False):
    quantity = draw(amount)
    proxy = draw(amount)
    extra = {}
    if with_range:
        extra = {
            "quantity_low": quantity * draw(st.floats(0, 1)),
            "quantity_high": quantity * draw(st.floats(1, 3)),
            "proxy_low": proxy * draw(st.floats(0, 1)),
            "proxy_high": proxy * draw(st.floats(1, 3)),
        }
    return Outcome(
        quantity,
        proxy,
        deadweight=draw(fraction),
        attribution=draw(fraction),
        displacement=draw(fraction),
        drop_off=draw(fraction),
        duration=draw(st.integers(1, 8)),
        overlap_group=draw(st.sampled_from([None, None, "a"])),
        **extra,
    )


@settings(max_examples=200)
@given(
    st.lists(outcomes(), min_size=1, max_size=5),
    st.integers(0, 4),
    st.sampled_from(["deadweight", "attribution", "displacement", "drop_off"]),
    fraction,
    st.sampled_from(engine.CONVENTIONS),
)
def test_more_adjustment_never_raises_pv(items, pick, name, more, convention):
    index = pick % len(items)
    before = engine.calculate(items, 1, convention=convention, monte_carlo=False)
    changed = list(items)
    old = getattr(items[index], name)
    changed[index] = _replace(items[index], name, old + (1 - old) * more)
    after = engine.calculate(changed, 1, convention=convention, monte_carlo=False)
    assert after.present_value <= before.present_value + 1e-6 * (1 + abs(before.present_value))


def _replace(outcome, name, value):
    from dataclasses import replace

    return replace(outcome, **{name: value})


@given(st.lists(st.tuples(amount, st.floats(0.01, 1e6)), min_size=1, max_size=30))
def test_aggregate_ratio_is_sum_over_sum(pairs):
    result = engine.aggregate(Member(pv, i) for pv, i in pairs)
    total_pv = sum(pv for pv, _ in pairs)
    total_i = sum(i for _, i in pairs)
    assert result["sroi_ratio"] == total_pv / total_i


@settings(max_examples=50, deadline=None)
@given(st.lists(outcomes(with_range=True), min_size=1, max_size=4), st.integers(0, 2**32))
def test_percentiles_ordered_and_reproducible(items, seed):
    first = engine.calculate(items, 1000, simulations=300, seed=seed)
    second = engine.calculate(items, 1000, simulations=300, seed=seed)
    sim = first.simulation
    assert sim["p10"] <= sim["p50"] <= sim["p90"]
    assert sim["ratio_p10"] <= sim["ratio_p50"] <= sim["ratio_p90"]
    assert first.simulation == second.simulation
