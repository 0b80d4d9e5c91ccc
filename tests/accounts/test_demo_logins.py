"""`opmars demo` makes a network admin and a municipality viewer that have something to see."""

import pytest

from opmars.accounts import policy
from opmars.networks.models import Membership
from opmars.registry.demo import (
    create_demo_accounts,
    create_role_demo_accounts,
    demo_networks,
    generate_demo,
)

pytestmark = pytest.mark.django_db


def test_the_network_admin_runs_a_network_of_the_editors_collective_and_the_viewer_its_town():
    generate_demo(30, seed=3)
    demo_networks()
    collective = create_demo_accounts("beheer@x.demo", "redacteur@x.demo", "opmars-demo")
    network, municipality = create_role_demo_accounts(
        "netwerk@x.demo", "gemeente@x.demo", "opmars-demo", collective
    )
    admin = network.admins.get()
    assert admin.email == "netwerk@x.demo" and admin.check_password("opmars-demo")
    assert Membership.objects.filter(network=network, collective=collective).exists()
    assert policy.can_manage_network(admin, network)
    viewer = municipality.viewers.get().user
    assert viewer.email == "gemeente@x.demo"
    collective.refresh_from_db()
    assert policy.can_see_impact_drafts(viewer, collective)
    assert not policy.can_edit_impact(viewer, collective)
