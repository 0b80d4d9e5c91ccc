"""The figures kept on write stay current after writes that bypass the service functions: an
edit in the admin is queued about the collective it changed (or about everything), a new
open-data dump about no collective, and a write the queue cannot follow (demo or reference
data, a migration) has the next write ask for a rebuild in the background."""

import datetime
from types import SimpleNamespace

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction

from opmars.caching import generation
from opmars.dataio import opendata
from opmars.geo.models import Municipality
from opmars.monitor import metrics, summaries
from opmars.registry import actions
from opmars.registry.models import Collective, YearlyFacts

# Committed for real: the catch-up follows a write after its commit.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data_after_flush"),
]

LAST_YEAR = datetime.date.today().year - 1


def current_and_right(area, year):
    """Whether the kept rows answer the area, and answer it as a computation from scratch."""
    with generation.pinned():
        usable = summaries.usable(area, year)
        kept = (metrics.facts_totals(area, year), metrics.area_profile(area, year))
    real_usable = summaries.usable
    summaries.usable = lambda area, year: False
    try:
        computed = (metrics.facts_totals(area, year), metrics.area_profile(area, year))
    finally:
        summaries.usable = real_usable
    return usable and kept == computed


@pytest.fixture
def amsterdam(make_collective, editor_user):
    collective = make_collective(municipality="GM0363", founded_year=2010)
    actions.save_yearly_facts(editor_user, collective, {"year": LAST_YEAR, "members": 40})
    summaries.rebuild()
    return collective


def test_an_admin_edit_of_a_collectives_row_keeps_the_figures_current(amsterdam, staff_user):
    facts = YearlyFacts.objects.get(collective=amsterdam, year=LAST_YEAR)
    with transaction.atomic():
        YearlyFacts.objects.filter(pk=facts.pk).update(members=75)
        LogEntry.objects.log_actions(staff_user.pk, [facts], CHANGE, change_message="leden")
    area = metrics.municipality_area("GM0363")
    assert current_and_right(area, LAST_YEAR)
    assert metrics.facts_totals(area, LAST_YEAR)["members"] == 75


def test_an_admin_edit_of_anything_else_rebuilds_them(amsterdam, staff_user):
    amsterdam_row = Municipality.objects.get(code="GM0363")
    with transaction.atomic():
        Collective.objects.filter(pk=amsterdam.pk).update(municipality_id="GM0392")
        # Logged about a row that names no collective: nothing tells which ones it changed.
        LogEntry.objects.log_actions(staff_user.pk, [amsterdam_row], CHANGE, "gemeente")
    assert current_and_right(metrics.municipality_area("GM0392"), LAST_YEAR)
    assert current_and_right(metrics.municipality_area("GM0363"), LAST_YEAR)
    assert metrics.active_collectives(metrics.municipality_area("GM0392")) == 1


def test_a_new_open_data_dump_leaves_them_current(amsterdam, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    opendata.publish_dump()
    assert current_and_right(metrics.national(), LAST_YEAR)


def test_after_a_write_past_the_queue_the_next_write_has_them_rebuilt(amsterdam, editor_user):
    Collective.objects.filter(pk=amsterdam.pk).update(founded_year=2005)
    generation.bump()  # as demo or reference data do
    assert not summaries.usable(metrics.national(), LAST_YEAR)

    actions.save_yearly_facts(editor_user, amsterdam, {"year": LAST_YEAR, "members": 41})

    # The rebuild ran as a background task (at once in the tests).
    assert current_and_right(metrics.national(), LAST_YEAR)
    assert metrics.growth(metrics.national(), LAST_YEAR)[2005 - 1990]["founded"] == 1


def test_an_admin_edit_of_anything_else_leaves_the_rebuild_to_the_worker(
    amsterdam, staff_user, monkeypatch
):
    asked = []
    the_task = summaries.rebuild_later
    # As with the worker: enqueued, not run (a Task is frozen, so the module's name is swapped).
    monkeypatch.setattr(
        summaries, "rebuild_later", SimpleNamespace(enqueue=lambda: asked.append(1))
    )
    amsterdam_row = Municipality.objects.get(code="GM0363")
    with transaction.atomic():
        Collective.objects.filter(pk=amsterdam.pk).update(municipality_id="GM0392")
        LogEntry.objects.log_actions(staff_user.pk, [amsterdam_row], CHANGE, "gemeente")

    # The admin's request did not rebuild: the pages compute meanwhile, and get it right.
    assert asked == [1]
    assert not summaries.usable(metrics.national(), LAST_YEAR)
    assert metrics.active_collectives(metrics.municipality_area("GM0392")) == 1

    assert the_task.func()
    assert current_and_right(metrics.municipality_area("GM0392"), LAST_YEAR)
