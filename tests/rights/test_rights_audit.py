"""Every write to the register leaves an audit event with what changed."""

import pytest

from opmars.accounts.audit import AuditAction
from opmars.accounts.models import AuditEvent
from opmars.rights import actions
from opmars.rights.forms import LocalRightForm, RightCaseForm

from .conftest import entry_data

pytestmark = pytest.mark.django_db


def save(actor, **overrides):
    form = LocalRightForm(entry_data(**overrides))
    assert form.is_valid(), form.errors
    return actions.save_local_right(actor, form)


def test_recording_and_changing_an_entry_is_audited(staff_user):
    entry = save(staff_user)
    save(staff_user, status="nee", since="")
    events = AuditEvent.objects.filter(action=AuditAction.LOCAL_RIGHT_SAVE).order_by("pk")
    assert events.count() == 2
    first, second = events
    assert first.actor_pseudonym and first.target_id == str(entry.pk)
    assert first.changes["status"] == [None, "ja"]
    assert second.changes["status"] == ["ja", "nee"]
    assert second.changes["gemeente"] == "GM0363"


def test_saving_the_same_again_writes_no_event(staff_user):
    save(staff_user)
    save(staff_user)
    assert AuditEvent.objects.filter(action=AuditAction.LOCAL_RIGHT_SAVE).count() == 1


def test_a_case_is_audited_and_found_in_its_collectives_trail(staff_user, make_collective):
    collective = make_collective()
    form = RightCaseForm(
        {
            "municipality": "GM0363",
            "right": "uitdaagrecht",
            "collective": collective.slug,
            "year": "2025",
            "subject": "groenonderhoud",
            "outcome": "toegekend",
            "source_url": "https://example.org/besluit",
        }
    )
    assert form.is_valid(), form.errors
    case = actions.save_case(staff_user, form)
    event = AuditEvent.objects.get(action=AuditAction.RIGHT_CASE_SAVE)
    assert event.collective_pk == collective.pk
    assert event.changes["subject"] == [None, "groenonderhoud"]
    actions.delete_case(staff_user, case)
    gone = AuditEvent.objects.get(action=AuditAction.RIGHT_CASE_DELETE)
    assert gone.changes["verwijderd"]["collective"] == collective.slug
