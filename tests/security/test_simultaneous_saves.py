"""Two editors pressing save at the same moment, in two threads with their own database
connections against a real SQLite file: the version check runs inside the locked transaction,
so exactly one save wins and the other is told, whatever the timing."""

import json
import subprocess
import sys

from tests.security.conftest import ROOT, env_for

TWO_THREADS = """
import json, threading, time
import django
django.setup()
from django.db import connection
from opmars.accounts.models import User
from opmars.registry import actions, versions
from opmars.registry.models import Collective

editor = User.objects.create_user(email="redacteur@example.org", password="x-wachtwoord-1")
collective = actions.create_collective(editor, {
    "name": "Coöperatie Tegelijk", "kind": "buurtcooperatie", "legal_form": "cooperatie_ua",
    "municipality": "GM0344", "founded_year": 2010, "status": "actief",
    "domains": ["zorg_welzijn"], "description": "Zoals geladen.",
})
loaded = versions.collective_version(collective)
connection.close()

# A slow audit write keeps the first transaction open while the second one starts.
real_record = actions.record
def slow_record(*args, **kwargs):
    time.sleep(0.5)
    return real_record(*args, **kwargs)
actions.record = slow_record

barrier = threading.Barrier(2)
results = {}
def save(editor_name):
    try:
        mine = Collective.objects.get(pk=collective.pk)
        data = {**actions.collective_form_initial(mine), "version": loaded,
                "description": f"Versie van {editor_name}."}
        barrier.wait()
        actions.update_collective(editor, mine, data)
        results[editor_name] = "opgeslagen"
    except actions.ActionError as error:
        results[editor_name] = error.errors[0]["code"]
    finally:
        connection.close()

threads = [threading.Thread(target=save, args=(name,)) for name in ("Anouk", "Daan")]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
final = Collective.objects.get(pk=collective.pk).description
print(json.dumps({"results": results, "final": final}))
"""


def test_exactly_one_of_two_simultaneous_saves_wins(data_dir):
    done = subprocess.run(
        [sys.executable, "-c", TWO_THREADS],
        cwd=ROOT, env={**env_for(data_dir), "DJANGO_SETTINGS_MODULE": "opmars.settings"},
        capture_output=True, timeout=300, check=True,
    )  # fmt: skip
    outcome = json.loads(done.stdout.decode().strip().splitlines()[-1])
    assert sorted(outcome["results"].values()) == ["gewijzigd", "opgeslagen"]
    winner = next(name for name, result in outcome["results"].items() if result == "opgeslagen")
    assert outcome["final"] == f"Versie van {winner}."
