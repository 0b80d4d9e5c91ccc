"""Between a write's commit and the end of its catch-up (a fraction of a second) the kept rows are
one generation behind. A reader of that moment waits for the catch-up instead of computing the
figure from scratch, which takes seconds at national scale; it computes only when no catch-up
can bring the rows to its generation (a rebuild is due) or none came in time."""

import contextlib
import datetime

import pytest
from django.db import transaction

from opmars.caching import changes, generation
from opmars.monitor import metrics, summaries
from opmars.registry import actions

# Committed for real: a reader inside a transaction never waits (its own writes' catch-up
# follows its commit).
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data_after_flush"),
]

LAST_YEAR = datetime.date.today().year - 1


@pytest.fixture
def behind(make_collective, editor_user):
    """Kept rows built, then a yearly-facts save committed whose catch-up has not run yet."""
    collective = make_collective(municipality="GM0363", founded_year=2010)
    summaries.rebuild()
    with catch_up_held_back():
        actions.save_yearly_facts(editor_user, collective, {"year": LAST_YEAR, "members": 40})
    return collective


@contextlib.contextmanager
def catch_up_held_back():
    """Writes committed without their catch-up (as between a commit and its catch-up)."""
    changes.committed.disconnect(summaries.catch_up, dispatch_uid="monitor.summaries")
    try:
        yield
    finally:
        changes.committed.connect(summaries.catch_up, dispatch_uid="monitor.summaries")


@pytest.fixture
def polls(monkeypatch):
    """The reader's waits, counted; `then` runs at the first (the writer's catch-up arriving)."""
    waits = {"count": 0, "then": lambda: None}

    def sleep(_seconds):
        waits["count"] += 1
        if waits["count"] == 1:
            waits["then"]()

    monkeypatch.setattr(summaries.time, "sleep", sleep)
    monkeypatch.setattr(summaries, "CATCH_UP_WAIT_SECONDS", 0.3)
    return waits


def kept_answers(area=None):
    with generation.pinned():
        return summaries.usable(area or metrics.national(), LAST_YEAR)


def test_a_reader_waits_for_the_catch_up_and_reads_the_kept_rows(behind, polls):
    polls["then"] = summaries.catch_up
    assert kept_answers()
    assert polls["count"] == 1
    area = metrics.municipality_area("GM0363")
    assert kept_answers(area) and metrics.facts_totals(area, LAST_YEAR)["members"] == 40


def test_without_a_catch_up_in_time_it_computes(behind, polls):
    assert not kept_answers()
    assert polls["count"] > 1  # it kept looking until the deadline


def test_inside_a_transaction_it_computes_at_once(behind, polls):
    polls["then"] = summaries.catch_up
    with transaction.atomic():
        assert not kept_answers()
    assert polls["count"] == 0


def test_when_only_a_rebuild_can_reach_its_generation_it_computes_at_once(behind, polls):
    with catch_up_held_back(), transaction.atomic():  # a write too wide to name its collectives
        changes.record_write(None)
        changes.mark_all()
    assert not kept_answers()
    assert polls["count"] == 0
