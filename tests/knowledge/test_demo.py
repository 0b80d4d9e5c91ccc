"""The demo adds fictitious knowledge items and questions, each marked as such."""

from django.apps import apps

from opmars.knowledge.models import KnowledgeItem, Question
from opmars.registry import actions
from opmars.registry.models import Collective
from tests.conftest import collective_data


def test_demo_items_and_questions_are_fictitious(editor_user):
    for kind in ("energiecooperatie", "dorpsraad", "buurtcooperatie"):
        actions.create_collective(editor_user, collective_data(kind=kind), is_demo=True)
    apps.get_app_config("knowledge").generate_demo(seed=1, progress=None)
    assert KnowledgeItem.objects.exists() and Question.objects.exists()
    assert not KnowledgeItem.objects.filter(is_demo=False).exists()
    assert all("(fictief)" in t for t in KnowledgeItem.objects.values_list("title", flat=True))
    assert all("(fictief)" in t for t in Question.objects.values_list("title", flat=True))
    daan = Question.objects.filter(title__startswith="Hoe regelen").first()
    assert daan.collective.kind == "energiecooperatie"


def test_the_demo_sharers_have_an_editor_so_messages_reach_someone(editor_user):
    from opmars.knowledge.demo import SHARER_EMAIL

    for kind in ("energiecooperatie", "zorgcooperatie", "buurtcooperatie"):
        actions.create_collective(editor_user, collective_data(kind=kind), is_demo=True)
    apps.get_app_config("knowledge").generate_demo(seed=1, progress=None)
    sharing = Collective.objects.filter(knowledge_items__isnull=False).distinct()
    assert sharing.exists()
    assert all(c.editors.filter(email=SHARER_EMAIL).exists() for c in sharing)
