"""[leeg] in a cell empties that field on purpose (an empty cell keeps the stored value);
emptying a required field is a row error that names the row, the column and the reason."""

import pytest

from opmars.cli import main
from opmars.dataio.importing import ERROR, UPDATE
from opmars.registry.models import Collective, YearlyFacts
from tests.dataio.helpers import run, write

pytestmark = pytest.mark.django_db

HEADER = "naam;soort;rechtsvorm;gemeente;oprichtingsjaar;website;terreinen\n"
FULL = HEADER + "Dorpsbelang Oosterend;dorpsraad;vereniging;Ede;1998;https://o.example;energie\n"


def test_the_marker_empties_optional_fields(tmp_path, staff_user):
    assert run(write(tmp_path, FULL), staff_user).imported
    cleared = HEADER + "Dorpsbelang Oosterend;;;Ede;[leeg];[Leeg];[leeg]\n"
    dry = run(write(tmp_path, cleared, name="b.csv"), staff_user, dry_run=True)
    assert dry.rows[0].action == UPDATE
    assert set(dry.rows[0].changes) == {"founded_year", "website", "domains"}
    assert run(write(tmp_path, cleared, name="b.csv"), staff_user).imported
    collective = Collective.objects.get()
    assert (collective.founded_year, collective.website, collective.domain_codes) == (None, "", [])
    assert collective.legal_form == "vereniging"  # its cell was empty: kept


def test_emptying_a_required_field_is_a_row_error_in_dutch(tmp_path, staff_user):
    assert run(write(tmp_path, FULL), staff_user).imported
    path = write(tmp_path, HEADER + "Dorpsbelang Oosterend;;[leeg];Ede;;;\n", name="b.csv")
    report = run(path, staff_user)
    assert not report.imported and report.rows[0].action == ERROR
    error = report.errors[0]
    assert (error.row, error.column, error.value) == (2, "rechtsvorm", "[leeg]")
    assert "verplicht" in error.message
    assert Collective.objects.get().legal_form == "vereniging"


def test_the_cli_names_row_column_and_reason(tmp_path, capsys):
    path = write(tmp_path, HEADER + "Nieuw Dorp;[leeg];vereniging;Ede;;;\n")
    with pytest.raises(SystemExit) as exit_info:
        main(["import", str(path)])
    assert exit_info.value.code == 1
    out = capsys.readouterr().out
    assert "Rij 2, kolom soort, waarde '[leeg]': Dit veld is verplicht" in out
    assert not Collective.objects.exists()


def test_the_marker_empties_a_yearly_figure_but_not_the_year(tmp_path, make_collective):
    make_collective(kvk_number="11112222", founded_year=2010)
    run(write(tmp_path, "kvk;jaar;leden;vrijwilligers\n11112222;2024;120;15\n"), kind="facts")
    path = write(tmp_path, "kvk;jaar;leden\n11112222;2024;[leeg]\n", name="b.csv")
    assert run(path, kind="facts").imported
    facts = YearlyFacts.objects.get()
    assert (facts.members, facts.volunteers) == (None, 15)
    no_year = write(tmp_path, "kvk;jaar;leden\n11112222;[leeg];5\n", name="c.csv")
    error = run(no_year, kind="facts").errors[0]
    assert error.column == "jaar" and "verplicht" in error.message
