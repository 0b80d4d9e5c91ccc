"""Network figures for a past year count the networks a collective was in on 31 December of that
year: joining or leaving a network today moves no figure of an earlier year (decision 0045)."""

import datetime

import pytest

from opmars.monitor import metrics, report
from opmars.networks import actions, query
from opmars.networks.models import Membership, PastMembership
from opmars.registry import actions as registry_actions

pytestmark = pytest.mark.django_db
THIS_YEAR = datetime.date.today().year
CODE = "GM0363"


@pytest.fixture
def members(make_collective, editor_user, network):
    """A long-standing member from an old list (start unknown) and a collective outside."""
    old_hand = make_collective(name="Dorpsraad Oud", founded_year=2010, municipality=CODE)
    newcomer = make_collective(name="Dorpsraad Nieuw", founded_year=2012, municipality=CODE)
    Membership.objects.create(network=network, collective=old_hand)
    for collective, members in ((old_hand, 40), (newcomer, 60)):
        registry_actions.save_yearly_facts(
            editor_user, collective, {"year": THIS_YEAR - 1, "members": members}
        )
    return old_hand, newcomer


def network_figures(network):
    """Per earlier year: the area's share in a network, its networks, the network's figures."""
    area = metrics.municipality_area(CODE)
    shown = {}
    for year in range(2015, THIS_YEAR):
        active = metrics.active_collectives(area, year)
        facts = query.figures(network, year)
        shown[year] = (
            report.networked_share(area, year, active),
            metrics.networks_present(area, year),
            (facts["reporting"], [row["value"] for row in facts["rows"][1:]]),
        )
    return shown


def join_today(members, network, network_admin, editor_user):
    pending = actions.request_membership(editor_user, network, members[1])
    actions.accept(network_admin, pending)
    return 2  # members now


def leave_today(members, network, network_admin, editor_user):
    actions.remove_member(network_admin, network, members[0])
    return 0


@pytest.mark.parametrize("change", [join_today, leave_today])
def test_joining_or_leaving_today_moves_no_earlier_year(
    change, members, network, network_admin, editor_user
):
    before = network_figures(network)
    assert before[THIS_YEAR - 1][0]["members"] == 1
    assert before[THIS_YEAR - 1][2] == (1, [40, None])

    members_now = change(members, network, network_admin, editor_user)

    assert network_figures(network) == before
    area = metrics.municipality_area(CODE)
    assert report.networked_share(area, THIS_YEAR, 2)["members"] == members_now
    now = metrics.networks_present(area, THIS_YEAR)
    assert sum(row["count"] for row in now) == members_now


def test_a_membership_counts_from_its_first_year_to_its_last(members, network, network_admin):
    old_hand, _newcomer = members
    Membership.objects.filter(collective=old_hand).update(since=2018)
    actions.remove_member(network_admin, network, old_hand)
    ended = PastMembership.objects.get(collective=old_hand)
    assert (ended.since, ended.until) == (2018, THIS_YEAR)
    area = metrics.municipality_area(CODE)
    shares = {year: report.networked_share(area, year, 2)["members"] for year in (2017, 2018)}
    assert shares == {2017: 0, 2018: 1}
