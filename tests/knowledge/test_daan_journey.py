"""Daan's journey: peers who solved his question come first and say why, a message can be sent
to every peer (one without editors is kept for staff to forward), and every suggested
knowledge item shares a meaningful word with the question."""

import pytest
from django.core import mail

from opmars.knowledge import actions, suggestions
from opmars.knowledge.models import Message

QUESTION = {
    "kind": "vraag",
    "resource": "kennis",
    "title": "Hoe regelen andere coöperaties de ledenadministratie en de ALV online?",
    "body": "Wij zoeken een manier voor digitaal stemmen.",
}
NEAR = {"kind": "energiecooperatie", "municipality": "GM0344", "domains": ["energie"]}


@pytest.fixture
def daan(make_collective, editor_user):
    collective = make_collective(**NEAR, founded_year=2024)
    return actions.post_question(editor_user, collective, QUESTION)


def unreachable(collective):
    """No contact address and no editor: a relayed message reaches nobody."""
    collective.contact_email = ""
    collective.save(update_fields=["contact_email"])
    collective.editors.clear()
    return collective


def test_a_peer_that_answered_the_question_ranks_first_and_says_why(
    client, daan, make_collective, make_item, editor_user
):
    twin = make_collective(name="Tweeling Energie", **NEAR, contact_email="a@twin.example")
    solver = make_collective(name="Oplosser", kind="zorgcooperatie", municipality="GM0344")
    other = make_collective(name="Elders", **NEAR)
    earlier = actions.post_question(
        editor_user, other, {**QUESTION, "title": "Ledenadministratie en ALV online regelen?"}
    )
    actions.answer_question(
        editor_user,
        earlier,
        solver,
        {
            "title": "Zo deden wij het",
            "item_type": "les",
            "summary": "Een lijst en een stemtool.",
            "body": "Tekst.",
        },
    )
    found = suggestions.helpful_collectives(daan)
    names = [m.name for m in found]
    assert names.index("Oplosser") < names.index("Tweeling Energie")
    solved = found[names.index("Oplosser")]
    assert any(r.startswith("beantwoordde een vraag over") for r in solved.reasons)
    assert "ledenadministratie" in " ".join(solved.reasons)
    assert twin.slug in [m.slug for m in found]


def test_a_peer_without_editors_is_offered_too_and_says_staff_forward(
    client, daan, make_collective, other_user
):
    reachable = make_collective(name="Bereikbaar", **NEAR, contact_email="a@b.example")
    mute = unreachable(
        make_collective(name="Onbereikbaar", **NEAR, website="https://onbereikbaar.example")
    )
    client.force_login(other_user)
    html = client.get(daan.get_absolute_url()).content.decode()
    assert f"/collectieven/{reachable.slug}/bericht/" in html
    assert f"/collectieven/{mute.slug}/bericht/" in html
    assert "een medewerker van Opmars stuurt het door" in html
    assert "https://onbereikbaar.example" in html
    form = client.get(f"/collectieven/{mute.slug}/bericht/").content.decode()
    assert "Versturen" in form and "nog geen redacteur op Opmars" in form
    assert "https://onbereikbaar.example" in form


def test_a_collective_with_only_an_editor_is_reached_through_the_editor(
    client, make_collective, editor_user, other_user, django_capture_on_commit_callbacks
):
    target = make_collective(name="Alleen redacteur", contact_email="")
    client.force_login(other_user)
    url = f"/collectieven/{target.slug}/bericht/"
    assert "Versturen" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"body": "Hoe doen jullie de ALV?"})
    assert response.status_code == 302
    assert mail.outbox[0].to == [editor_user.email]
    assert editor_user.email not in client.get(url).content.decode()


def test_editors_gone_between_form_and_send_keeps_the_message_for_staff(
    client, make_collective, other_user
):
    target = make_collective(name="Net weg", contact_email="")
    client.force_login(other_user)
    url = f"/collectieven/{target.slug}/bericht/"
    assert "Versturen" in client.get(url).content.decode()
    unreachable(target)  # between showing the form and sending it
    text = "Hoe doen jullie de online ALV? Groet, Daan"
    response = client.post(url, {"body": text}, follow=True)
    html = response.content.decode()
    assert "Groet, Daan" in html
    assert "Net weg heeft nog geen redacteur op Opmars. Je bericht is bewaard." in html
    assert Message.objects.get().delivery == "medewerkers"
    assert not mail.outbox


def test_suggested_items_share_a_meaningful_word_with_the_question(daan, make_item):
    make_item(title="Online ALV houden", summary="Digitaal stemmen in de ALV.", body="Zo.")
    make_item(
        title="Anders reizen",
        summary="Deelauto's en anders fietsen.",
        body="Andere vervoersvormen.",
        themes=[],
    )
    titles = [s["item"].title for s in suggestions.helpful_items(daan)]
    assert titles == ["Online ALV houden"]
