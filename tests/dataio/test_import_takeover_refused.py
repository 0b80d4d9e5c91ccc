"""Issue 21: a network admin cannot take over a collective by import. The chain was: write
one's own address as the contact address of a collective outside the network, claim it, and
confirm the claim from the mail that then arrives. It fails at its first step, for the
collective's record, its yearly facts and its impact reports."""

import pytest

from opmars.dataio.importing import ERROR
from opmars.impact.models import ImpactReport
from opmars.networks.models import MembershipRequest
from opmars.registry.models import YearlyFacts
from tests.dataio.rights_helpers import (
    ATTACKER,
    collectives_csv,
    facts_csv,
    impact_csv,
    web_import,
)

pytestmark = pytest.mark.django_db

REFUSED = "Je mag dit collectief niet wijzigen"
TARGETS = ["outside", "outside_orphan", "member"]


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    settings.DATA_DIR = tmp_path


@pytest.fixture
def admin_client(client, network_admin):
    client.force_login(network_admin)
    return client


@pytest.mark.parametrize("target", TARGETS)
def test_the_contact_address_is_not_overwritten(admin_client, kernen, records, target):
    collective = getattr(records, target)
    page, run = web_import(admin_client, collectives_csv(collective.name), network=kernen)
    collective.refresh_from_db()
    assert collective.contact_email == "bestuur@example.org"
    assert ATTACKER not in page
    assert REFUSED in page and "beheerders van Opmars" in page
    assert run.counts[ERROR] == 1 and run.counts["bijwerken"] == 0


def test_the_refused_row_neither_joins_nor_invites(admin_client, kernen, records):
    web_import(admin_client, collectives_csv(records.outside.name), network=kernen)
    assert not records.outside.networks.exists()
    assert not MembershipRequest.objects.exists()


def test_a_guess_of_the_private_address_gets_the_same_answer(admin_client, kernen, records):
    """A row is not compared with a record it may not change: "ongewijzigd" for the right
    address would confirm a guess of the contact address, which only editors may see."""
    guess = collectives_csv(records.outside.name, email="bestuur@example.org")
    wrong = collectives_csv(records.outside.name, email="iets@example.org")
    right_page, _run = web_import(admin_client, guess, network=kernen)
    wrong_page, _run = web_import(admin_client, wrong, network=kernen)
    assert REFUSED in right_page and REFUSED in wrong_page
    assert "ongewijzigd</span>" not in right_page


@pytest.mark.parametrize("target", TARGETS)
def test_yearly_facts_are_not_written(admin_client, kernen, records, target):
    collective = getattr(records, target)
    page, run = web_import(admin_client, facts_csv(collective.name), "facts", kernen)
    assert REFUSED in page and run.counts[ERROR] == 1
    assert not YearlyFacts.objects.filter(collective=collective).exists()


@pytest.mark.parametrize("target", TARGETS)
def test_impact_reports_are_not_written(admin_client, kernen, records, target):
    collective = getattr(records, target)
    page, run = web_import(admin_client, impact_csv(collective.name), "impact", kernen)
    assert REFUSED in page and run.counts[ERROR] == 1
    assert not ImpactReport.objects.filter(collective=collective).exists()
