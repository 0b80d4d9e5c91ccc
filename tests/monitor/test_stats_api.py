"""The statistics API answers the monitor's figures; errors have the shared shape."""

import pytest

from opmars.monitor import metrics


@pytest.mark.django_db
def test_municipality_stats_equal_the_directory_count(client, demo_set):
    for code in ("GM0363", "GM0599", "GM0014"):
        stats = client.get(f"/api/v1/stats/municipalities/{code}").json()
        listing = client.get("/api/v1/collectives", {"municipality": code, "status": "actief"})
        assert stats["active_collectives"] == listing.json()["count"]
        assert stats["year"] == metrics.last_complete_year()
        assert all(set(point) == {"year", "value"} for point in stats["active"])


@pytest.mark.django_db
def test_national_answer_has_the_comparison_figures_with_source_and_date(client, demo_set):
    answer = client.get("/api/v1/stats/national", {"year": 2024}).json()
    assert answer["year"] == 2024
    unions = next(f for f in answer["comparison"] if f["key"] == "unions_2023")
    assert unions["value"] == 1440000 and unions["date"] == "2023-03-01"
    assert unions["source"] == "CBS" and unions["unit"] == "members"
    undated = next(f for f in answer["sector_figures"] if f["key"] == "village_organisations_lvkk")
    assert undated["date"] is None
    assert answer["demo"] is True


@pytest.mark.django_db
def test_province_and_network(client, demo_set):
    province = client.get("/api/v1/stats/provinces/pv27").json()
    assert province["area"] == {"scope": "province", "code": "PV27", "name": "Noord-Holland"}
    from opmars.networks.models import Network

    network = Network.objects.filter(membership__isnull=False).first()
    if network:
        answer = client.get(f"/api/v1/stats/networks/{network.slug}").json()
        assert answer["per_1000"] is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path,field",
    [
        ("/api/v1/stats/municipalities/GM9999", "code"),
        ("/api/v1/stats/provinces/XX", "code"),
        ("/api/v1/stats/networks/bestaat-niet", "slug"),
    ],
)
def test_unknown_area_is_a_404_in_the_error_shape(client, path, field):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["errors"][0]["field"] == field


@pytest.mark.django_db
@pytest.mark.parametrize("year", ["1800", "3000", "twee"])
def test_bad_year_is_a_400_naming_year(client, year):
    response = client.get("/api/v1/stats/national", {"year": year})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "year"
