"""`opmars import` and `opmars export`: messages, exit status, files."""

import json
import zipfile

import pytest

from opmars.cli import main
from opmars.dataio.opendata import published_dumps
from opmars.registry.models import Collective
from tests.dataio.helpers import BRAM_CSV, ENERGY_CSV, write

pytestmark = pytest.mark.django_db(transaction=False)


def opmars(*args):
    with pytest.raises(SystemExit) as exit_info:
        main([str(a) for a in args])
    return exit_info.value.code


def test_import_with_errors_exits_non_zero_and_names_row_and_column(tmp_path, capsys):
    path = write(tmp_path, BRAM_CSV)
    assert opmars("import", path) == 1
    out = capsys.readouterr().out
    assert "Rij 5, kolom Gemeente, waarde 'Haaren'" in out
    assert "Niet geïmporteerd" in out and "--valid-only" in out
    assert not Collective.objects.exists()


def test_dry_run_then_valid_only_with_a_network_and_an_error_report(tmp_path, capsys):
    from opmars.networks.models import Network

    network = Network.objects.create(
        slug="kleine-kernen-fryslan", name="Kleine Kernen", kind="provinciaal"
    )
    path = write(tmp_path, BRAM_CSV)
    assert opmars("import", path, "--dry-run", "--network", network.slug) == 1
    assert not Collective.objects.exists()
    report = tmp_path / "fouten.csv"
    code = opmars("import", path, "--valid-only", "--network", network.slug, "--report", report)
    assert code == 0
    assert Collective.objects.count() == 2
    collective = Collective.objects.first()
    assert collective.source.startswith("import door Kleine Kernen, ")
    assert network.members.count() == 2
    assert "Haaren" in report.read_text("utf-8-sig")


def test_unknown_network_is_refused(tmp_path):
    with pytest.raises(SystemExit, match="geen netwerk"):
        main(["import", str(write(tmp_path, BRAM_CSV)), "--network", "bestaat-niet"])


def test_facts_type(tmp_path, make_collective):
    make_collective(kvk_number="11112222")
    path = write(tmp_path, "kvk;jaar;leden\n11112222;2024;1.200\n")
    assert opmars("import", path, "--type", "facts") == 0


def test_export_with_filters_and_the_dump(tmp_path, settings, make_collective, capsys):
    settings.DATA_DIR = tmp_path
    make_collective(name="Dorpsraad Ede", municipality="Ede", kind="dorpsraad")
    make_collective(name="Buurtzorg West")
    target = tmp_path / "lijst.geojson"
    assert opmars("export", "--format", "geojson", "--kind", "dorpsraad", "-o", target) == 0
    features = json.loads(target.read_text())["features"]
    assert [f["properties"]["name"] for f in features] == ["Dorpsraad Ede"]
    assert opmars("export", "--province", "XX", "-o", tmp_path / "x.csv") == 2
    assert "--province" in capsys.readouterr().err
    dump = tmp_path / "dump.zip"
    assert opmars("export", "--format", "dump", "-o", dump) == 0
    with zipfile.ZipFile(dump) as archive:
        names = set(archive.namelist())
        dictionary = archive.read("data_dictionary.csv").decode("utf-8-sig")
        licence = archive.read("LICENCE.txt").decode()
    assert {"collectives.csv", "yearly_facts.csv", "memberships.csv", "SOURCES.txt"} <= names
    for column in ["public_lat", "location_precision", "demo", "income_total"]:
        assert f",{column}," in dictionary
    assert "CC-BY-4.0" in licence
    # It also queued a dump for /open-data/, which the test settings make at once.
    assert len(published_dumps()) == 1


def test_dump_licence_is_a_setting(tmp_path, settings, make_collective):
    settings.DATA_DIR = tmp_path
    settings.OPMARS_OPEN_DATA_LICENCE = "CC0-1.0"
    dump = tmp_path / "dump.zip"
    assert opmars("export", "--format", "dump", "-o", dump) == 0
    with zipfile.ZipFile(dump) as archive:
        assert "CC0-1.0" in archive.read("LICENCE.txt").decode()


def test_every_exported_column_is_in_the_data_dictionary():
    from opmars.dataio.exporting import COLUMNS
    from opmars.dataio.opendata import DICTIONARY

    assert set(COLUMNS) == {name for file, name, *_rest in DICTIONARY if file == "collectives.csv"}


def test_energy_example_from_the_docs(capsys):
    assert opmars("import", ENERGY_CSV, "--valid-only") == 0
    assert Collective.objects.count() > 340
