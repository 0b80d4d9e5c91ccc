"""A fact nobody reported is unknown, never zero: in the API, on the page and in the report."""

import pytest

from opmars.monitor import metrics
from opmars.registry.models import YearlyFacts

YEAR = metrics.last_complete_year()


@pytest.fixture
def utrecht_without_facts(make_collective):
    make_collective(name="Buurtkracht Zuilen", municipality="GM0344")
    return "GM0344"


@pytest.mark.django_db
def test_api_answers_null_for_sums_nobody_reported(client, utrecht_without_facts):
    stats = client.get(f"/api/v1/stats/municipalities/{utrecht_without_facts}").json()
    assert stats["reporting"] == 0
    assert stats["members"] is None
    assert stats["volunteers"] is None
    assert stats["active_people"] is None


@pytest.mark.django_db
def test_one_report_gives_its_sum_and_leaves_the_rest_unknown(client, make_collective):
    collective = make_collective(name="Energie Zuilen", municipality="GM0344")
    YearlyFacts.objects.create(collective=collective, year=YEAR, members=120)
    stats = client.get("/api/v1/stats/municipalities/GM0344").json()
    assert stats["reporting"] == 1
    assert stats["members"] == 120
    assert stats["paid_staff"] is None
    assert stats["active_people"] is None


@pytest.mark.django_db
def test_monitor_page_says_onbekend_instead_of_zero(client, utrecht_without_facts):
    page = client.get(f"/monitor/gemeenten/{utrecht_without_facts}/").content.decode()
    members_card = page.split('href="/monitor/definities/#members"', 1)[1][:200]
    assert "onbekend" in members_card
