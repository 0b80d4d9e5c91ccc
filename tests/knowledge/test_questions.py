"""Questions, needs and offers: suggestions with reasons, relayed messages, abuse reports."""

import pytest
from django.core import mail

from opmars.knowledge import actions
from opmars.knowledge.models import HelpedMark, Report

QUESTION = {
    "kind": "vraag",
    "resource": "kennis",
    "title": "Hoe regelen andere coöperaties de ledenadministratie en de ALV online?",
    "body": "Wij zoeken een manier voor digitaal stemmen.",
}


@pytest.fixture
def daan(make_collective, editor_user):
    collective = make_collective(
        kind="energiecooperatie", municipality="GM0344", domains=["energie"], founded_year=2024
    )
    return actions.post_question(editor_user, collective, QUESTION)


def test_suggestions_name_peers_and_knowledge_with_reasons(
    client, daan, make_collective, make_item
):
    helper = make_collective(
        name="Energie Utrecht-Oost",
        kind="energiecooperatie",
        municipality="GM0344",
        domains=["energie"],
        description="Wij regelen de ledenadministratie en een online ALV.",
        contact_email="bestuur@energie-oost.example",
    )
    make_item(collective=helper, title="Online ALV houden", body="Digitaal stemmen in de ALV.")
    html = client.get(daan.get_absolute_url()).content.decode()
    assert "Energie Utrecht-Oost" in html
    assert "zelfde soort" in html and "deelde kennis over" in html and "in de beschrijving" in html
    assert "Online ALV houden" in html and "gaat over:" in html
    assert "bestuur@energie-oost.example" not in html


def test_message_is_relayed_without_exposing_addresses(
    client, daan, make_collective, other_user, django_capture_on_commit_callbacks
):
    helper = make_collective(contact_email="bestuur@helper.example")
    client.force_login(other_user)
    url = f"/collectieven/{helper.slug}/bericht/?vraag={daan.slug}"
    assert "bestuur@helper.example" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the mail leaves after the commit
        response = client.post(url, {"body": "Hoe doen jullie de online ALV?"})
    assert response.status_code == 302
    # The contact address and each editor get their own mail: no one sees another's address.
    assert sorted(m.to[0] for m in mail.outbox) == ["anouk@example.org", "bestuur@helper.example"]
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in mail.outbox)
    for sent in mail.outbox:
        assert other_user.email not in sent.body and other_user.email not in sent.from_email
        assert "online ALV" in sent.body


def test_messages_are_rate_limited(make_collective, other_user):
    helper = make_collective(contact_email="x@helper.example")
    for _ in range(actions.MESSAGES_PER_DAY):
        actions.send_message(other_user, helper, {"body": "Een vraag van ons."})
    with pytest.raises(actions.ActionError) as error:
        actions.send_message(other_user, helper, {"body": "Nog een vraag."})
    assert error.value.errors[0]["code"] == "te_veel_berichten"


def test_answer_becomes_findable_knowledge(client, daan, make_collective, editor_user):
    helper = make_collective()
    item = actions.answer_question(
        editor_user,
        daan,
        helper,
        {
            "title": "Zo doen wij de ALV",
            "item_type": "les",
            "summary": "Kort.",
            "body": "Met stemmen.",
        },
    )
    assert item.answer_to == daan
    assert client.get("/api/v1/knowledge", {"q": "stemmen"}).json()["count"] == 1


def test_report_and_moderation_queue(client, daan, staff_user, other_user):
    client.force_login(other_user)
    client.post(f"/melden/vraag/{daan.slug}/", {"reason": "Dit is reclame."})
    report = Report.objects.get()
    assert report.target_id == daan.slug
    assert client.get("/moderatie/").status_code == 403
    client.force_login(staff_user)
    assert "Dit is reclame." in client.get("/moderatie/").content.decode()
    client.post("/moderatie/", {"report": report.pk})
    report.refresh_from_db()
    assert report.is_resolved


def test_questions_api(client, daan):
    body = client.get("/api/v1/questions", {"kind": "vraag"}).json()
    assert body["count"] == 1 and body["items"][0]["slug"] == daan.slug
    assert body["items"][0]["collective"] == daan.collective.slug
    error = client.get("/api/v1/questions", {"resource": "goud"}).json()["errors"][0]
    assert error["field"] == "resource"


def test_network_page_lists_member_knowledge_and_questions(client, daan, make_item):
    from opmars.networks.models import Membership, Network

    network = Network.objects.get(slug="energie-samen")
    Membership.objects.create(network=network, collective=daan.collective)
    make_item(collective=daan.collective, title="Onze ALV-handleiding")
    html = client.get(network.get_absolute_url()).content.decode()
    assert "Onze ALV-handleiding" in html and daan.title in html


def test_the_asker_says_a_peer_helped_and_it_counts(client, daan, make_collective, other_user):
    helper = make_collective(contact_email="x@helper.example")
    message = actions.send_message(other_user, helper, {"body": "Hoe doen jullie dat?"}, daan)
    client.force_login(other_user)
    assert f"{helper.name} heeft geholpen" in client.get(daan.get_absolute_url()).content.decode()
    client.post(f"/berichten/{message.pk}/hielp/")
    assert HelpedMark.objects.get(message=message).helper == helper
    html = client.get(f"/collectieven/{helper.slug}/kennisdeling/").content.decode()
    assert "1 keer zei de vrager dat het hielp." in html


def test_only_the_sender_marks_helped(client, daan, make_collective, other_user, editor_user):
    helper = make_collective(contact_email="x@helper.example")
    message = actions.send_message(other_user, helper, {"body": "Hoe doen jullie dat?"}, daan)
    client.force_login(editor_user)  # the receiving side
    assert client.post(f"/berichten/{message.pk}/hielp/").status_code == 403
    assert not HelpedMark.objects.exists()


def test_an_unlisted_collectives_questions_are_hidden_as_it_is(client, daan, editor_user):
    """Unlisting hides the collective everywhere (decision 0024), its posts included; its own
    editors still see them."""
    from opmars.accounts.actions import set_unlisted

    set_unlisted(editor_user, daan.collective, True)
    assert daan.title not in client.get("/vragen/").content.decode()
    assert client.get(daan.get_absolute_url()).status_code == 404
    assert client.get("/api/v1/questions").json()["count"] == 0
    client.force_login(editor_user)
    assert daan.title in client.get("/vragen/").content.decode()
    assert client.get(daan.get_absolute_url()).status_code == 200
