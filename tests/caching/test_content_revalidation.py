"""After a write that does not say what it changed, a cached answer about one collective is
checked against the rows it was made from (decision 0066): when none of them changed it is
served as stored, as a computation would give it; when a row of any table it shows changed, it
is made again. A test also holds the tables those rows are read from against the tables the
answers read."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opmars.caching import digests, generation
from opmars.geo.models import Municipality, Province
from opmars.networks.models import Membership, Network
from opmars.registry import scopes
from opmars.registry.models import Collective, CollectiveDomain, LifeEvent, YearlyFacts

pytestmark = pytest.mark.django_db

ANSWERS = ["/collectieven/{slug}/", "/api/v1/collectives/{slug}", "/insluiten/collectieven/{slug}/"]
LAST_YEAR = datetime.date.today().year - 1
NONCE = re.compile(rb'nonce="[^"]*"')


@pytest.fixture
def mine(make_collective, editor_user):
    collective = make_collective(name="Zonnedak Noord", works_in="GM0344")
    network = Network.objects.create(slug="kring-noord", name="Kring Noord", kind="regionaal")
    Membership.objects.create(network=network, collective=collective, since=2020)
    YearlyFacts.objects.create(collective=collective, year=LAST_YEAR, members=41)
    generation.bump()
    return collective


def unnamed_write():
    """A write past the service functions (demo or reference data): it renews every answer."""
    generation.bump()


def answer(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return NONCE.sub(b"", response.content)


def computed(client, url):
    cache.clear()
    return answer(client, url)


@pytest.mark.parametrize("path", ANSWERS)
def test_an_answer_whose_rows_did_not_change_is_served_as_stored(
    client, mine, path, django_assert_max_num_queries, cache_backend
):
    url = path.format(slug=mine.slug)
    first = answer(client, url)
    unnamed_write()
    # The data generation, the scopes' versions and the rows' digest: the view does not run.
    with django_assert_max_num_queries(3):
        again = answer(client, url)
    with django_assert_max_num_queries(1):  # checked once in this generation: that is said
        third = answer(client, url)
    assert again == first == third == computed(client, url)


def rename_the_collective(collective):
    Collective.objects.filter(pk=collective.pk).update(name="Zonnedak Noordoost")


def rename_its_seat(collective):
    Municipality.objects.filter(pk=collective.municipality_id).update(name="Mokum")


def rename_its_province(collective):
    Province.objects.filter(municipalities=collective.municipality_id).update(name="Hollandia")


def rename_where_it_also_works(collective):
    Municipality.objects.filter(pk="GM0344").update(name="Utrecht-Stad")


def add_a_domain(collective):
    CollectiveDomain.objects.create(collective=collective, domain="energie")


def rename_its_network(collective):
    Network.objects.filter(slug="kring-noord").update(name="Kring Noordwest")


def join_another_network(collective):
    other = Network.objects.create(slug="kring-oost", name="Kring Oost", kind="regionaal")
    Membership.objects.create(network=other, collective=collective)


def change_its_facts(collective):
    YearlyFacts.objects.filter(collective=collective).update(members=987)


def record_a_life_event(collective):
    LifeEvent.objects.filter(collective=collective).update(source="Kamer van Koophandel")


def give_it_no_editor(collective):
    collective.editors.clear()


CHANGES = [
    rename_the_collective,
    rename_its_seat,
    rename_its_province,
    rename_where_it_also_works,
    add_a_domain,
    rename_its_network,
    join_another_network,
    change_its_facts,
    record_a_life_event,
    give_it_no_editor,
]


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_to_any_row_it_shows_makes_the_page_again(client, mine, change):
    url = f"/collectieven/{mine.slug}/"
    first = answer(client, url)
    change(mine)
    unnamed_write()
    again = answer(client, url)
    assert again != first  # the change shows on the page
    assert again == computed(client, url)


@pytest.mark.parametrize("path", ANSWERS[1:])
@pytest.mark.parametrize("change", CHANGES)
def test_the_other_answers_are_what_a_computation_gives_after_any_change(
    client, mine, change, path
):
    url = path.format(slug=mine.slug)
    answer(client, url)
    change(mine)
    unnamed_write()
    assert answer(client, url) == computed(client, url)


TABLE = re.compile(r'(?:FROM|JOIN)\s+"?(\w+)"?', re.IGNORECASE)


@pytest.mark.parametrize("path", ANSWERS)
def test_the_digest_reads_every_table_the_answer_reads(client, mine, path):
    """A table an answer reads but the digest does not would leave a change to it unseen."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path.format(slug=mine.slug)).status_code == 200
    read = {table for query in queries for table in TABLE.findall(query["sql"])}
    answers_data = {table for table in read if not table.startswith("caching_")}
    assert answers_data and answers_data <= digests.tables(scopes.COLLECTIVE)


def test_the_digest_changes_with_the_data_and_only_with_it(mine):
    before = digests.digest(scopes.COLLECTIVE, mine.slug)
    assert digests.digest(scopes.COLLECTIVE, mine.slug) == before
    change_its_facts(mine)
    assert digests.digest(scopes.COLLECTIVE, mine.slug) != before
    assert digests.digest(scopes.COLLECTIVE, "bestaat-niet") != before
