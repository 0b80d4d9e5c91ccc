"""The calculator refuses numbers it cannot compute with, field by field, instead of failing:
an outcome lasting longer than the report form allows, or amounts beyond any real collective."""

import pytest

from opmars.impact import engine


def outcome(**overrides):
    values = dict(quantity=10, proxy_value=100.0, deadweight=0.2, attribution=0.1, displacement=0.0)
    values.update(overrides)
    return engine.Outcome(**values)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"duration": engine.MAX_DURATION + 1}, "outcomes[0].duration"),
        ({"duration": 1_292_024}, "outcomes[0].duration"),
        ({"quantity": 1.39e308}, "outcomes[0].quantity"),
        ({"proxy_value": -2e15}, "outcomes[0].proxy_value"),
        ({"quantity_low": 1, "quantity_high": 1e300}, "outcomes[0].quantity_high"),
    ],
)
def test_out_of_range_numbers_are_refused_by_field(overrides, field):
    with pytest.raises(engine.EngineError) as refused:
        engine.calculate([outcome(**overrides)], inputs=engine.Inputs(grants=100.0))
    assert refused.value.field == field
    assert refused.value.code == "buiten_bereik"


def test_the_longest_allowed_duration_computes():
    result = engine.calculate(
        [outcome(duration=engine.MAX_DURATION, drop_off=0.1)],
        inputs=engine.Inputs(grants=100.0),
        simulations=10,
    )
    assert result.present_value > 0 and result.sroi_ratio > 0


@pytest.mark.parametrize(
    ("inputs", "field", "words"),
    [
        ({"grants": 1e308, "donations": 1e308}, "inputs.grants", "groter dan 1e+15"),
        ({"donations": -5}, "inputs.donations", "niet negatief"),
        (1e308, "inputs", "groter dan 1e+15"),
    ],
)
def test_huge_or_negative_inputs_are_named_for_what_they_are(client, db, inputs, field, words):
    """A sum of huge amounts was infinite and called "negative", or computed an infinite
    payback time that is no valid JSON."""
    body = {
        "outcomes": [
            {
                "name": "x",
                "quantity": 10,
                "proxy_value": 10,
                "deadweight": 0.1,
                "attribution": 0.1,
                "displacement": 0,
            }
        ],
        "inputs": inputs,
    }
    response = client.post("/api/v1/sroi/calculate", body, content_type="application/json")
    assert response.status_code == 422
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert words in errors[field]


def test_the_engine_calls_an_infinite_input_total_too_large_not_negative():
    with pytest.raises(engine.EngineError, match="groter dan"):
        engine.calculate([outcome()], inputs=engine.Inputs(grants=1e308, donations=1e308))
