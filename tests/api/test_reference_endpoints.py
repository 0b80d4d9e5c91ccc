"""Municipalities, provinces, SDGs and vocabularies, with counts of collectives by seat."""

from django.utils.translation import override

from opmars.networks.models import NetworkKind
from opmars.registry.vocab import VOCABULARIES, Domain, Kind
from tests.api.conftest import only_error


def test_all_342_municipalities_with_province_population_and_count(api_get, make_collective):
    make_collective(municipality="GM0363")
    make_collective(municipality="GM0363")
    make_collective(municipality="GM0344", works_in="GM0363")
    body = api_get("/municipalities").json()
    assert body["count"] == len(body["items"]) == 342
    by_code = {m["code"]: m for m in body["items"]}
    amsterdam = by_code["GM0363"]
    assert amsterdam["name"] == "Amsterdam"
    assert amsterdam["province"] == {"code": "PV27", "name": "Noord-Holland"}
    assert amsterdam["population"] > 900_000
    assert amsterdam["collective_count"] == 2  # by seat, not works_in
    assert by_code["GM0344"]["collective_count"] == 1
    assert by_code["GM0014"]["collective_count"] == 0


def test_one_municipality_counts_by_kind_and_status(api_get, make_collective):
    make_collective(municipality="GM0344", kind="dorpsraad")
    make_collective(municipality="GM0344", kind="dorpsraad", status="slapend")
    make_collective(municipality="GM0344", kind="energiecooperatie")
    make_collective(municipality="GM0363", kind="dorpsraad")
    body = api_get("/municipalities/gm0344").json()
    assert body["code"] == "GM0344"
    assert body["collective_count"] == 3
    assert body["by_kind"] == {"dorpsraad": 2, "energiecooperatie": 1}
    assert body["by_status"] == {"actief": 2, "slapend": 1}


def test_the_12_provinces_with_population_and_count(api_get, make_collective):
    make_collective(municipality="GM0363")
    make_collective(municipality="GM0344")
    body = api_get("/provinces").json()
    assert body["count"] == 12
    by_code = {p["code"]: p for p in body["items"]}
    assert by_code["PV27"]["collective_count"] == 1
    assert by_code["PV26"]["collective_count"] == 1
    assert by_code["PV20"]["collective_count"] == 0
    assert sum(p["municipality_count"] for p in body["items"]) == 342
    assert sum(p["population"] for p in body["items"]) > 17_000_000


def test_one_province_lists_its_municipalities(api_get, make_collective):
    make_collective(municipality="GM0344", kind="dorpsraad")
    body = api_get("/provinces/PV26").json()
    assert body["name"] == "Utrecht"
    assert {"code": "GM0344", "name": "Utrecht"} in body["municipalities"]
    assert len(body["municipalities"]) == body["municipality_count"]
    assert body["by_kind"] == {"dorpsraad": 1}


def test_unknown_municipality_code_is_a_404(api_get, db):
    error = only_error(api_get("/municipalities/GM0000"), status=404)
    assert "GM0000" in error["message"]


def test_the_17_sdgs_with_their_169_targets(api_get, db):
    body = api_get("/sdgs").json()
    assert body["count"] == 17
    assert [g["number"] for g in body["items"]] == list(range(1, 18))
    assert sum(len(g["targets"]) for g in body["items"]) == 169
    energy = body["items"][6]
    assert energy["short_title_nl"]
    assert energy["color"].startswith("#")
    assert [t["code"] for t in energy["targets"]] == ["7.1", "7.2", "7.3", "7.a", "7.b"]


def test_vocabularies_list_every_code_with_labels_and_definition(api_get, db):
    body = api_get("/vocabularies").json()
    assert set(body) == {*VOCABULARIES, "location_precision", "network_kind"}
    for name, choices in [*VOCABULARIES.items(), ("network_kind", NetworkKind)]:
        assert [v["code"] for v in body[name]["values"]] == list(choices.values), name
        assert body[name]["definition_nl"] and body[name]["definition_en"]
    kinds = {v["code"]: v for v in body["kind"]["values"]}
    with override("nl"):
        assert kinds["lokaal_fonds"]["label_nl"] == str(Kind.LOKAAL_FONDS.label)
    with override("en"):
        assert kinds["lokaal_fonds"]["label_en"] == str(Kind.LOKAAL_FONDS.label)
    assert kinds["lokaal_fonds"]["label_en"] != kinds["lokaal_fonds"]["label_nl"]
    assert all(v["label_en"] for v in body["domain"]["values"])
    assert len(body["domain"]["values"]) == len(Domain)
