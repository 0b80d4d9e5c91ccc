"""A collective without editors (usually imported) is claimed by its board: confirmed by a
mail to its registered contact address, or by staff in their queue. Audited either way."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from opmars.accounts.models import AuditEvent, Claim
from opmars.registry import actions
from tests.conftest import collective_data

CLAIM = {"role": "secretaris van het bestuur", "message": "Wij zijn dit."}


@pytest.fixture
def imported(world):
    """Made by staff, so nobody edits it: like a record from an import."""
    return actions.create_collective(
        world.staff,
        collective_data(name="Dorpsraad Oosterend", contact_email="bestuur@oosterend.example"),
    )


@pytest.fixture
def no_address(world):
    return actions.create_collective(
        world.staff, collective_data(name="Bewonersgroep Zonder Adres")
    )


def _confirm_path(message):
    return re.search(r"/account/claim/\S+/", message.body).group(0)


def test_the_page_invites_the_board_to_claim(imported, client):
    page = client.get(f"/collectieven/{imported.slug}/").content.decode()
    assert f"/collectieven/{imported.slug}/claimen/" in page


def test_a_mail_to_the_contact_address_confirms_the_claim(
    world, imported, client_as, django_capture_on_commit_callbacks
):
    claimant = client_as(world.other)
    with django_capture_on_commit_callbacks(execute=True):  # the mail leaves after the commit
        response = claimant.post(f"/collectieven/{imported.slug}/claimen/", CLAIM)
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["bestuur@oosterend.example"]
    path = _confirm_path(message)
    anyone = client_as(None)
    shown = anyone.get(path).content.decode()
    # Who asks, by address and role: the board judges without Opmars staff.
    assert "secretaris van het bestuur" in shown and world.other.email in shown
    assert not imported.editors.exists()  # opening the link alone changes nothing
    anyone.post(path)
    assert list(imported.editors.all()) == [world.other]
    actions_done = set(
        AuditEvent.objects.filter(collective_pk=imported.pk).values_list("action", flat=True)
    )
    assert {"claim.request", "claim.confirm"} <= actions_done
    assert "werkt niet" in anyone.get(path).content.decode()


def test_without_an_address_staff_decide_in_their_queue(world, no_address, client_as):
    client_as(world.other).post(f"/collectieven/{no_address.slug}/claimen/", CLAIM)
    assert not mail.outbox
    staff = client_as(world.staff)
    queue = staff.get("/account/claims/").content.decode()
    assert no_address.name in queue and "iemand@example.org" in queue
    claim = Claim.objects.get()
    staff.post(f"/account/claims/{claim.pk}/besluit/", {"decision": "approve"})
    assert list(no_address.editors.all()) == [world.other]
    assert AuditEvent.objects.by(world.staff).filter(action="claim.approve").exists()


def test_staff_reject_a_claim(world, no_address, client_as):
    client_as(world.other).post(f"/collectieven/{no_address.slug}/claimen/", CLAIM)
    claim = Claim.objects.get()
    client_as(world.staff).post(f"/account/claims/{claim.pk}/besluit/", {"decision": "reject"})
    claim.refresh_from_db()
    assert claim.status == Claim.Status.REJECTED and not no_address.editors.exists()
    assert AuditEvent.objects.filter(action="claim.reject").exists()


def test_a_claim_can_ask_to_be_taken_off_the_listing(world, no_address, client_as):
    client_as(world.other).post(
        f"/collectieven/{no_address.slug}/claimen/", {**CLAIM, "wants_unlisting": "on"}
    )
    claim = Claim.objects.get()
    client_as(world.staff).post(f"/account/claims/{claim.pk}/besluit/", {"decision": "approve"})
    no_address.refresh_from_db()
    assert no_address.is_unlisted
    assert client_as(None).get(f"/collectieven/{no_address.slug}/").status_code == 404


@pytest.mark.parametrize("who", ["other", "editor_a", "admin_n"])
def test_only_staff_see_the_queue_and_decide(world, no_address, client_as, who):
    client_as(world.other).post(f"/collectieven/{no_address.slug}/claimen/", CLAIM)
    claim = Claim.objects.get()
    client = client_as(getattr(world, who))
    assert client.get("/account/claims/").status_code == 403
    assert (
        client.post(f"/account/claims/{claim.pk}/besluit/", {"decision": "approve"}).status_code
        == 403
    )
    assert not no_address.editors.exists()


def test_a_claim_needs_a_role(world, imported, client_as):
    response = client_as(world.other).post(f"/collectieven/{imported.slug}/claimen/", {"role": ""})
    assert "Vul je rol in het collectief in" in response.content.decode()
    assert not Claim.objects.exists() and not mail.outbox


def test_a_collective_with_editors_cannot_be_claimed(world, client_as):
    response = client_as(world.other).post(f"/collectieven/{world.a.slug}/claimen/", CLAIM)
    assert response.status_code == 403
    assert not Claim.objects.exists()
    assert "/claimen/" not in client_as(None).get(f"/collectieven/{world.a.slug}/").content.decode()


@pytest.mark.parametrize(
    ("decision", "subject"), [("approve", "Je bent redacteur"), ("reject", "Je aanvraag voor")]
)
def test_the_claimant_hears_the_decision(
    world, no_address, client_as, django_capture_on_commit_callbacks, decision, subject
):
    client_as(world.other).post(f"/collectieven/{no_address.slug}/claimen/", CLAIM)
    claim = Claim.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client_as(world.staff).post(f"/account/claims/{claim.pk}/besluit/", {"decision": decision})
    (message,) = mail.outbox
    assert message.to == [world.other.email] and subject in message.subject
    assert no_address.name in message.body


def test_an_old_confirmation_link_expires_and_staff_still_decide(
    world, imported, client_as, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_as(world.other).post(f"/collectieven/{imported.slug}/claimen/", CLAIM)
    path = _confirm_path(mail.outbox[0])
    assert "14 dagen" in mail.outbox[0].body
    Claim.objects.update(created_at=timezone.now() - timedelta(days=15))
    anyone = client_as(None)
    assert "werkt niet" in anyone.get(path).content.decode()
    anyone.post(path)
    assert not imported.editors.exists()
    assert imported.name in client_as(world.staff).get("/account/claims/").content.decode()


def test_one_account_has_at_most_five_open_claims(world, client_as):
    claimant = client_as(world.other)
    for n in range(6):
        collective = actions.create_collective(
            world.staff, collective_data(name=f"Bewonersgroep Nummer {n}")
        )
        response = claimant.post(f"/collectieven/{collective.slug}/claimen/", CLAIM)
    assert Claim.objects.count() == 5
    assert "Je hebt al 5 aanvragen lopen" in response.content.decode()
