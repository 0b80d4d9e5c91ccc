"""Killing the process (SIGKILL, no clean-up) in the middle of an import or of a save leaves
the SQLite file consistent: committed data is all there, the interrupted transaction left
nothing behind (all or none of its rows), and `PRAGMA integrity_check` says ok. An import that
had committed some of its batches (SQLite writes them in short transactions, decision 0040) is
walked back by the next import.

The process stops itself (SIGSTOP) at the point to kill it at, so the kill lands there however
slow the machine: it cannot finish its transaction before the test gets to kill it."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.security.conftest import ROOT, env_for

ROWS = 6000


def query(data_dir, sql):
    with sqlite3.connect(data_dir / "opmars.sqlite3") as db:
        return db.execute(sql).fetchall()


def write_import_file(path, rows, prefix, municipality):
    lines = ["Naam;Soort;Rechtsvorm;Gemeente;Oprichtingsjaar"]
    lines += [f"{prefix} {n};dorpsraad;vereniging;{municipality};2001" for n in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run_import(data_dir, path):
    subprocess.run(
        [sys.executable, "-m", "opmars.cli", "import", str(path)],
        cwd=ROOT, env=env_for(data_dir), check=True, capture_output=True, timeout=600,
    )  # fmt: skip


def kill_when(process, seen, timeout=300):
    """SIGKILL the process as soon as `seen(output so far)` is true; the output read so far."""
    output = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        chunk = os.read(process.stderr.fileno(), 4096)
        if not chunk:
            break
        output += chunk
        if seen(output):
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
            return output
    process.kill()
    pytest.fail(f"never reached the point to kill at: {output[-500:]!r}")


def assert_intact(data_dir):
    assert query(data_dir, "PRAGMA integrity_check") == [("ok",)]
    assert query(data_dir, "PRAGMA foreign_key_check") == []


# `opmars import <file>`, stopping itself once it has written (committed) 2000 rows.
IMPORT_STOPPING_AT_2000 = """
import os, signal, sys
from opmars import cli

real_progress_bar = cli._progress_bar
def progress_bar(*args, **kwargs):
    show = real_progress_bar(*args, **kwargs)
    def show_then_stop(done, writing=None):
        show(done, writing)
        if writing and done >= 2000:
            os.kill(os.getpid(), signal.SIGSTOP)
    return show_then_stop
cli._progress_bar = progress_bar
cli.main(["import", sys.argv[1]])
"""


def test_an_import_killed_half_way_leaves_all_or_nothing(data_dir):
    earlier = data_dir / "eerder.csv"
    write_import_file(earlier, 20, "Eerder Collectief", "Groningen")
    run_import(data_dir, earlier)
    committed = query(data_dir, "SELECT count(*) FROM registry_collective")[0][0]
    assert committed == 20
    events_before = query(data_dir, "SELECT count(*) FROM accounts_auditevent")[0][0]

    big = data_dir / "groot.csv"
    write_import_file(big, ROWS, "Crashtest Collectief", "Utrecht")
    process = subprocess.Popen(
        [sys.executable, "-c", IMPORT_STOPPING_AT_2000, str(big)],
        cwd=ROOT, env=env_for(data_dir), stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    # The second bar counts rows written and committed: kill after the first batch.
    output = kill_when(process, lambda out: b" 2000/6000 rijen opgeslagen" in out)
    assert process.returncode == -signal.SIGKILL
    assert b" 6000/6000 rijen opgeslagen" not in output

    assert_intact(data_dir)
    written = query(data_dir, "SELECT count(*) FROM registry_collective")[0][0] - committed
    steps = query(data_dir, "SELECT count(*) FROM dataio_importundo")[0][0]
    assert written == steps == 2000  # committed batches, each with its way back

    later = data_dir / "later.csv"
    write_import_file(later, 3, "Later Collectief", "Groningen")
    run_import(data_dir, later)  # the next import first undoes the dead one
    names = [name for (name,) in query(data_dir, "SELECT name FROM registry_collective")]
    assert len(names) == committed + 3, "a killed import must leave none of its rows"
    assert not [name for name in names if name.startswith("Crashtest")]
    assert query(data_dir, "SELECT count(*) FROM dataio_importundo") == [(0,)]
    killed = query(data_dir, "SELECT status FROM dataio_importrun WHERE file_name = 'groot.csv'")
    assert killed == [("mislukt",)]
    events = query(data_dir, "SELECT count(*) FROM accounts_auditevent")[0][0]
    assert events == events_before + 1 + 3  # the later import's; none of the killed one's
    assert_intact(data_dir)


SLOW_SAVE = """
import os, signal, sys
import django
django.setup()
from opmars.accounts.models import User
from opmars.registry import actions
from opmars.registry.models import Collective

editor = User.objects.create_user(email="redacteur@example.org", password="x-wachtwoord-1")
collective = actions.create_collective(editor, {
    "name": "Coöperatie Voor De Crash", "kind": "buurtcooperatie", "legal_form": "cooperatie_ua",
    "municipality": "GM0344", "founded_year": 2010, "status": "actief",
    "domains": ["zorg_welzijn"], "description": "Vastgelegd voor de crash.",
})
print("committed", file=sys.stderr, flush=True)

real_record = actions.record
def slow_record(*args, **kwargs):
    event = real_record(*args, **kwargs)
    print("written, not committed", file=sys.stderr, flush=True)
    os.kill(os.getpid(), signal.SIGSTOP)
    return event
actions.record = slow_record

data = {**actions.collective_form_initial(collective), "description": "Half opgeslagen."}
actions.update_collective(editor, collective, data)
"""


def test_a_save_killed_before_its_commit_changes_nothing(data_dir):
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_SAVE],
        cwd=ROOT, env={**env_for(data_dir), "DJANGO_SETTINGS_MODULE": "opmars.settings"},
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    kill_when(process, lambda out: b"written, not committed" in out)

    assert_intact(data_dir)
    rows = query(data_dir, "SELECT description FROM registry_collective")
    assert rows == [("Vastgelegd voor de crash.",)]
    actions = query(data_dir, "SELECT action FROM accounts_auditevent ORDER BY id")
    assert actions == [("collective.create",)]
