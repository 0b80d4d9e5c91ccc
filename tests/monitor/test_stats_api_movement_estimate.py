"""GET /api/v1/stats/national carries movement_estimate: collectives, members and volunteers
each as {value, low, high}, with the method and the published figures it used."""

import pytest

from opmars.monitor import movement


@pytest.mark.django_db
def test_the_national_answer_has_the_estimate_in_its_documented_shape(client, demo_set):
    answer = client.get("/api/v1/stats/national", {"year": 2025}).json()
    estimate = answer["movement_estimate"]
    assert set(estimate) == {
        "year",
        "collectives",
        "members",
        "volunteers",
        "method",
        "sources",
        "demo",
    }
    assert estimate["year"] == 2025 and estimate["demo"] is True
    for measure in ("collectives", "members", "volunteers"):
        assert set(estimate[measure]) == {"value", "low", "high"}
        band = estimate[measure]
        assert band["low"] <= band["value"] <= band["high"]
    assert estimate["collectives"] == movement.movement(2025)["collectives"]
    assert "schatting" in estimate["method"].lower()
    keys = {source["key"] for source in estimate["sources"]}
    assert {"energy_collectives_2024", "care_communities_2020", movement.FLOOR_KEY} <= keys
    floor = next(s for s in estimate["sources"] if s["key"] == movement.FLOOR_KEY)
    assert floor["value"] == 7400 and floor["date"] == "2024-02-28" and floor["source_url"]


@pytest.mark.django_db
def test_the_floor_is_not_a_source_for_a_year_before_the_study(client, demo_set):
    estimate = client.get("/api/v1/stats/national", {"year": 2020}).json()["movement_estimate"]
    assert movement.FLOOR_KEY not in {source["key"] for source in estimate["sources"]}


@pytest.mark.django_db
def test_only_the_national_answer_has_an_estimate(client, demo_set):
    answer = client.get("/api/v1/stats/provinces/PV27").json()
    assert "movement_estimate" not in answer
