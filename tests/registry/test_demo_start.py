"""The demo's start of Anouk's journey: a fictitious buurtcoöperatie that a fictitious network
imported, with a contact address (so a claim is confirmed by mail, not by staff) and no editors,
left for her to fill in: no impact report, no knowledge items or questions of the demo."""

from django.apps import apps

from opmars.accounts import policy
from opmars.accounts.models import User
from opmars.impact.models import ImpactReport
from opmars.knowledge.models import Question
from opmars.registry import demo_start
from opmars.registry.demo import generate_demo
from opmars.registry.models import Collective


def test_the_journey_start_is_an_unclaimed_import_of_a_fictitious_network(db):
    generate_demo(40, seed=3)
    apps.get_app_config("registry").generate_demo(seed=3, progress=lambda _text: None)
    collective = Collective.objects.get(slug=demo_start.SLUG)
    network = collective.networks.get()
    assert collective.is_demo and network.is_demo and "(fictief)" in network.name
    assert network.name in collective.source and "import" in collective.source
    assert collective.contact_email and not collective.editors.exists()
    assert list(collective.facts.values_list("year", flat=True)) == [2023, 2024, 2025]
    assert policy.can_claim(User.objects.create_user(email="a@example.org"), collective)


def test_made_once_and_left_out_of_the_other_demos(db):
    generate_demo(60, seed=4)
    for name in ("registry", "impact", "knowledge"):
        apps.get_app_config(name).generate_demo(seed=4, progress=lambda _text: None)
    apps.get_app_config("registry").generate_demo(seed=4, progress=lambda _text: None)
    collective = Collective.objects.get(slug=demo_start.SLUG)
    assert Collective.objects.filter(name=demo_start.NAME).count() == 1
    assert not ImpactReport.objects.filter(collective=collective).exists()
    assert not Question.objects.filter(collective=collective).exists()
    assert not collective.knowledge_items.exists()
    assert not collective.editors.exists()
