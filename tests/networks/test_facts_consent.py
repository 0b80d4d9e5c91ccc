"""A collective's editors give and withdraw a network's right to write their yearly facts on
the 'Redactie en zichtbaarheid' page (decision 0048); each change is in the audit trail, and
only the editors (and staff) can make it."""

from opmars.accounts.models import AuditEvent
from opmars.networks.models import Membership

CONSENT_PAGE = "/collectieven/{slug}/netwerken/jaarcijfers/"


def member_of(network, collective):
    return Membership.objects.create(network=network, collective=collective)


def test_the_editor_gives_and_withdraws_consent(client, network, make_collective, editor_user):
    collective = make_collective()
    membership = member_of(network, collective)
    client.force_login(editor_user)
    page = client.get(f"/collectieven/{collective.slug}/redactie/")
    assert "Jaarcijfers bijwerken door jullie netwerken" in page.content.decode()
    assert "Kleine Kernen Test</strong>: mag jullie jaarcijfers niet bijwerken." in (
        page.content.decode()
    )

    path = CONSENT_PAGE.format(slug=collective.slug)
    answer = client.post(path, {"network": network.slug, "allowed": "1"}, follow=True)
    assert "Kleine Kernen Test mag jullie jaarcijfers nu bijwerken." in answer.content.decode()
    membership.refresh_from_db()
    assert membership.network_writes_facts

    client.post(path, {"network": network.slug, "allowed": "0"})
    membership.refresh_from_db()
    assert not membership.network_writes_facts
    changes = [
        e.changes["network_writes_facts"]
        for e in AuditEvent.objects.filter(action="network.facts_consent").order_by("id")
    ]
    assert changes == [[False, True], [True, False]]


def test_the_audit_page_says_what_changed_in_words(client, network, make_collective, editor_user):
    collective = make_collective()
    member_of(network, collective)
    client.force_login(editor_user)
    client.post(
        CONSENT_PAGE.format(slug=collective.slug), {"network": network.slug, "allowed": "1"}
    )
    trail = client.get(f"/collectieven/{collective.slug}/logboek/").content.decode()
    assert "toestemming aan een netwerk om jaarcijfers bij te werken gewijzigd" in trail
    assert "netwerk mag jaarcijfers bijwerken" in trail
    assert "network_writes_facts" not in trail


def test_the_network_admin_cannot_give_itself_consent(
    client, network, network_admin, make_collective
):
    collective = make_collective()
    membership = member_of(network, collective)
    client.force_login(network_admin)
    path = CONSENT_PAGE.format(slug=collective.slug)
    assert client.post(path, {"network": network.slug, "allowed": "1"}).status_code == 403
    membership.refresh_from_db()
    assert not membership.network_writes_facts


def test_a_network_the_collective_is_not_in_is_refused(
    client, network, make_collective, editor_user
):
    collective = make_collective()
    client.force_login(editor_user)
    path = CONSENT_PAGE.format(slug=collective.slug)
    answer = client.post(path, {"network": network.slug, "allowed": "1"}, follow=True)
    assert "Je collectief is geen lid van dit netwerk." in answer.content.decode()
    assert not AuditEvent.objects.filter(action="network.facts_consent").exists()
