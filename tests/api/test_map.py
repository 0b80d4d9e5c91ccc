"""GET /api/v1/map: counts per seat municipality when zoomed out, points when zoomed in."""

import gzip
import json

from opmars.geo.models import Municipality
from opmars.registry import mapdata

AMSTERDAM_BBOX = "4.72,52.27,5.08,52.44"


def test_zoomed_out_counts_per_seat_municipality(api_get, make_collective):
    make_collective(municipality="GM0363", kind="energiecooperatie")
    make_collective(municipality="GM0363", kind="energiecooperatie")
    make_collective(municipality="GM0363", kind="dorpsraad")
    make_collective(municipality="GM0344", kind="dorpsraad", works_in="GM0363")
    body = api_get("/map", zoom=7).json()
    assert body["mode"] == "aggregate"
    assert body["count"] == 4
    by_code = {item["code"]: item for item in body["items"]}
    assert set(by_code) == {"GM0363", "GM0344"}  # only municipalities that have collectives
    amsterdam = Municipality.objects.get(code="GM0363")
    assert by_code["GM0363"] == {
        "code": "GM0363",
        "name": "Amsterdam",
        "lat": amsterdam.centroid_lat,
        "lon": amsterdam.centroid_lon,
        "count": 3,
        "by_kind": {"energiecooperatie": 2, "dorpsraad": 1},
    }
    assert by_code["GM0344"]["count"] == 1


def test_the_map_takes_the_same_filters_as_the_list(api_get, make_collective):
    make_collective(municipality="GM0363", kind="energiecooperatie")
    make_collective(municipality="GM0344", kind="dorpsraad")
    make_collective(municipality="GM0014", kind="energiecooperatie", status="gestopt")
    params = {"kind": "energiecooperatie", "status": "actief"}
    listed = api_get("/collectives", **params).json()
    mapped = api_get("/map", zoom=6, **params).json()
    assert mapped["count"] == listed["count"] == 1
    assert [i["code"] for i in mapped["items"]] == ["GM0363"]


def test_search_and_near_filter_the_map_too(api_get, make_collective):
    make_collective(municipality="GM0363", name="Zon op Amsterdam", description="Zonnepanelen.")
    make_collective(municipality="GM0363", name="Zon op Amsterdam Noord", description="Zon.")
    make_collective(municipality="GM0344", name="Zon op Utrecht", description="Zonnepanelen.")
    make_collective(municipality="GM0363", name="Buurthuis", description="Koffie.")
    params = {"q": "zon", "near": "52.37,4.89"}
    listed = api_get("/collectives", **params).json()
    mapped = api_get("/map", zoom=8, **params).json()
    assert mapped["count"] == listed["count"] == 2
    assert mapped["items"][0]["by_kind"] == {"buurtcooperatie": 2}


def test_list_parameters_that_do_not_apply_are_ignored(api_get, make_collective):
    make_collective()
    response = api_get("/map", zoom=6, sort="distance", limit="abc")
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_zoomed_out_with_a_bbox_keeps_municipalities_whose_centre_is_inside(
    api_get, make_collective
):
    make_collective(municipality="GM0363")
    make_collective(municipality="GM0014")
    body = api_get("/map", zoom=9, bbox=AMSTERDAM_BBOX).json()
    assert [i["code"] for i in body["items"]] == ["GM0363"]
    assert body["count"] == 1


def test_zoomed_in_gives_the_points_inside_the_bbox(api_get, make_collective, make_demo_collective):
    inside = make_collective(municipality="GM0363", name="Binnen")
    demo = make_demo_collective(municipality="GM0363", name="Fictief binnen")
    make_collective(municipality="GM0014", name="Buiten")
    body = api_get("/map", zoom=mapdata.POINTS_FROM_ZOOM, bbox=AMSTERDAM_BBOX).json()
    assert body["mode"] == "points"
    assert body["count"] == 2
    assert body["truncated"] is False
    points = {p["slug"]: p for p in body["items"]}
    assert points[inside.slug] == {
        "slug": inside.slug,
        "name": "Binnen",
        "kind": inside.kind,
        "lat": inside.public_lat,
        "lon": inside.public_lon,
        "demo": False,
    }
    assert points[demo.slug]["demo"] is True


def test_too_many_points_are_truncated_but_counted(api_get, make_collective, monkeypatch):
    monkeypatch.setattr(mapdata, "MAX_POINTS", 2)
    for _ in range(3):
        make_collective(municipality="GM0363")
    body = api_get("/map", zoom=14, bbox=AMSTERDAM_BBOX).json()
    assert body["truncated"] is True
    assert body["count"] == 3
    assert len(body["items"]) == 2


def test_the_map_is_gzipped(client, make_collective):
    for code in ["GM0363", "GM0344", "GM0014"]:  # gzip skips answers of a few bytes
        make_collective(municipality=code)
    response = client.get("/api/v1/map", {"zoom": 7}, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(response.content))["count"] == 3
