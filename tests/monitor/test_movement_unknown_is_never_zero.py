"""Without any reported members or volunteers in the register, the estimate of people is
unknown (null), not 0: the kinds without a published figure cannot be estimated."""

import pytest

from opmars.monitor import movement

YEAR = 2025


@pytest.mark.django_db
def test_no_facts_means_unknown_people_not_zero(client, make_collective):
    make_collective(name="Buurtkracht Zuilen", municipality="GM0344", founded_year=2015)
    found = movement.movement(YEAR)
    assert found["collectives"]["value"] >= 7400  # the VU lower bound
    assert found["members"] == {"value": None, "low": None, "high": None}
    assert found["volunteers"] == {"value": None, "low": None, "high": None}
    own = next(row for row in found["kinds"] if row["code"] == "buurtcooperatie")
    assert own["estimate"]["members"]["value"] is None
    answer = client.get("/api/v1/stats/national", {"year": YEAR}).json()
    assert answer["movement_estimate"]["members"]["value"] is None
    page = client.get(f"/monitor/?jaar={YEAR}").content.decode()
    table = page.split('id="schatting-hele-beweging"', 1)[1].split("</table>", 1)[0]
    members_row = table.split("Leden (som per collectief)", 1)[1].split("</tr>", 1)[0]
    assert "onbekend" in members_row


def test_a_kind_with_published_people_per_collective_is_estimated_without_register_facts():
    # Care communities take the survey's members per community; nothing from the register.
    ratio, spread, source = movement.people_ratio("zorgcooperatie", "members", {})
    assert ratio == pytest.approx(28000 / 323) and source == "care_communities_2020"
    assert movement.people_ratio("bewonersinitiatief", "members", {}) == (None, None, None)
