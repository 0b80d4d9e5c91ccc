"""The receiving side (or the sender) can report abuse in a conversation; staff see the report
with the conversation in the moderation queue. Reporting is audited like every write."""

from opmars.accounts.models import AuditEvent
from opmars.knowledge.models import Report
from tests.knowledge.conftest import send


def test_the_receiver_reports_and_staff_see_the_conversation(
    client, peer, other_user, editor_user, staff_user
):
    message = send(other_user, peer, text="Koop nu goedkope zonnepanelen bij ons!!")
    client.force_login(editor_user)
    url = f"/berichten/{message.pk}/melden/"
    assert "Misbruik melden" in client.get(f"/berichten/{message.pk}/").content.decode()
    assert client.post(url, {"reason": "Reclame"}).status_code == 302
    report = Report.objects.get()
    assert report.target_type == "knowledge.message" and report.target_id == str(message.pk)
    assert AuditEvent.objects.filter(action="moderation.report").exists()

    client.force_login(staff_user)
    queue = client.get("/moderatie/").content.decode()
    assert "Reclame" in queue and "goedkope zonnepanelen" in queue
    assert "Gesprek van iemand via Opmars met Energie Oost" in queue


def test_an_empty_report_says_why(client, peer, other_user, editor_user):
    message = send(other_user, peer)
    client.force_login(editor_user)
    html = client.post(f"/berichten/{message.pk}/melden/", {"reason": ""}).content.decode()
    assert "Vul dit veld in." in html and not Report.objects.exists()


def test_outsiders_cannot_report_a_conversation_they_cannot_see(
    client, peer, other_user, django_user_model
):
    message = send(other_user, peer)
    stranger = django_user_model.objects.create_user(email="vreemd@example.org", password="x")
    client.force_login(stranger)
    assert client.post(f"/berichten/{message.pk}/melden/", {"reason": "x"}).status_code == 404
    assert not Report.objects.exists()
