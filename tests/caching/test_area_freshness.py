"""An answer about one area alone — a municipality's, province's or network's statistics and
its embed — stays valid through writes to collectives elsewhere, and is fresh on the next
request after a write to a collective in it, or one that moved out of it, joined it or left it
(decision 0057). Pages that set the area beside the country (the monitor page) follow every
write."""

import datetime
import re

import pytest
from django.db import transaction

from opmars.caching import changes
from opmars.caching.models import ScopeVersion
from opmars.networks import actions as network_actions
from opmars.networks.models import Network
from opmars.registry import actions, scopes
from opmars.registry.models import Collective

pytestmark = pytest.mark.django_db

LAST_YEAR = datetime.date.today().year - 1
AMSTERDAM, UTRECHT, ZWOLLE = "GM0363", "GM0344", "GM0193"  # Noord-Holland, Utrecht, Overijssel
STATS = "/api/v1/stats/municipalities/{code}?year=" + str(LAST_YEAR)
PROVINCE_STATS = "/api/v1/stats/provinces/{code}?year=" + str(LAST_YEAR)
NETWORK_STATS = "/api/v1/stats/networks/{slug}?year=" + str(LAST_YEAR)
EMBED = "/insluiten/gemeenten/{code}/?jaar=" + str(LAST_YEAR)


@pytest.fixture
def places(make_collective):
    return {
        code: make_collective(name=f"Buurtkracht {code}", municipality=code, founded_year=2010)
        for code in (AMSTERDAM, UTRECHT, ZWOLLE)
    }


def page_without_nonce(client, url):
    """The page as cached: its CSP nonce is new on every answer."""
    return re.sub(r'nonce="[^"]*"', "", client.get(url).content.decode())


def facts_of(editor, collective, members):
    actions.save_yearly_facts(editor, collective, {"year": LAST_YEAR, "members": members})


def kept(client, url, etag):
    """Whether the cached answer still stands: its validator is answered with a 304."""
    return client.get(url, headers={"If-None-Match": etag}).status_code == 304


def test_a_write_elsewhere_leaves_the_area_answer_valid(client, places, editor_user):
    url = STATS.format(code=AMSTERDAM)
    etag = client.get(url)["ETag"]
    facts_of(editor_user, places[UTRECHT], 40)
    assert kept(client, url, etag)
    facts_of(editor_user, places[AMSTERDAM], 40)
    fresh = client.get(url, headers={"If-None-Match": etag})
    assert fresh.status_code == 200 and fresh.json()["members"] == 40


def test_the_province_follows_its_municipalities_only(client, places, editor_user):
    url = PROVINCE_STATS.format(code="PV27")  # Noord-Holland, where Amsterdam is
    etag = client.get(url)["ETag"]
    facts_of(editor_user, places[ZWOLLE], 12)
    assert kept(client, url, etag)
    facts_of(editor_user, places[AMSTERDAM], 12)
    assert client.get(url).json()["members"] == 12


def test_a_collective_that_moves_renews_the_municipality_it_left(client, places, editor_user):
    moving = places[AMSTERDAM]
    left, joined = STATS.format(code=AMSTERDAM), STATS.format(code=UTRECHT)
    before = {url: client.get(url) for url in (left, joined)}
    assert before[left].json()["active_collectives"] == 1

    data = actions.collective_form_initial(moving) | {"municipality": UTRECHT}
    actions.update_collective(editor_user, Collective.objects.get(pk=moving.pk), data)

    assert client.get(left).json()["active_collectives"] == 0
    assert client.get(joined).json()["active_collectives"] == 2
    assert not kept(client, PROVINCE_STATS.format(code="PV27"), before[left]["ETag"])


def test_joining_and_leaving_a_network_renew_its_answer(client, places, editor_user, staff_user):
    network = Network.objects.create(slug="wijknetwerk", name="Wijknetwerk", kind="landelijk")
    url = NETWORK_STATS.format(slug=network.slug)
    etag = client.get(url)["ETag"]
    assert client.get(url).json()["active_collectives"] == 0

    invitation = network_actions.invite(staff_user, network, places[ZWOLLE])
    assert kept(client, url, etag)  # an invitation is no membership yet
    network_actions.accept(editor_user, invitation)
    joined = client.get(url)
    assert joined.json()["active_collectives"] == 1

    facts_of(editor_user, places[UTRECHT], 5)  # not a member: the answer stands
    assert kept(client, url, joined["ETag"])
    network_actions.remove_member(staff_user, network, places[ZWOLLE])
    assert not kept(client, url, joined["ETag"])


def test_a_deleted_record_renews_its_municipality(client, places):
    url = STATS.format(code=AMSTERDAM)
    etag = client.get(url)["ETag"]
    gone = places[AMSTERDAM]
    pk = gone.pk
    gone.delete()  # as the Django admin does, which then records the edit
    changes.record_admin_edit(Collective, str(pk))
    fresh = client.get(url, headers={"If-None-Match": etag})
    assert fresh.status_code == 200 and fresh.json()["active_collectives"] == 0


def test_a_bulk_write_naming_its_collectives_renews_every_area(client, places):
    """An import updates its rows past the models' save: where they were is not known."""
    url = STATS.format(code=AMSTERDAM)
    etag = client.get(url)["ETag"]
    changes.record_bulk_write([places[UTRECHT].pk, places[ZWOLLE].pk])
    assert not kept(client, url, etag)


def test_the_embed_follows_its_municipality(client, places, editor_user):
    url = EMBED.format(code=AMSTERDAM)
    first = client.get(url)
    facts_of(editor_user, places[UTRECHT], 987)
    again = client.get(url)
    assert again.content == first.content
    facts_of(editor_user, places[AMSTERDAM], 987)
    assert b"987" in client.get(url).content


def test_the_monitor_page_sets_the_area_beside_the_country_and_follows_every_write(
    client, places, editor_user
):
    url = f"/monitor/gemeenten/{AMSTERDAM}/?jaar={LAST_YEAR}"
    first = page_without_nonce(client, url)
    assert page_without_nonce(client, url) == first  # the same answer, from the cache
    facts_of(editor_user, places[UTRECHT], 987)
    assert page_without_nonce(client, url) != first  # the country's members changed


def test_registering_a_collective_renews_only_its_own_areas(client, places, make_collective):
    elsewhere = STATS.format(code=UTRECHT)
    etag = client.get(elsewhere)["ETag"]
    make_collective(name="Nieuw in Amsterdam", municipality=AMSTERDAM)
    assert kept(client, elsewhere, etag)
    assert client.get(STATS.format(code=AMSTERDAM)).json()["active_collectives"] == 2


def test_a_bulk_delete_leaves_the_areas_to_its_caller(client, places):
    """An undo of a large import deletes thousands of records: it renews every answer once
    (mark_all), instead of two queries per deleted record."""
    url = STATS.format(code=AMSTERDAM)
    etag = client.get(url)["ETag"]
    seat = ScopeVersion.objects.filter(scope="municipality:" + AMSTERDAM).values_list("token")
    before = list(seat.all())
    assert before
    with transaction.atomic():
        with scopes.every_area_renewed_by_caller():
            Collective.objects.filter(pk=places[AMSTERDAM].pk).delete()
        assert list(seat.all()) == before  # nothing renewed per record
        changes.record_write(None)
        changes.mark_all()
    fresh = client.get(url, headers={"If-None-Match": etag})
    assert fresh.status_code == 200 and fresh.json()["active_collectives"] == 0


DIRECTORY = "/collectieven/?municipality={code}"
API_LIST = "/api/v1/collectives?province={code}"
MAP = "/api/v1/map?zoom=7&municipality={code}"


@pytest.mark.parametrize(
    ("url", "inside", "elsewhere"),
    [
        (DIRECTORY.format(code=AMSTERDAM), AMSTERDAM, UTRECHT),
        (API_LIST.format(code="PV27"), AMSTERDAM, ZWOLLE),
        (MAP.format(code=AMSTERDAM), AMSTERDAM, ZWOLLE),
    ],
)
def test_a_directory_list_of_one_area_follows_that_area_only(
    client, places, editor_user, url, inside, elsewhere
):
    """The directory page, the API's list and the map data filtered to a municipality or
    province are answers about that area: a write elsewhere keeps them, one inside renews."""
    etag = client.get(url)["ETag"]
    rename(editor_user, places[elsewhere], "Elders hernoemd")
    assert kept(client, url, etag)
    rename(editor_user, places[inside], "Binnen hernoemd")
    assert not kept(client, url, etag)


def test_a_network_list_follows_who_joins_it(client, places, staff_user):
    network = Network.objects.create(slug="buurtnet", name="Buurtnet", kind="regionaal")
    url = "/api/v1/collectives?network=buurtnet"
    first = client.get(url)
    assert first.json()["count"] == 0
    rename(staff_user, places[UTRECHT], "Nog geen lid")
    assert kept(client, url, first["ETag"])
    network_actions.invite(staff_user, network, places[UTRECHT])
    network_actions.request_membership(staff_user, network, places[UTRECHT])
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).json()["count"] == 1


def test_a_directory_of_the_whole_country_follows_every_record_write(client, places, editor_user):
    url = "/collectieven/?kind=buurtcooperatie"
    etag = client.get(url)["ETag"]
    rename(editor_user, places[ZWOLLE], "Elders hernoemd")
    assert not kept(client, url, etag)


def rename(editor, collective, name):
    data = actions.collective_form_initial(collective) | {"name": name}
    actions.update_collective(editor, Collective.objects.get(pk=collective.pk), data)
