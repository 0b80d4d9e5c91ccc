"""Importing collectives: dry run per row, one transaction, upsert, placement, messages."""

import pytest

from opmars.accounts.models import AuditEvent
from opmars.dataio.importing import CREATE, ERROR, SKIP, UNCHANGED, UPDATE
from opmars.dataio.models import ImportRun
from opmars.registry.models import Collective
from tests.dataio.helpers import BRAM_CSV, ENERGY_CSV, run, write

pytestmark = pytest.mark.django_db


def by_row(report):
    return {outcome.row: outcome for outcome in report.rows}


def test_dry_run_says_per_row_what_will_happen_and_saves_nothing(tmp_path, staff_user):
    report = run(write(tmp_path, BRAM_CSV), staff_user, dry_run=True)
    rows = by_row(report)
    assert not report.problem and not report.imported
    assert rows[2].action == CREATE
    assert rows[3].action == CREATE  # Appingedam, merged into Eemsdelta
    assert any("Eemsdelta" in note for note in rows[3].notes)
    assert rows[5].action == ERROR  # Haaren was split: the user must choose
    error = rows[5].errors[0]
    assert (error.column, error.value) == ("Gemeente", "Haaren")
    assert "Kies er één" in error.message and "Tilburg" in error.message
    assert rows[6].action == SKIP and "rij 2" in rows[6].notes[0]
    assert rows[7].action == ERROR
    assert rows[7].errors[0].column == "Oprichtingsjaar"
    assert "heel getal" in rows[7].errors[0].message
    assert rows[8].action == ERROR and rows[8].errors[0].column == "Gemeente"
    assert report.counts == {CREATE: 2, UPDATE: 0, UNCHANGED: 0, SKIP: 1, ERROR: 3}
    assert not Collective.objects.exists()


def test_a_file_with_errors_imports_nothing(tmp_path, staff_user):
    report = run(write(tmp_path, BRAM_CSV), staff_user)
    assert not report.imported
    assert not Collective.objects.exists()
    assert not ImportRun.objects.exists()


def test_valid_rows_only(tmp_path, staff_user):
    report = run(write(tmp_path, BRAM_CSV), staff_user, valid_only=True)
    assert report.imported
    holwierde = Collective.objects.get(name="Dorpsbelang Holwierde")
    assert holwierde.municipality.name == "Eemsdelta"
    assert holwierde.kvk_number == "12345678"
    assert holwierde.founded_year == 2001
    assert holwierde.kind == "dorpsraad" and holwierde.legal_form == "vereniging"
    assert holwierde.source.startswith("import door Opmars, ")
    assert Collective.objects.count() == 2
    run_record = ImportRun.objects.get()
    assert run_record.counts[CREATE] == 2
    assert AuditEvent.objects.filter(action="collectives.import").count() == 1
    assert AuditEvent.objects.filter(action="collective.import.create").count() == 2


def test_fixed_file_imports_and_reimport_changes_nothing(tmp_path, staff_user):
    fixed = (
        BRAM_CSV.replace(";Haaren;", ";Oisterwijk;")
        .replace(";twee;", ";1950;")
        .replace("Zonder Plaats;dorpsraad;vereniging;;", "Zonder Plaats;dorpsraad;vereniging;Ede;")
    )
    path = write(tmp_path, fixed)
    first = run(path, staff_user)
    assert first.imported, first.errors
    assert first.counts[CREATE] == 5 and first.counts[SKIP] == 1
    belang = Collective.objects.get(website="https://belang.example")
    assert belang.name == "=Plaatselijk Belang"  # exactly the guard apostrophe stripped
    before = list(Collective.objects.order_by("pk").values())
    second = run(path, staff_user)
    assert second.imported
    assert second.counts[UNCHANGED] == 5 and second.counts[CREATE] == 0
    assert list(Collective.objects.order_by("pk").values()) == before


def test_update_by_kvk_changes_only_the_given_columns(tmp_path, staff_user, make_collective):
    existing = make_collective(kvk_number="87654321", description="Blijft staan.")
    path = write(
        tmp_path, "naam,kvk,oprichtingsjaar\nNieuwe Naam,87654321,1999\n", encoding="utf-8"
    )
    report = run(path, staff_user)
    assert report.imported and report.rows[0].action == UPDATE
    assert set(report.rows[0].changes) == {"name", "founded_year"}
    existing.refresh_from_db()
    assert (existing.name, existing.founded_year) == ("Nieuwe Naam", 1999)
    assert existing.description == "Blijft staan."


def test_placement_by_postcode_and_by_coordinates(tmp_path, staff_user):
    text = (
        "name,postcode,latitude,longitude\n"
        "Via postcode,9711 AB,,\n"
        'Via coordinaten,,"52,37","4,89"\n'
        "Nergens,,,\n"
    )
    report = run(write(tmp_path, text, encoding="utf-8-sig"), staff_user, valid_only=True)
    assert Collective.objects.get(name="Via postcode").municipality.name == "Groningen"
    assert Collective.objects.get(name="Via coordinaten").municipality.name == "Amsterdam"
    nergens = by_row(report)[4]
    assert nergens.action == ERROR and "postcode" in nergens.errors[0].message


def test_a_file_without_a_name_column_is_refused(tmp_path, staff_user):
    report = run(write(tmp_path, "plaats;iets\nA;B\n"), staff_user)
    assert "naam" in report.problem


def test_the_real_energy_initiatives_file(staff_user):
    report = run(ENERGY_CSV, staff_user, dry_run=True)
    assert not report.problem
    assert report.mapping["naam"] == "name" and report.mapping["ea_id"] == "external_id"
    assert report.mapping["latitude"] == "lat" and report.mapping["organisatievorm"] == "legal_form"
    assert report.total == 357
    assert report.counts[CREATE] > 340, report.errors[:5]
    imported = run(ENERGY_CSV, staff_user, valid_only=True)
    assert imported.imported
    again = run(ENERGY_CSV, staff_user, valid_only=True)
    assert again.counts[CREATE] == 0
    assert again.counts[UNCHANGED] == imported.counts[CREATE]


def test_updating_some_records_keeps_the_domains_of_all_others(tmp_path, staff_user):
    """A re-import that changes a few records rewrites their domains only."""
    from opmars.registry.models import CollectiveDomain

    rows = "".join(
        f"Buurtcoöperatie {n};buurtcooperatie;vereniging;Ede;energie, wonen\n" for n in range(5)
    )
    first = write(tmp_path, "naam;soort;rechtsvorm;gemeente;terreinen\n" + rows)
    assert run(first, staff_user).imported
    assert CollectiveDomain.objects.count() == 10
    changed = rows.replace(
        "Buurtcoöperatie 0;buurtcooperatie;vereniging;Ede;energie, wonen",
        "Buurtcoöperatie 0;buurtcooperatie;vereniging;Ede;zorg_welzijn",
    )
    again = run(
        write(tmp_path, "naam;soort;rechtsvorm;gemeente;terreinen\n" + changed, "b.csv"), staff_user
    )
    assert again.counts["bijwerken"] == 1 and again.counts["ongewijzigd"] == 4
    assert CollectiveDomain.objects.count() == 9
