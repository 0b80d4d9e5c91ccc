"""Messy files as people make them, and a short way to run an import."""

import json
from pathlib import Path

import opmars
from opmars.dataio.import_run import Options, import_file
from opmars.dataio.models import ImportRun
from opmars.dataio.tasks import progress_path

# The example that ships with the package (docs/import-export.md).
ENERGY_CSV = Path(opmars.__file__).parent / "data" / "examples" / "energy_initiatives_nl.csv"

BRAM_CSV = (
    "Naam;Soort;Rechtsvorm;Gemeente;KvK-nummer;Oprichtingsjaar;Website;Terreinen\r\n"
    "Dorpsraad Oosterend;dorpsraad;Vereniging;Súdwest-Fryslân;;1998;;leefbaarheid_ontmoeting\r\n"
    "Dorpsbelang Holwierde;Dorpsraad;vereniging;Appingedam;1234 5678;2.001;;\r\n"
    "\r\n"
    "Kleine Kern Haaren;dorpsraad;vereniging;Haaren;;2005;;\r\n"
    "Dorpsraad Oosterend;dorpsraad;Vereniging;Súdwest-Fryslân;;1998;;leefbaarheid_ontmoeting\r\n"
    "'=Plaatselijk Belang;dorpsraad;stichting;GM0080;;twee;https://belang.example;\r\n"
    "Dorpsraad Zonder Plaats;dorpsraad;vereniging;;;2010;;\r\n"
)


def write(tmp_path, text, name="lijst.csv", encoding="cp1252"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def run(path, actor=None, **options):
    options.setdefault("dry_run", False)
    return import_file(path, actor, Options(file_name=Path(path).name, **options))


# The fixed clock of the web import's heartbeat (tests/dataio/conftest.py `clock`).
NOW = 1_800_000_000.0


def upload(client, text, name="dorpen.csv", encoding="cp1252"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    file = SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")
    return client.post("/import/", {"file": file, "kind": "collectives"})


def worker_died(run, seconds_ago):
    """What a killed worker leaves: the run at work, its last heartbeat `seconds_ago`."""
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.RUNNING)
    beat = {"done": 2000, "total": 8000, "beat": NOW - seconds_ago}
    progress_path(run).write_text(json.dumps(beat))
    run.refresh_from_db()
