"""The counts per right: a municipality without an entry counts as onbekend, never as nee;
per province, nationally, and for a network (its members' municipalities)."""

import pytest

from opmars.geo.models import Municipality
from opmars.monitor import metrics
from opmars.networks.models import Membership, Network
from opmars.rights import evidence
from opmars.rights.models import LocalRight

pytestmark = pytest.mark.django_db


def entry(code, right, status, **extra):
    url = "" if status == "onbekend" else "https://example.org/doc"
    return LocalRight.objects.create(
        municipality_id=code, right=right, status=status, source_url=url,
        last_checked="2026-03-01", **extra,
    )  # fmt: skip


def counts(result, right):
    return next(r for r in result["rights"] if r["code"] == right)


def test_unknown_and_missing_entries_count_as_onbekend_nationally():
    entry("GM0363", "uitdaagrecht", "ja")
    entry("GM0344", "uitdaagrecht", "nee")
    entry("GM0014", "uitdaagrecht", "onbekend")
    result = evidence.rights_for_area(metrics.national())
    total = Municipality.objects.count()
    assert result["municipalities"] == total
    row = counts(result, "uitdaagrecht")
    assert (row["ja"], row["nee"], row["onbekend"], row["no_entry"]) == (1, 1, total - 2, total - 3)
    other = counts(result, "buurtrechten")
    assert (other["ja"], other["nee"], other["onbekend"]) == (0, 0, total)


def test_a_province_counts_only_its_municipalities():
    entry("GM0363", "uitdaagrecht", "ja")  # Amsterdam, Noord-Holland
    entry("GM0344", "uitdaagrecht", "ja", is_demo=True)  # Utrecht
    result = evidence.rights_for_area(metrics.province_area("PV27"))
    in_province = Municipality.objects.filter(province_id="PV27").count()
    row = counts(result, "uitdaagrecht")
    assert (row["ja"], row["onbekend"]) == (1, in_province - 1)
    assert [e["municipality_code"] for e in result["entries"]] == ["GM0363"]
    assert result["demo"] is False


def test_the_province_table_adds_up_to_the_nation():
    entry("GM0363", "buurtrechten", "nee")
    rows = evidence.province_table()
    assert sum(r["municipalities"] for r in rows) == Municipality.objects.count()
    column = [next(c for c in r["rights"] if c["code"] == "buurtrechten") for r in rows]
    assert sum(c["nee"] for c in column) == 1


def test_a_network_counts_the_municipalities_of_its_members(make_collective):
    network = Network.objects.create(slug="n", name="N", kind="thematisch")
    for code in ("GM0363", "GM0363", "GM0344"):
        Membership.objects.create(network=network, collective=make_collective(municipality=code))
    entry("GM0344", "recht_op_overname", "ja", is_demo=True)
    entry("GM0014", "recht_op_overname", "ja")  # no member there
    result = evidence.rights_for_area(metrics.network_area("n"))
    assert result["municipalities"] == 2
    row = counts(result, "recht_op_overname")
    assert (row["ja"], row["nee"], row["onbekend"]) == (1, 0, 1)
    assert result["demo"] is True


def test_a_kind_of_collective_has_no_rights_evidence():
    assert evidence.rights_for_area(metrics.kind_area("energiecooperatie")) is None


def test_the_summary_page_shows_unknown_as_onbekend(client):
    entry("GM0363", "uitdaagrecht", "ja")
    page = client.get("/lokale-rechten/").content.decode()
    total = Municipality.objects.count()
    assert f"onbekend: {total - 1} gemeenten" in page
    assert "ja: 1 gemeente<" in page and "nee: 0 gemeenten" in page
    assert "<svg" in page and 'role="img"' in page
