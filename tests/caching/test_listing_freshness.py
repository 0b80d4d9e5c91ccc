"""Lists of collectives — the directory page, the API's list, the map data, the networks with
their member counts — show what a collective's record says, never its figures. A write about a
collective's figures alone (yearly facts, an impact report) leaves them valid while it renews
the collective's own answers and every figure it counts in; a write to the record renews the
lists of its areas and of the whole country (decision 0059)."""

import datetime

import pytest
from django.core.cache import cache

from opmars.accounts.audit import FIGURES_ONLY, AuditAction
from opmars.accounts.models import AuditEvent
from opmars.impact import actions as impact_actions
from opmars.networks import actions as network_actions
from opmars.networks.models import Membership, Network
from opmars.registry import actions
from opmars.registry.models import Collective, Review, YearlyFacts
from tests.caching.test_area_freshness import facts_of, kept, rename
from tests.dataio.helpers import run, write
from tests.impact.test_reports import form_data as report_form

pytestmark = pytest.mark.django_db

LAST_YEAR = datetime.date.today().year - 1
AMSTERDAM, UTRECHT = "GM0363", "GM0344"
LISTS = [
    "/collectieven/?kind=buurtcooperatie",
    f"/collectieven/?municipality={AMSTERDAM}",
    "/api/v1/collectives",
    "/api/v1/collectives?province=PV27",
    "/api/v1/map?zoom=7",
    "/api/v1/networks",
]


@pytest.fixture
def amsterdam(make_collective, staff_user):
    collective = make_collective(name="Buurtkracht Oost", municipality=AMSTERDAM)
    network = Network.objects.create(slug="buurtnet", name="Buurtnet", kind="regionaal")
    Membership.objects.create(network=network, collective=collective, since=2020)
    return Collective.objects.get(pk=collective.pk)


def etags(client, urls):
    return {url: client.get(url)["ETag"] for url in urls}


def test_a_figures_write_keeps_every_list_and_renews_the_figures(client, amsterdam, editor_user):
    figures = [
        f"/collectieven/{amsterdam.slug}/",
        f"/api/v1/stats/municipalities/{AMSTERDAM}?year={LAST_YEAR}",
        f"/api/v1/stats/national?year={LAST_YEAR}",
        "/monitor/",
    ]
    before = etags(client, LISTS + figures)
    facts_of(editor_user, amsterdam, 321)
    assert [url for url in LISTS if not kept(client, url, before[url])] == []
    assert [url for url in figures if kept(client, url, before[url])] == []


def test_letting_a_network_write_the_facts_keeps_every_list(client, amsterdam, editor_user):
    """The consent is saved on the membership, whose other saves (joining, leaving) renew the
    network's lists: this one does not."""
    before = etags(client, LISTS)
    network_actions.allow_facts_by_network(editor_user, amsterdam, "buurtnet", True)
    assert Membership.objects.get(collective=amsterdam).network_writes_facts
    assert [url for url in LISTS if not kept(client, url, before[url])] == []


def test_a_record_write_renews_the_lists_of_its_areas_and_the_country(
    client, amsterdam, make_collective, editor_user
):
    utrecht_list = f"/collectieven/?municipality={UTRECHT}"
    make_collective(name="Dorpsraad Zuid", municipality=UTRECHT)
    before = etags(client, [*LISTS, utrecht_list])
    rename(editor_user, amsterdam, "Buurtkracht Oost-Watergraafsmeer")
    assert [url for url in LISTS if kept(client, url, before[url])] == []
    assert kept(client, utrecht_list, before[utrecht_list])
    assert "Watergraafsmeer" in client.get(LISTS[1]).content.decode()


def listings(client):
    """Every list computed afresh."""
    cache.clear()
    return {url: client.get(url).content for url in LISTS}


def test_every_figures_only_write_leaves_what_lists_show_unchanged(
    client, amsterdam, editor_user, staff_user, tmp_path
):
    """The classification of decision 0059, checked against the writes themselves: each kind of
    write that keeps the lists cached changes nothing they show, computed from scratch."""
    before = listings(client)
    # Paid staff: the save also notes the collective's first year with paid staff in its history.
    facts_of(editor_user, amsterdam, 45)
    actions.save_yearly_facts(editor_user, amsterdam, {"year": LAST_YEAR, "paid_staff": 2})
    YearlyFacts.objects.filter(collective=amsterdam).update(review=Review.OPEN)
    actions.confirm_facts(staff_user, YearlyFacts.objects.get(collective=amsterdam))
    report = impact_actions.save_report(editor_user, amsterdam, report_form(year=LAST_YEAR))
    impact_actions.publish_report(editor_user, report)
    network_actions.allow_facts_by_network(editor_user, amsterdam, "buurtnet", True)
    year = f"{amsterdam.slug};{LAST_YEAR - 1}"
    facts_csv = f"slug;jaar;leden;betaalde krachten\r\n{year};30;1\r\n"
    assert run(write(tmp_path, facts_csv), staff_user, kind="facts").imported
    impact_csv = f"slug;jaar;indicator;aantal;bewijskracht\r\n{year};zorguren;10;2\r\n"
    assert run(write(tmp_path, impact_csv, name="b.csv"), staff_user, kind="impact").imported

    done = set(AuditEvent.objects.filter(action__in=FIGURES_ONLY).values_list("action", flat=True))
    assert done == {AuditAction(action) for action in FIGURES_ONLY}  # each one checked here
    assert listings(client) == before


def test_the_networks_list_follows_who_joins(client, amsterdam, make_collective, staff_user):
    url = "/api/v1/networks"
    etag = client.get(url)["ETag"]
    elsewhere = make_collective(name="Dorpsraad Zuid", municipality=UTRECHT)
    assert not kept(client, url, etag)  # a new record: the lists of the whole country
    etag = client.get(url)["ETag"]
    network = Network.objects.get(slug="buurtnet")
    invitation = network_actions.invite(staff_user, network, elsewhere)
    network_actions.accept(staff_user, invitation)
    counts = {n["slug"]: n["member_count"] for n in client.get(url).json()["items"]}
    assert counts["buurtnet"] == 2
