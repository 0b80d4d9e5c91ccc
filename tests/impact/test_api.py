"""POST /api/v1/sroi/calculate, GET /api/v1/indicators, GET /api/v1/collectives/{slug}/impact."""

import pytest

from opmars.impact.models import Proxy, ProxyLibrary

URL = "/api/v1/sroi/calculate"


def outcome(**overrides):
    data = {"quantity": 35, "proxy_value": 1000, "deadweight": 0.25, "attribution": 0.5,
            "displacement": 0}  # fmt: skip
    data.update(overrides)
    return data


def post(client, body):
    return client.post(URL, body, content_type="application/json")


@pytest.mark.django_db
def test_calculate_anouks_map(client):
    body = {
        "inputs": {"grant_municipality": 4000, "volunteer_hours": 1200},
        "outcomes": [outcome(name="Minder eenzaam")],
    }
    data = post(client, body).json()
    # 35 × 1,000 × 0.75 × 0.5 = 13,125; inputs 4,000 + 1,200 × 14.06 = 20,872.
    assert data["present_value"] == pytest.approx(13125)
    assert data["inputs"] == pytest.approx(20872)
    assert data["sroi_ratio"] == pytest.approx(13125 / 20872)
    assert data["npv"] == pytest.approx(13125 - 20872)
    assert data["payback_months"] == pytest.approx(20872 / (13125 / 12))
    assert data["outcomes"][0]["present_value"] == pytest.approx(13125)
    assert data["switching_values"]["outcomes"][0]["proxy_multiplier"]["value"] > 1
    assert data["p10"] is None  # no ranges


@pytest.mark.django_db
def test_ranges_give_percentiles_reproducibly(client):
    body = {
        "inputs": 1000,
        "simulations": 2000,
        "outcomes": [outcome(quantity_low=20, quantity_high=50, proxy_low=500, proxy_high=1500)],
    }
    first = post(client, body).json()
    assert first["p10"] <= first["p50"] <= first["p90"]
    assert first["ratio_p50"] == pytest.approx(first["p50"] / 1000)
    assert post(client, body).json()["p50"] == first["p50"]


@pytest.mark.django_db
def test_zero_inputs_give_null_ratio(client):
    data = post(client, {"inputs": 0, "outcomes": [outcome()]}).json()
    assert data["sroi_ratio"] is None and data["npv"] == pytest.approx(13125)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"inputs": 10, "outcomes": [outcome(quantity=-1)]}, "outcomes[0].quantity"),
        ({"inputs": 10, "outcomes": [outcome(deadweight=1.2)]}, "outcomes[0].deadweight"),
        (
            {
                "inputs": 10,
                "outcomes": [{"quantity": 1, "proxy_value": 1, "deadweight": 0, "displacement": 0}],
            },
            "outcomes[0].attribution",
        ),  # fmt: skip
        ({"inputs": 10, "outcomes": [outcome(duration=0)]}, "outcomes[0].duration"),
        ({"inputs": 10, "outcomes": []}, "outcomes"),
        ({"inputs": 10, "outcomes": [outcome()], "simulations": 100_001}, "simulations"),
        ({"inputs": -5, "outcomes": [outcome()]}, "inputs"),
        ({"inputs": 10, "outcomes": [outcome(proxy_value="veel")]}, "outcomes[0].proxy_value"),
    ],
)
def test_invalid_maps_get_422_naming_the_field(client, body, field):
    response = post(client, body)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert field in [e["field"] for e in errors]
    assert all(set(e) == {"field", "code", "message"} for e in errors)
    assert any(field in e["message"] for e in errors)


@pytest.mark.django_db
def test_not_json_is_422(client):
    response = client.post(URL, "{", content_type="application/json")
    assert response.status_code == 422


@pytest.mark.django_db
def test_indicators(client):
    data = client.get("/api/v1/indicators").json()
    assert data["count"] >= 20
    kwh = next(i for i in data["items"] if i["code"] == "hernieuwbare-kwh")
    assert kwh["sdg_target"] == "7.2" and kwh["relation"] == "direct"
    assert kwh["defaults"]["deadweight"] == 0.25


def test_collective_impact_404(client, db):
    response = client.get("/api/v1/collectives/bestaat-niet/impact")
    assert response.status_code == 404
    assert response.json()["errors"][0]["field"] == "slug"


@pytest.mark.django_db
def test_a_volunteer_hour_counts_at_the_current_librarys_minimum_wage(client):
    latest = ProxyLibrary.objects.order_by("-version").first()
    Proxy.objects.filter(library=latest, key="minimum_wage_hour_2025").update(value=20.0)
    body = {
        "inputs": {"grant_municipality": 4000, "volunteer_hours": 1200},
        "outcomes": [outcome()],
    }
    assert post(client, body).json()["inputs"] == pytest.approx(4000 + 1200 * 20.0)
