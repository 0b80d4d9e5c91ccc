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
    # The editor's journey is that of a living collective with figures to update.
    assert collective.status == "actief" and collective.facts.exists()
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


def test_the_viewer_has_a_draft_to_see_and_the_public_does_not(client):
    from opmars.impact.demo import create_draft_report

    generate_demo(30, seed=3)
    demo_networks()
    collective = create_demo_accounts("beheer@x.demo", "redacteur@x.demo", "opmars-demo")
    _network, municipality = create_role_demo_accounts(
        "netwerk@x.demo", "gemeente@x.demo", "opmars-demo", collective
    )
    draft = create_draft_report(collective)
    assert draft.status == "concept" and draft.is_demo and draft.outcomes.exists()
    assert create_draft_report(collective) is None  # once per collective and year
    page = f"/collectieven/{collective.slug}/impact/"
    assert "concept, niet openbaar" not in client.get(page).content.decode()
    client.force_login(municipality.viewers.get().user)
    assert "concept, niet openbaar" in client.get(page).content.decode()
