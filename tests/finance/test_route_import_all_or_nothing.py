"""The CSV import: a dry run shows what would change or every error per row ("rij 4, veld
'Sluit op': …"); applying writes every row or, with one error, nothing."""

import pytest

from opmars.accounts.models import AuditEvent
from opmars.finance import actions
from opmars.finance.models import FinanceRoute

from .conftest import HEADER

pytestmark = pytest.mark.django_db

GOOD = (
    "Buurtfonds Test;Fonds Test;fonds;landelijk;;buurtcooperatie|bewonersinitiatief;;;;ja;"
    "https://www.example.org/a;01-02-2026\n"
    "Energielening;Provincie Test;lening;provinciaal;Gelderland;energiecooperatie;"
    "startfase|groeifase;"
    "01-01-2026;31-12-2026;;https://www.example.org/b;01-02-2026\n"
)
# Row 3 closes before it opens; row 4 names a kind that does not exist.
BAD = (
    "Buurtfonds Test;Fonds Test;fonds;landelijk;;;;;;ja;https://www.example.org/a;01-02-2026\n"
    "Energielening;Provincie Test;lening;provinciaal;Gelderland;;;01-06-2026;01-05-2026;;"
    "https://www.example.org/b;01-02-2026\n"
    "Derde;Gemeente Test;subsidie;gemeentelijk;Oost Gelre;ruimtevaart;;;;ja;"
    "https://www.example.org/c;01-02-2026\n"
)


def test_a_dry_run_shows_the_rows_and_saves_nothing(staff_user):
    plan = actions.import_routes(staff_user, HEADER + GOOD)
    assert plan.errors == [] and not plan.applied
    assert [(r["name"], r["change"]) for r in plan.rows] == [
        ("Buurtfonds Test", "nieuw"),
        ("Energielening", "nieuw"),
    ]
    assert not FinanceRoute.objects.exists()
    assert not AuditEvent.objects.filter(action="finance.route.save").exists()


def test_every_error_names_row_and_field_and_nothing_is_saved(network_admin):
    plan = actions.import_routes(network_admin, HEADER + BAD, apply=True)
    assert not plan.applied
    assert plan.errors[0].startswith("rij 3, veld 'Sluit op': ")
    assert "vóór 'Opent op'" in plan.errors[0]
    assert plan.errors[1].startswith("rij 4, veld 'Voor soorten': 'ruimtevaart' kennen we niet")
    assert len(plan.errors) == 2
    assert not FinanceRoute.objects.exists()


def test_applying_writes_every_row_and_audits_each(staff_user):
    plan = actions.import_routes(staff_user, HEADER + GOOD, apply=True)
    assert plan.applied and plan.counts() == {"nieuw": 2, "gewijzigd": 0, "ongewijzigd": 0}
    loan = FinanceRoute.objects.get(name="Energielening")
    assert loan.province_id == "PV25" and loan.phases == ["startfase", "groeifase"]
    assert not loan.is_ongoing and loan.closes.isoformat() == "2026-12-31"
    events = AuditEvent.objects.filter(action="finance.route.save")
    assert events.count() == 2 and all(e.changes["via"] == "import" for e in events)


def test_a_second_import_updates_by_name_and_provider(staff_user):
    actions.import_routes(staff_user, HEADER + GOOD, apply=True)
    changed = GOOD.replace("31-12-2026", "30-11-2026")
    plan = actions.import_routes(staff_user, HEADER + changed, apply=True)
    assert plan.counts() == {"nieuw": 0, "gewijzigd": 1, "ongewijzigd": 1}
    assert FinanceRoute.objects.count() == 2


def test_the_same_route_twice_in_one_file(staff_user):
    row = GOOD.splitlines()[0] + "\n"
    plan = actions.import_routes(staff_user, HEADER + row + row, apply=True)
    assert plan.errors == [
        "rij 3: de route 'Buurtfonds Test' van Fonds Test staat ook al in rij 2."
    ]
    assert not FinanceRoute.objects.exists()


def test_missing_and_unknown_columns(staff_user):
    plan = actions.import_routes(staff_user, "naam;aanbieder\nA;B\n")
    assert "ontbreken" in plan.errors[0] and "bron" in plan.errors[0]
    plan = actions.import_routes(staff_user, HEADER.strip() + ";kleur\n")
    assert "kleur" in plan.errors[0]


def test_the_import_page_dry_run_then_apply(client, staff_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(staff_user)
    upload = SimpleUploadedFile("routes.csv", (HEADER + BAD).encode(), "text/csv")
    page = client.post("/financiering/importeren/", {"bestand": upload}).content.decode()
    assert "rij 3, veld &#x27;Sluit op&#x27;" in page and "niets opgeslagen" in page
    upload = SimpleUploadedFile("routes.csv", (HEADER + GOOD).encode(), "text/csv")
    page = client.post("/financiering/importeren/", {"bestand": upload}).content.decode()
    assert "Proefrun" in page and not FinanceRoute.objects.exists()
    answer = client.post("/financiering/importeren/", {"tekst": HEADER + GOOD})
    assert answer.status_code == 302 and FinanceRoute.objects.count() == 2
