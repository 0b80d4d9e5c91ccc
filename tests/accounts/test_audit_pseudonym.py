"""Audit events carry a pseudonym, never a user id; the log is append-only; the migration gave
existing events the pseudonym of their actor."""

import re
import sqlite3

import pytest

from opmars.accounts.audit import record
from opmars.accounts.models import Pseudonym
from tests.test_cli import run_opmars

pytestmark = pytest.mark.django_db


def test_an_event_records_the_same_pseudonym_for_the_same_person(world):
    first = record(world.other, "test.one", world.a)
    second = record(world.other, "test.two", world.b)
    code = Pseudonym.objects.get(user=world.other).code
    assert first.actor_pseudonym == second.actor_pseudonym == code
    assert re.fullmatch(r"u-[0-9a-f]{12}", code)
    assert record(world.staff, "test.three", world.a).actor_pseudonym != code
    assert first.collective_pk == world.a.pk and first.actor == world.other


def test_anonymous_and_system_writes_have_no_pseudonym(world):
    assert record(None, "test.system", world.a).actor_pseudonym == ""


def test_events_cannot_be_changed_or_deleted(world):
    event = record(world.other, "test.one", world.a)
    event.action = "iets anders"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


def test_the_migration_pseudonymises_existing_events(tmp_path):
    """On a separate SQLite database: an event written before the migration gets a pseudonym
    linked to its actor, and the id of the collective it was about."""
    run_opmars(tmp_path, "manage", "migrate")
    run_opmars(tmp_path, "manage", "migrate", "accounts", "0001_initial")
    db = sqlite3.connect(tmp_path / "opmars.sqlite3")
    db.execute(
        "insert into accounts_user (password, is_superuser, username, first_name, last_name,"
        " email, is_staff, is_active, date_joined) values"
        " ('', 0, 'oud@example.org', '', '', 'oud@example.org', 0, 1, '2025-01-01')"
    )
    db.execute(
        "insert into accounts_auditevent (actor_id, action, target_type, target_id, changes,"
        " created_at) values (1, 'network.invite', 'networks.network', 'n', '{}', '2025-01-02')"
    )
    db.commit()
    result = run_opmars(tmp_path, "manage", "migrate")
    assert result.returncode == 0, result.stderr
    (code,) = db.execute("select code from accounts_pseudonym where user_id = 1").fetchone()
    assert code.startswith("u-")
    assert db.execute("select actor_pseudonym from accounts_auditevent").fetchone() == (code,)
