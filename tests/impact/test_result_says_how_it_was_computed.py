"""A result says how it was computed: the discount rate and from which year it discounts, and,
when the range is widened to hold the central estimate, that and why (decision 0046)."""

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


def test_a_range_widened_to_the_central_estimate_says_so_and_why():
    page = rendered(present_value=182695.0, p10=178072.0, p90=182364.0)
    assert "€\u00a0178.072 – €\u00a0182.695 (P10–P90, aangevuld tot de centrale schatting)" in page
    assert "Waarom aangevuld?" in page and "tussen €\u00a0178.072 en €\u00a0182.364" in page
    inside = rendered(present_value=180000.0, p10=178072.0, p90=182364.0)
    assert "€\u00a0178.072 – €\u00a0182.364 (P10–P90 van de simulaties)" in inside
    assert "aangevuld" not in inside


def test_the_convention_is_named():
    assert "vanaf jaar 2" in rendered(present_value=1.0, p10=0.5, p90=2.0)
    sroi = rendered(present_value=1.0, p10=0.5, p90=2.0, convention="sroi_guide")
    assert "vanaf jaar 1 (conventie van de SROI-gids)" in sroi
