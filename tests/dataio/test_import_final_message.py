"""The last message of an import names every count — new, updated, unchanged, skipped as a
double within the file, and rows with an error — on the web page and at the command line alike,
also when a count is 0."""

import pytest

from opmars.dataio.importing import summary
from opmars.dataio.models import ImportRun
from tests.dataio.helpers import BRAM_CSV, upload, write
from tests.dataio.test_cli import opmars

pytestmark = pytest.mark.django_db

# BRAM_CSV: two new rows, one double of the first row, three rows with an error.
EVERY_COUNT = (
    "2 nieuw, 0 bijgewerkt, 0 ongewijzigd, 1 overgeslagen (dubbel in het bestand), "
    "3 met een fout (niet geïmporteerd)"
)


def test_the_summary_names_every_count():
    counts = {"nieuw": 1234, "bijwerken": 2, "ongewijzigd": 0, "overslaan": 1, "fout": 0}
    assert summary(counts) == (
        "1.234 nieuw, 2 bijgewerkt, 0 ongewijzigd, 1 overgeslagen (dubbel in het bestand), "
        "0 met een fout (niet geïmporteerd)"
    )
    assert summary({}).startswith("0 nieuw, 0 bijgewerkt, 0 ongewijzigd, 0 overgeslagen")


def test_the_command_line_ends_with_every_count(tmp_path, capsys):
    assert opmars("import", write(tmp_path, BRAM_CSV), "--valid-only") == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last == f"Geïmporteerd: {EVERY_COUNT}."


def test_the_web_result_says_the_same(client, staff_user, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    client.force_login(staff_user)
    upload(client, BRAM_CSV, name="dorpen.csv")
    run = ImportRun.objects.get()
    client.post(f"/import/{run.pk}/importeren/", {"valid_only": "1"})
    done = client.get(f"/import/{run.pk}/").content.decode()
    assert f"dorpen.csv is geïmporteerd: {EVERY_COUNT}." in done
