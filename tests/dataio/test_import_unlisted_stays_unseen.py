"""An unlisted collective that the importer cannot see does not exist for their import: a row
that names it gets exactly the answer a row naming nobody gets, in the dry run, its counts and
the real run. A collectives row therefore adds a new (public) record, which the duplicate review
later pairs with the hidden one for staff. Decision 0038."""

import pytest

from opmars.dataio.importing import CREATE, ERROR, UNCHANGED, UPDATE
from opmars.dataio.models import ExternalId
from opmars.registry.models import Collective, YearlyFacts
from tests.dataio.helpers import run, write
from tests.dataio.rights_helpers import collectives_csv, facts_csv

pytestmark = pytest.mark.django_db

NOBODY = "Nergens Bekend"


def dry_run(tmp_path, text, actor, network, kind="collectives"):
    path = write(tmp_path, text, encoding="utf-8")
    return run(path, actor, kind=kind, network=network, dry_run=True)


def answer(report):
    """Everything a report says about its one row, apart from the name in it."""
    row = report.rows[0]
    errors = [(e.column, e.message) for e in row.errors]
    return report.counts, row.action, row.changes, row.notes, errors


def test_a_row_naming_it_is_new_like_a_row_naming_nobody(tmp_path, records, network_admin, kernen):
    hidden = dry_run(tmp_path, collectives_csv(records.unlisted.name), network_admin, kernen)
    nobody = dry_run(tmp_path, collectives_csv(NOBODY), network_admin, kernen)
    assert answer(hidden) == answer(nobody)
    assert hidden.rows[0].action == CREATE


def test_the_real_run_adds_a_record_and_leaves_the_hidden_one_alone(
    tmp_path, records, network_admin, kernen
):
    path = write(tmp_path, collectives_csv(records.unlisted.name), encoding="utf-8")
    run(path, network_admin, network=kernen)
    hidden = Collective.objects.get(pk=records.unlisted.pk)
    assert hidden.contact_email == "bestuur@example.org" and not hidden.networks.exists()
    added = Collective.objects.exclude(pk=hidden.pk).get(name=hidden.name)
    assert not added.is_unlisted and kernen in added.networks.all()
    assert run(path, network_admin, network=kernen).rows[0].action == UNCHANGED


def test_its_external_id_finds_nothing_and_stays_its_own(tmp_path, records, network_admin, kernen):
    ExternalId.objects.create(scheme="bron_id", value="X-1", collective=records.unlisted)
    text = (
        f"bron_id;Naam;Soort;Gemeente\r\nX-1;{records.unlisted.name};buurtcooperatie;Amsterdam\r\n"
    )
    path = write(tmp_path, text, encoding="utf-8")
    assert run(path, network_admin, network=kernen, dry_run=True).rows[0].action == CREATE
    run(path, network_admin, network=kernen)
    assert ExternalId.objects.get(value="X-1").collective_id == records.unlisted.pk
    assert run(path, network_admin, network=kernen).rows[0].action == UNCHANGED


def test_its_kvk_number_gets_the_add_forms_answer(tmp_path, records, network_admin, kernen):
    """A KvK number is unique in Opmars: the registry form tells anyone who adds a collective
    that a number is taken, and the import says the same, no more."""
    text = f"Naam;KvK;Gemeente\r\n{NOBODY};55556666;Amsterdam\r\n"
    report = dry_run(tmp_path, text, network_admin, kernen)
    assert report.rows[0].action == ERROR
    assert "staat al bij een ander collectief" in report.rows[0].errors[0].message
    assert records.unlisted.name not in str(report.as_json())


def test_yearly_facts_for_it_are_for_a_collective_not_in_opmars(
    tmp_path, records, network_admin, kernen
):
    hidden = dry_run(tmp_path, facts_csv(records.unlisted.name), network_admin, kernen, "facts")
    nobody = dry_run(tmp_path, facts_csv(NOBODY), network_admin, kernen, "facts")
    assert answer(hidden) == answer(nobody)
    assert "staat niet in Opmars" in hidden.rows[0].errors[0].message


def test_its_name_does_not_make_a_visible_namesake_ambiguous(
    tmp_path, records, network_admin, kernen
):
    Collective.objects.filter(pk=records.orphan.pk).update(name=records.unlisted.name)
    path = write(tmp_path, facts_csv(records.unlisted.name), encoding="utf-8")
    report = run(path, network_admin, kind="facts", network=kernen)
    assert report.rows[0].action == CREATE and not report.rows[0].errors
    assert YearlyFacts.objects.filter(collective=records.orphan).exists()


def test_who_may_see_it_finds_it(tmp_path, records, staff_user, network_admin, kernen):
    """Staff see every record; an admin of a network it belongs to sees it too (and, as it has
    editors, may not change it)."""
    text = collectives_csv(records.unlisted.name)
    assert dry_run(tmp_path, text, staff_user, None).rows[0].action == UPDATE
    kernen.members.add(records.unlisted)
    refused = dry_run(tmp_path, text, network_admin, kernen).rows[0]
    assert refused.action == ERROR and "niet wijzigen" in refused.errors[0].message
