"""More members, volunteers or staff than the seat municipality has inhabitants is kept but
held back: the monitor, reports and network figures leave it out until staff confirm it. A
confirmed figure stays confirmed while it is unchanged; a new value waits again."""

import pytest
from django.core.exceptions import PermissionDenied

from opmars.geo.models import Municipality
from opmars.monitor import metrics
from opmars.registry import actions
from opmars.registry.models import Review, YearlyFacts

pytestmark = pytest.mark.django_db

SMALL = "GM0088"  # Schiermonnikoog


@pytest.fixture
def island(make_collective):
    return make_collective(municipality=SMALL, founded_year=2010)


def too_many():
    return Municipality.objects.get(code=SMALL).population + 1


def national_members(year=2023):
    return metrics.facts_totals(metrics.national(), year)


def test_an_implausible_count_is_kept_but_held_back(editor_user, island):
    before = national_members()
    facts = actions.save_yearly_facts(
        editor_user, island, {"year": 2023, "members": too_many(), "volunteers": 12}
    )
    assert facts.review == Review.OPEN and facts.members == too_many()
    assert national_members() == before, "the held-back row counts in no sum"


def test_a_plausible_count_counts_at_once(editor_user, island):
    facts = actions.save_yearly_facts(editor_user, island, {"year": 2023, "members": 40})
    assert facts.review == Review.NONE
    totals = national_members()
    assert totals["members"] == 40 and totals["reporting"] == 1


def test_staff_confirm_it_and_then_it_counts(editor_user, staff_user, island):
    facts = actions.save_yearly_facts(editor_user, island, {"year": 2023, "members": too_many()})
    actions.confirm_facts(staff_user, facts)
    assert national_members()["members"] == too_many()
    same_again = actions.save_yearly_facts(
        editor_user, island, {"year": 2023, "members": too_many(), "volunteers": 3}
    )
    assert same_again.review == Review.CONFIRMED
    changed = actions.save_yearly_facts(
        editor_user, island, {"year": 2023, "members": too_many() + 5}
    )
    assert changed.review == Review.OPEN


def test_only_staff_confirm(editor_user, island):
    facts = actions.save_yearly_facts(editor_user, island, {"year": 2023, "members": too_many()})
    with pytest.raises(PermissionDenied):
        actions.confirm_facts(editor_user, facts)
    assert YearlyFacts.objects.get(pk=facts.pk).review == Review.OPEN


def test_the_editor_is_told_on_saving(client, editor_user, island):
    client.force_login(editor_user)
    response = client.post(
        f"/collectieven/{island.slug}/jaarcijfers/",
        {"year": 2023, "members": too_many()},
        follow=True,
    )
    assert "groter dan het aantal inwoners" in response.content.decode()


def test_the_admin_action_confirms_through_the_audited_action(admin_client, editor_user, island):
    facts = actions.save_yearly_facts(editor_user, island, {"year": 2023, "members": too_many()})
    admin_client.post(
        "/beheer/registry/yearlyfacts/",
        {"action": "confirm", "_selected_action": [facts.pk]},
    )
    assert YearlyFacts.objects.get(pk=facts.pk).review == Review.CONFIRMED
