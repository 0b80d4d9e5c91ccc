"""The import asks what the importer may change once per file, as sets of ids, not once per
row: a network admin's dry run of many rows makes as many queries as one of a few (decision
0038; the fast path of decision 0033 keeps its speed)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opmars.networks.models import Membership
from opmars.registry import actions
from tests.conftest import collective_data
from tests.dataio.helpers import run, write
from tests.dataio.rights_helpers import collectives_csv, facts_csv

pytestmark = pytest.mark.django_db


def queries(tmp_path, text, actor, network, kind="collectives"):
    path = write(tmp_path, text, encoding="utf-8")
    with CaptureQueriesContext(connection) as captured:
        run(path, actor, network=network, kind=kind, dry_run=True)
    return len(captured)


@pytest.fixture
def members(staff_user, kernen):
    """Twenty members without editors (the network's records) and twenty with editors."""
    made = []
    for i in range(40):
        collective = actions.create_collective(staff_user, collective_data(name=f"Lid {i}"))
        if i % 2:
            collective.editors.add(staff_user)  # staff as a stand-in editor: not the admin
        Membership.objects.create(network=kernen, collective=collective)
        made.append(collective.name)
    return made


def test_new_rows_cost_no_queries_each(tmp_path, network_admin, kernen):
    few = queries(tmp_path, collectives_csv(*[f"Nieuw {i}" for i in range(3)]), network_admin,
                  kernen)  # fmt: skip
    many = queries(tmp_path, collectives_csv(*[f"Nieuw {i}" for i in range(60)]), network_admin,
                   kernen)  # fmt: skip
    assert many == few


def test_rows_of_existing_records_cost_no_permission_queries(
    tmp_path, network_admin, kernen, members
):
    few = queries(tmp_path, collectives_csv(*members[:4]), network_admin, kernen)
    many = queries(tmp_path, collectives_csv(*members), network_admin, kernen)
    assert many == few


def test_yearly_facts_rows_cost_the_admin_what_they_cost_staff(
    tmp_path, network_admin, staff_user, kernen, members
):
    """A facts row reads its collective and year; the rights add nothing per row (the admin's
    refused rows even skip the year's lookup)."""

    def growth(actor):
        few = queries(tmp_path, facts_csv(*members[:4]), actor, kernen, "facts")
        return queries(tmp_path, facts_csv(*members), actor, kernen, "facts") - few

    assert growth(network_admin) <= growth(staff_user)
