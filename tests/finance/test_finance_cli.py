"""`opmars finance-routes import FILE [--dry-run]`: the import page's checks at the command line,
all or nothing, every error with row and field."""

import pytest

from opmars.accounts.models import AuditEvent
from opmars.cli import build_parser
from opmars.finance.cli import run_finance
from opmars.finance.models import FinanceRoute

from .conftest import HEADER

pytestmark = pytest.mark.django_db
ROW = "Buurtfonds;Fonds Test;fonds;landelijk;;;;;;ja;https://www.example.org/a;01-02-2026\n"
LATE = "Later;Fonds Test;fonds;landelijk;;;;01-06-2026;01-05-2026;;https://www.example.org/b;01-02-2026\n"


def run(tmp_path, text, *options):
    path = tmp_path / "routes.csv"
    path.write_text(text, encoding="utf-8")
    return run_finance(build_parser().parse_args(["finance-routes", "import", str(path), *options]))


def test_a_dry_run_saves_nothing(tmp_path, capsys):
    assert run(tmp_path, HEADER + ROW, "--dry-run") == 0
    assert "Proefrun: 1 nieuw" in capsys.readouterr().out
    assert not FinanceRoute.objects.exists()


def test_an_import_saves_every_row_audited_as_the_command_line(tmp_path, capsys):
    assert run(tmp_path, HEADER + ROW) == 0
    assert "Geïmporteerd: 1 nieuw" in capsys.readouterr().out
    assert FinanceRoute.objects.get().name == "Buurtfonds"
    event = AuditEvent.objects.get(action="finance.route.save")
    assert event.actor_pseudonym == "" and event.changes["via"] == "opdrachtregel"


def test_one_error_and_nothing_is_saved(tmp_path, capsys):
    assert run(tmp_path, HEADER + ROW + LATE) == 1
    err = capsys.readouterr().err
    assert "Niets opgeslagen: 1 fout(en)." in err and "rij 3, veld 'Sluit op'" in err
    assert not FinanceRoute.objects.exists()


def test_a_missing_file(tmp_path, capsys):
    assert run_finance(build_parser().parse_args(["finance-routes", "import", "/nope.csv"])) == 1
    assert "/nope.csv" in capsys.readouterr().err
