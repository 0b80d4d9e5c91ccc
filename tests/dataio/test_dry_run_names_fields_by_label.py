"""A dry run says what changes in the words of the form ("Oprichtingsjaar"), never the code
name of a field ("founded_year"; issue 20), on the page and on the command line."""

import pytest

from opmars.dataio.cli import print_report
from opmars.dataio.forms import field_labels
from opmars.dataio.import_run import Options, import_file
from opmars.dataio.models import ImportRun
from tests.dataio.helpers import upload

pytestmark = pytest.mark.django_db

FILE = "naam;kvk;oprichtingsjaar\nNieuwe Naam;87654321;1999\n"


def test_the_review_page_lists_changes_by_label(
    client, staff_user, make_collective, settings, tmp_path
):
    settings.DATA_DIR = tmp_path
    make_collective(kvk_number="87654321", founded_year=2010)
    client.force_login(staff_user)
    upload(client, FILE, encoding="utf-8")
    page = client.get(f"/import/{ImportRun.objects.get().pk}/").content.decode()
    assert "Verandert: Naam, Oprichtingsjaar" in page
    assert "founded_year" not in page.split('id="rows"')[1]


def test_the_command_line_maps_columns_to_labels(tmp_path, capsys, make_collective):
    make_collective(kvk_number="87654321", founded_year=2010)
    path = tmp_path / "dorpen.csv"
    path.write_text(FILE, encoding="utf-8")
    report = import_file(path, None, Options(kind="collectives", dry_run=True))
    print_report(report, "collectives")
    out = capsys.readouterr().out
    assert "oprichtingsjaar → Oprichtingsjaar" in out and "founded_year" not in out


def test_every_field_of_every_kind_has_a_label():
    for kind, names in {
        "collectives": ["name", "founded_year", "last_verified", "lat", "status_year"],
        "facts": ["members", "income_grants", "year"],
    }.items():
        assert not set(names) & set(field_labels(kind, names)), kind
