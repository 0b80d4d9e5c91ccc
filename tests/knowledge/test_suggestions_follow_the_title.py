"""A question's subject is its title: suggested knowledge items are about a word of it (in
their title or summary), and peers that wrote only about a word of the explanation are not
said to have solved it."""

from opmars.knowledge import actions, suggestions

QUESTION = {
    "kind": "vraag",
    "resource": "kennis",
    "title": "Hoe regelen andere coöperaties de ledenadministratie en de ALV online?",
    "body": "Wij zijn een jonge energiecoöperatie met zonnepanelen.",
}


def test_an_item_on_a_word_of_the_explanation_only_is_not_suggested(
    make_collective, make_item, editor_user
):
    question = actions.post_question(editor_user, make_collective(), QUESTION)
    make_item(title="Online ALV houden", summary="Digitaal stemmen.", body="Zo.")
    make_item(title="Zonnepanelen op het dak", summary="Een zonnedak.", body="Ook over leden.")
    make_item(title="Dakbeheer", summary="Onderhoud.", body="Met de ledenadministratie.")
    titles = [s["item"].title for s in suggestions.helpful_items(question)]
    assert titles == ["Online ALV houden"]


def test_a_peer_that_wrote_about_the_explanation_only_did_not_solve_it(
    make_collective, make_item, editor_user
):
    near = {"kind": "energiecooperatie", "municipality": "GM0344", "domains": ["energie"]}
    question = actions.post_question(editor_user, make_collective(**near), QUESTION)
    solar = make_collective(name="Zonnig", **near)
    make_item(collective=solar, title="Zonnepanelen op het dak", summary="Een zonnedak.")
    found = {m.name: m.reasons for m in suggestions.helpful_collectives(question)}
    assert not any(r.startswith("deelde kennis over") for r in found["Zonnig"])
