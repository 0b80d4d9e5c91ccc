"""A result says how it was computed: the discount rate and from which year it discounts, and,
when the central estimate lies outside its own P10–P90 band, why that can be."""

import pytest
from django.template.loader import render_to_string

pytestmark = pytest.mark.django_db


def calc(present_value, p10, p90, convention="platform"):
    variant = {"present_value": 1.0, "sroi_ratio": 1.0}
    return {
        "present_value": present_value, "p10": p10, "p90": p90, "sroi_ratio": 2.0, "npv": 1.0,
        "inputs": 1.0, "outcomes": [], "payback_months": None, "simulations": 2000,
        "settings": {"discount_rate": 0.0225, "convention": convention, "seed": 1},
        "sensitivity": {"discount_rate": [], "proxy": {"low": variant, "high": variant}},
        "switching_values": {"outcomes": []},
    }  # fmt: skip


def rendered(**kwargs):
    return render_to_string("impact/includes/result.html", {"calc": calc(**kwargs)})


def test_a_central_estimate_outside_its_band_is_explained():
    assert "buiten deze band" in rendered(present_value=182695.0, p10=178072.0, p90=182364.0)
    assert "buiten deze band" not in rendered(present_value=180000.0, p10=178072.0, p90=182364.0)


def test_the_convention_is_named():
    assert "vanaf jaar 2" in rendered(present_value=1.0, p10=0.5, p90=2.0)
    sroi = rendered(present_value=1.0, p10=0.5, p90=2.0, convention="sroi_guide")
    assert "vanaf jaar 1 (conventie van de SROI-gids)" in sroi
