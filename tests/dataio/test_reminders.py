"""The yearly reminder: editors of collectives whose facts are due get one e-mail with a link;
one click on it confirms the facts (audited); staff see the collectives without an editor."""

import re
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from opmars.accounts.models import AuditEvent
from opmars.registry.models import Collective

pytestmark = pytest.mark.django_db


def age(collective, last_verified):
    Collective.objects.filter(pk=collective.pk).update(last_verified=last_verified)


def test_editors_of_due_collectives_are_reminded_once_and_confirm_with_one_click(
    client, make_collective, editor_user, mailoutbox
):
    due = make_collective(name="Dorpsraad Oud")
    age(due, date.today() - timedelta(days=400))
    fresh = make_collective(name="Dorpsraad Vers")
    age(fresh, date.today() - timedelta(days=30))
    orphan = make_collective(name="Dorpsraad Wees")
    age(orphan, date.today() - timedelta(days=400))
    orphan.editors.clear()

    call_command("send_reminders")
    assert [m.to for m in mailoutbox] == [[editor_user.email]]
    mail = mailoutbox[0]
    assert "Dorpsraad Oud" in mail.subject and "mogelijk verouderd" in mail.body
    call_command("send_reminders")  # not again within the year
    assert len(mailoutbox) == 1

    link = re.search(r"https?://\S+/bevestigen/\S+/", mail.body).group(0)
    path = "/" + link.split("/", 3)[3]
    page = client.get(path)
    assert "Ja, de gegevens kloppen" in page.content.decode()
    due.refresh_from_db()
    assert due.last_verified < timezone.localdate()  # looking does not confirm
    today = timezone.localdate()  # a run across midnight may confirm on either day
    client.post(path)
    due.refresh_from_db()
    assert due.last_verified in {today, timezone.localdate()}
    assert AuditEvent.objects.filter(action="collective.confirm", target_id=due.slug).exists()


def test_a_tampered_link_confirms_nothing(client, make_collective):
    collective = make_collective()
    response = client.post(f"/bevestigen/{collective.slug}:nep:handtekening/")
    assert response.status_code == 404
    collective.refresh_from_db()
    assert collective.last_verified is None


def test_staff_see_collectives_without_an_editor(client, make_collective, staff_user, editor_user):
    orphan = make_collective(name="Dorpsraad Wees")
    orphan.editors.clear()
    make_collective(name="Dorpsraad Bezet")
    client.force_login(editor_user)
    assert client.get("/import/zonder-redacteur/").status_code == 403
    client.force_login(staff_user)
    page = client.get("/import/zonder-redacteur/").content.decode()
    assert "Dorpsraad Wees" in page and "Dorpsraad Bezet" not in page
