"""A network admin's import changes what the edit forms would let them change, and the members
of their network that have no editors of their own (the network keeps those records). Staff
change everything. Decision 0038."""

import pytest

from opmars.dataio.importing import ERROR, UPDATE
from opmars.impact.models import ImpactReport
from opmars.registry.models import YearlyFacts
from tests.dataio.helpers import run, write
from tests.dataio.rights_helpers import ATTACKER, collectives_csv, facts_csv, impact_csv

pytestmark = pytest.mark.django_db

MAY_CHANGE = {
    "orphan": True,  # a member without editors: the network's own record
    "own": True,  # the admin edits it themselves
    "member": False,  # a member with editors speaks for itself
    "outside": False,
    "outside_orphan": False,  # no editors, but not the network's
}


def imported(tmp_path, text, actor, network, kind="collectives"):
    return run(write(tmp_path, text, encoding="utf-8"), actor, kind=kind, network=network,
               valid_only=True)  # fmt: skip


@pytest.mark.parametrize("target", MAY_CHANGE)
def test_a_network_admin_changes_a_record_only_where_allowed(
    tmp_path, records, network_admin, kernen, target
):
    collective = getattr(records, target)
    report = imported(tmp_path, collectives_csv(collective.name), network_admin, kernen)
    collective.refresh_from_db()
    assert (collective.contact_email == ATTACKER) is MAY_CHANGE[target]
    assert report.rows[0].action == (UPDATE if MAY_CHANGE[target] else ERROR)


@pytest.mark.parametrize("target", MAY_CHANGE)
def test_the_same_holds_for_yearly_facts(tmp_path, records, network_admin, kernen, target):
    collective = getattr(records, target)
    imported(tmp_path, facts_csv(collective.name), network_admin, kernen, "facts")
    written = YearlyFacts.objects.filter(collective=collective, year=2023).exists()
    assert written is MAY_CHANGE[target]


@pytest.mark.parametrize("target", MAY_CHANGE)
def test_the_same_holds_for_impact_reports(tmp_path, records, network_admin, kernen, target):
    collective = getattr(records, target)
    imported(tmp_path, impact_csv(collective.name), network_admin, kernen, "impact")
    written = ImpactReport.objects.filter(collective=collective, year=2023).exists()
    assert written is MAY_CHANGE[target]


def test_without_their_network_only_what_they_edit(tmp_path, records, network_admin):
    names = (records.orphan.name, records.own.name)
    report = imported(tmp_path, collectives_csv(*names), network_admin, None)
    assert [row.action for row in report.rows] == [ERROR, UPDATE]


def test_a_network_admin_does_not_import_for_a_network_they_do_not_run(
    tmp_path, records, network_admin, kernen
):
    kernen.admins.remove(network_admin)
    report = imported(tmp_path, collectives_csv(records.orphan.name), network_admin, kernen)
    assert report.rows[0].action == ERROR


def test_staff_change_every_record(tmp_path, records, staff_user, kernen):
    everything = [getattr(records, name).name for name in MAY_CHANGE] + [records.unlisted.name]
    report = imported(tmp_path, collectives_csv(*everything), staff_user, kernen)
    assert {row.action for row in report.rows} == {UPDATE}
    records.unlisted.refresh_from_db()
    assert records.unlisted.contact_email == ATTACKER
