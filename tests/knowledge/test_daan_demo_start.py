"""The demo gives Daan's journey its start: a login for the chair of a young energy
cooperative, and near it three cooperatives that solved his question (one answered it, one
shared knowledge about it, one was thanked with "dit hielp ons"), each reachable through
Opmars, and two knowledge items on the subject."""

from django.apps import apps

from opmars.accounts.models import User
from opmars.knowledge import suggestions
from opmars.knowledge.demo import DAAN_EMAIL, SHARER_EMAIL
from opmars.knowledge.models import Question
from opmars.registry import actions
from tests.conftest import collective_data

QUESTION = "Hoe regelen andere coöperaties de ledenadministratie en de ALV online?"
SOLVED = ("beantwoordde een vraag over", "dit hielp ons", "deelde kennis over")


def energy(editor_user, founded, name):
    data = collective_data(
        kind="energiecooperatie", domains=["energie"], founded_year=founded, name=name
    )
    return actions.create_collective(editor_user, data, is_demo=True)


def demo(editor_user):
    older = [energy(editor_user, 2010 + i, f"Energie {i}") for i in range(4)]
    young = energy(editor_user, 2025, "Jonge Energie")
    apps.get_app_config("knowledge").generate_demo(seed=1, progress=None)
    return young, older


def test_daan_edits_the_young_cooperative(editor_user):
    young, _older = demo(editor_user)
    daan = User.objects.get(email=DAAN_EMAIL)
    assert daan.check_password("opmars-demo")
    assert list(daan.edited_collectives.all()) == [young]


def test_three_nearby_peers_solved_his_question_and_are_reachable(editor_user):
    young, older = demo(editor_user)
    question = Question(collective=young, title=QUESTION, body="Wij zijn net begonnen.")
    found = suggestions.helpful_collectives(question)
    solvers = [
        m
        for m in found
        if m.distance_km <= 30
        and any(r.startswith(SOLVED) or "dit hielp ons" in r for r in m.reasons)
    ]
    assert len(solvers) >= 3
    assert all(m.reachable for m in solvers)
    sharer = User.objects.get(email=SHARER_EMAIL)
    assert {m.slug for m in solvers} <= set(
        sharer.edited_collectives.values_list("slug", flat=True)
    )
    wording = " ".join(r for m in solvers for r in m.reasons)
    for how in SOLVED:
        assert how in wording


def test_two_knowledge_items_on_the_subject(editor_user):
    young, _older = demo(editor_user)
    question = Question(collective=young, title=QUESTION, body="Wij zijn een energiecoöperatie.")
    titles = [s["item"].title.lower() for s in suggestions.helpful_items(question)]
    assert len(titles) == 2
    assert all("ledenadministratie" in t for t in titles)


def test_ties_break_on_id_so_the_demo_is_the_same_every_time(editor_user):
    _young, older = demo(editor_user)
    earlier = Question.objects.get(is_open=False)  # the question the three solved
    assert earlier.collective == older[3]
    assert earlier.knowledge.get().collectives.get() == older[0]
    assert earlier.helped_marks.get().helper == older[2]
