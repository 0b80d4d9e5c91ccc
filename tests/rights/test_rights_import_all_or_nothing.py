"""The CSV import: a dry run shows what would change and saves nothing; with any bad row nothing
is saved and every error names its row and field; a good file is saved whole."""

import pytest

from opmars.accounts.audit import AuditAction
from opmars.accounts.models import AuditEvent
from opmars.rights import actions
from opmars.rights.models import LocalRight

from .conftest import HEADER

pytestmark = pytest.mark.django_db
GOOD = (
    HEADER
    + "GM0363;uitdaagrecht;ja;01-01-2025;https://example.org/a;01-03-2026;\n"
    + "Utrecht;buurtrechten;nee;;https://example.org/b;01-03-2026;ja\n"
    + "GM0014;recht_op_overname;onbekend;;;01-03-2026;\n"
)


def test_a_dry_run_shows_the_plan_and_saves_nothing(staff_user):
    plan = actions.import_rights(staff_user, GOOD)
    assert not plan.errors and not plan.applied
    assert [(r["code"], r["change"]) for r in plan.rows] == [
        ("GM0363", "nieuw"), ("GM0344", "nieuw"), ("GM0014", "nieuw")
    ]  # fmt: skip
    assert not LocalRight.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.LOCAL_RIGHT_SAVE).exists()


def test_a_good_file_is_saved_whole(staff_user):
    plan = actions.import_rights(staff_user, GOOD, apply=True)
    assert plan.applied and plan.counts() == {"nieuw": 3, "gewijzigd": 0, "ongewijzigd": 0}
    assert LocalRight.objects.count() == 3
    assert LocalRight.objects.get(municipality_id="GM0344").is_demo
    again = actions.import_rights(staff_user, GOOD)
    assert again.counts() == {"nieuw": 0, "gewijzigd": 0, "ongewijzigd": 3}


def test_one_bad_row_saves_nothing_and_each_error_names_row_and_field(staff_user):
    bad = (
        GOOD
        + "GM0363;buurtrechten;ja;;;01-03-2026;\n"  # row 5: ja without a source document
        + "Atlantis;uitdaagrecht;onbekend;;;01-03-2026;\n"  # row 6: unknown municipality
        + "GM0363;vetorecht;onbekend;;;01-03-2026;\n"  # row 7: unknown right
    )
    plan = actions.import_rights(staff_user, bad, apply=True)
    assert not plan.applied
    assert len(plan.errors) == 3
    assert plan.errors[0].startswith("rij 5, brondocument: Vul het brondocument in")
    assert plan.errors[1].startswith("rij 6, gemeente:")
    assert plan.errors[2].startswith("rij 7, recht:") and "vetorecht" in plan.errors[2]
    assert not LocalRight.objects.exists()


def test_the_same_entry_twice_is_an_error(staff_user):
    twice = GOOD + "GM0363;uitdaagrecht;nee;;https://example.org/c;01-03-2026;\n"
    plan = actions.import_rights(staff_user, twice, apply=True)
    assert plan.errors == ["rij 5: uitdaagrecht in Amsterdam staat ook al in rij 2."]
    assert not LocalRight.objects.exists()


def test_missing_or_unknown_columns_are_named(staff_user):
    plan = actions.import_rights(staff_user, "gemeente;recht\nGM0363;uitdaagrecht\n")
    assert "status, laatst_nagekeken" in plan.errors[0]
    plan = actions.import_rights(staff_user, HEADER.replace("fictief", "kleur") + "\n")
    assert "kleur" in plan.errors[0]


def test_the_page_runs_the_dry_run_then_imports(client, staff_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(staff_user)
    upload = SimpleUploadedFile("rechten.csv", GOOD.encode("utf-8-sig"), "text/csv")
    page = client.post("/lokale-rechten/importeren/", {"bestand": upload}).content.decode()
    assert "Proefrun" in page and "Importeer deze 3 rijen" in page
    assert not LocalRight.objects.exists()
    answer = client.post("/lokale-rechten/importeren/", {"tekst": GOOD})
    assert answer.status_code == 302
    assert LocalRight.objects.count() == 3
