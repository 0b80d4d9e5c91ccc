"""Gerda's queue of new registrations: collectives people registered themselves that Opmars has
not verified yet, newest first; verifying or unlisting one takes it off the queue."""

import pytest

from opmars.accounts.models import AuditEvent
from opmars.registry.models import Collective

pytestmark = pytest.mark.django_db

QUEUE = "/account/aanmeldingen/"


def test_a_new_registration_waits_until_verified(client, staff_user, make_collective):
    older = make_collective(name="Energiecoöperatie Oud")
    new = make_collective(name="Buurtkracht Nieuw")
    Collective.objects.filter(pk=new.pk).update(created_at=older.created_at.replace(year=2099))
    client.force_login(staff_user)
    page = client.get(QUEUE).content.decode()
    assert page.index("Buurtkracht Nieuw") < page.index("Energiecoöperatie Oud")
    answer = client.post(QUEUE, {"collective": new.pk, "decision": "verify"}, follow=True)
    assert "Buurtkracht Nieuw is geverifieerd." in answer.content.decode()
    new.refresh_from_db()
    assert new.is_verified
    assert AuditEvent.objects.filter(action="collective.verify", collective_pk=new.pk).exists()
    page = client.get(QUEUE).content.decode()
    assert "Buurtkracht Nieuw" not in page and "Energiecoöperatie Oud" in page


def test_not_real_is_taken_off_the_public_list(client, staff_user, make_collective):
    fake = make_collective(name="Nepcollectief")
    client.force_login(staff_user)
    answer = client.post(QUEUE, {"collective": fake.pk, "decision": "unlist"}, follow=True)
    assert "Nepcollectief staat niet meer op de openbare lijst." in answer.content.decode()
    fake.refresh_from_db()
    assert fake.is_unlisted and not fake.is_verified
    assert AuditEvent.objects.filter(action="collective.unlist", collective_pk=fake.pk).exists()
    assert "Nepcollectief" not in client.get(QUEUE).content.decode()


def test_only_staff(client, editor_user, make_collective):
    collective = make_collective(name="Buurtkracht")
    client.force_login(editor_user)
    assert client.get(QUEUE).status_code == 403
    assert client.post(QUEUE, {"collective": collective.pk}).status_code == 403
    collective.refresh_from_db()
    assert not collective.is_verified


def test_the_queue_is_paginated_and_linked_from_the_account(client, staff_user, make_collective):
    for number in range(21):
        make_collective(name=f"Aanmelding {number}")
    client.force_login(staff_user)
    assert QUEUE in client.get("/account/").content.decode()
    assert "pagina=2" in client.get(QUEUE).content.decode()
    assert "Aanmelding 0" in client.get(QUEUE + "?pagina=2").content.decode()
