"""Peer matches explain themselves: 'Waarom deze match' with the reasons, and the questions or
needs a peer helped solve, where known (it answered them, or the asker said it helped)."""

from opmars.knowledge import actions

NEAR = {"kind": "energiecooperatie", "municipality": "GM0344", "domains": ["energie"]}
QUESTION = {
    "kind": "vraag",
    "resource": "kennis",
    "title": "Hoe houden jullie de ledenlijst bij?",
    "body": "We zoeken een eenvoudige manier.",
}
ANSWER = {
    "title": "Onze ledenlijst",
    "item_type": "les",
    "summary": "Een gedeeld blad.",
    "body": "Zo.",
}


def test_the_peers_page_names_the_question_a_peer_answered(client, make_collective, editor_user):
    me = make_collective(name="Jonge Energie", **NEAR)
    helper = make_collective(name="Ervaren Energie", **NEAR)
    asker = make_collective(name="Vragende Energie", **NEAR)
    question = actions.post_question(editor_user, asker, QUESTION)
    actions.answer_question(editor_user, question, helper, ANSWER)
    html = client.get(f"/collectieven/{me.slug}/leer-van-elkaar/").content.decode()
    assert "Waarom deze match:" in html
    assert "Hielp al met:" in html and question.title in html


def test_a_dit_hielp_ons_mark_names_the_question_too(
    client, make_collective, editor_user, other_user
):
    me = make_collective(name="Jonge Energie", **NEAR)
    helper = make_collective(name="Ervaren Energie", **NEAR)
    asker = make_collective(name="Vragende Energie", **NEAR)
    asker.editors.add(other_user)
    question = actions.post_question(other_user, asker, QUESTION)
    message = actions.send_message(other_user, helper, {"body": "Hoe doen jullie dat?"}, question)
    actions.mark_helped(other_user, message)
    html = client.get(f"/collectieven/{me.slug}/leer-van-elkaar/").content.decode()
    assert question.title in html
