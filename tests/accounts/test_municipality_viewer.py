"""A municipal officer sees the draft impact figures of collectives seated in the municipality,
only while the collective's editors consent; never to edit them."""

from opmars.accounts.models import AuditEvent

DRAFT_MARK = "concept, niet openbaar"


def _sees_draft(client, collective):
    return DRAFT_MARK in client.get(f"/collectieven/{collective.slug}/impact/").content.decode()


def test_consent_decides_what_the_officer_sees(world, client_as):
    assert _sees_draft(client_as(world.viewer_consent), world.a)
    client_as(world.editor_a).post(
        f"/collectieven/{world.a.slug}/redactie/", {"action": "consent", "consent": "0"}
    )
    assert not _sees_draft(client_as(world.viewer_consent), world.a)
    event = AuditEvent.objects.get(action="collective.municipality_consent")
    assert event.changes == {"shares_drafts_with_municipality": [True, False]}


def test_giving_consent_opens_the_drafts_to_that_municipality_only(world, client_as):
    assert not _sees_draft(client_as(world.viewer_no_consent), world.b)
    client_as(world.editor_b).post(
        f"/collectieven/{world.b.slug}/redactie/", {"action": "consent", "consent": "1"}
    )
    assert _sees_draft(client_as(world.viewer_no_consent), world.b)
    assert not _sees_draft(client_as(world.viewer_consent), world.b)  # Amsterdam, not Rotterdam


def test_the_officer_reads_but_does_not_edit(world, client_as):
    client = client_as(world.viewer_consent)
    assert client.get(f"/collectieven/{world.a.slug}/impact/nieuw/").status_code == 403
    assert client.get(f"/collectieven/{world.a.slug}/redactie/").status_code == 403


def test_the_public_and_the_api_never_see_drafts(world, client):
    assert not _sees_draft(client, world.a)
    assert client.get(f"/api/v1/collectives/{world.a.slug}/impact").json()["reports"] == []


def test_the_account_page_lists_the_collectives_sharing_drafts(world, client_as):
    page = client_as(world.viewer_consent).get("/account/").content.decode()
    assert f"/collectieven/{world.a.slug}/impact/" in page
    assert world.b.name not in page
