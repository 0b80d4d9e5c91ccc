"""Demo data: plausible, internally consistent, deterministic, and always marked as demo."""

from django.db.models import Count

from opmars.networks.models import Network
from opmars.registry.demo import DEMO_SOURCE, generate_demo
from opmars.registry.models import Collective, YearlyFacts
from opmars.registry.search import apply_search


def snapshot():
    return list(
        Collective.objects.order_by("id").values_list(
            "name", "kind", "municipality_id", "founded_year", "public_lat"
        )
    )


def test_every_record_is_marked_demo(db):
    generate_demo(300, seed=3)
    assert Collective.objects.count() == 300
    assert not Collective.objects.filter(is_demo=False).exists()
    assert set(Collective.objects.values_list("source", flat=True)) == {DEMO_SOURCE}


def test_same_seed_same_data(db, django_db_blocker):
    generate_demo(150, seed=7)
    first = snapshot()
    Collective.objects.all().delete()
    generate_demo(150, seed=7)
    assert [row[1:] for row in snapshot()] == [row[1:] for row in first]


def test_facts_are_consistent_with_the_life_cycle(db):
    generate_demo(400, seed=5)
    for facts in YearlyFacts.objects.select_related("collective"):
        c = facts.collective
        assert facts.year >= c.founded_year
        if c.status == "gestopt":
            assert facts.year <= c.status_year
        assert facts.volunteers <= max(facts.members, 1)
        assert facts.members >= 0 and facts.people_reached >= 0


def test_spread_follows_population(db):
    generate_demo(2000, seed=1)
    counts = dict(Collective.objects.values_list("municipality_id").annotate(n=Count("id")))
    # Amsterdam (~930k inhabitants) gets more than Schiermonnikoog (~1k).
    assert counts.get("GM0363", 0) > 5 * counts.get("GM0088", 0)
    assert len(counts) > 250


def test_kinds_are_mixed_and_searchable(db):
    generate_demo(1000, seed=2)
    kinds = set(Collective.objects.values_list("kind", flat=True))
    assert {"energiecooperatie", "zorgcooperatie", "dorpsraad", "bewonersinitiatief"} <= kinds
    energy = Collective.objects.filter(kind="energiecooperatie").count()
    assert apply_search(Collective.objects.all(), "energiecoöperatie").count() >= energy


def test_networks_include_the_national_umbrellas(db):
    generate_demo(500, seed=1)
    slugs = set(Network.objects.values_list("slug", flat=True))
    assert {"energie-samen", "lvkk", "nlzve", "cooplink"} <= slugs
    assert Network.objects.get(slug="energie-samen").members.exists()


def test_collectives_older_than_ten_years_have_ten_years_of_facts(db):
    generate_demo(300, seed=4)
    old = Collective.objects.filter(founded_year__lte=2016, status="actief")
    years = set(YearlyFacts.objects.filter(collective__in=old).values_list("year", flat=True))
    assert old.exists()
    assert years == set(range(2016, 2026))
    for collective in old[:20]:
        assert collective.facts.count() == 10
