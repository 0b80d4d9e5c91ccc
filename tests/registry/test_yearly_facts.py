"""Yearly facts: one row per collective and year, missing stays null, counts non-negative."""

import pytest
from django.core.exceptions import PermissionDenied

from opmars.accounts.models import AuditEvent
from opmars.registry import actions


def test_save_and_replace_a_year(make_collective, editor_user):
    c = make_collective(founded_year=2015)
    actions.save_yearly_facts(editor_user, c, {"year": 2024, "members": 120, "volunteers": 30})
    facts = actions.save_yearly_facts(editor_user, c, {"year": 2024, "members": 125})
    assert c.facts.count() == 1
    assert facts.members == 125
    assert facts.volunteers is None  # missing is null, never 0
    assert AuditEvent.objects.filter(action="facts.save").count() == 2


def test_negative_counts_are_refused(make_collective, editor_user):
    c = make_collective()
    with pytest.raises(actions.ActionError) as caught:
        actions.save_yearly_facts(editor_user, c, {"year": 2024, "members": -5})
    assert caught.value.errors[0]["field"] == "members"
    assert "0 of meer" in caught.value.errors[0]["message"]
    assert not c.facts.exists()


def test_year_before_founding_is_refused(make_collective, editor_user):
    c = make_collective(founded_year=2020)
    with pytest.raises(actions.ActionError) as caught:
        actions.save_yearly_facts(editor_user, c, {"year": 2019, "members": 5})
    assert "oprichtingsjaar" in caught.value.errors[0]["message"]


def test_income_total_ignores_unknowns(make_collective, editor_user):
    c = make_collective()
    facts = actions.save_yearly_facts(
        editor_user, c, {"year": 2024, "income_grants": 4000, "income_donations": 250}
    )
    assert facts.income_total == 4250


def test_others_cannot_write_facts(make_collective, other_user):
    with pytest.raises(PermissionDenied):
        actions.save_yearly_facts(other_user, make_collective(), {"year": 2024, "members": 1})
