"""A network admin's list of the region's collectives without a network: linked from the top of
the network page, and counted as the network analysis counts its province's isolated ones
(active, a member of no network)."""

import re

from opmars.networks import analytics
from opmars.networks.models import Membership
from opmars.registry.models import Collective


def test_the_count_matches_the_analysis_and_the_link_is_at_the_top(
    client, make_collective, network, network_admin
):
    member = make_collective(name="Dorpsraad Lid")
    make_collective(name="Dorpsraad Los")
    stopped = make_collective(name="Dorpsraad Gestopt")
    Collective.objects.filter(pk=stopped.pk).update(status="gestopt", status_year=2020)
    Membership.objects.create(network=network, collective=member)
    client.force_login(network_admin)
    html = client.get(f"/netwerken/{network.slug}/").content.decode()

    province = next(r for r in analytics.coverage_by_province() if r["code"] == "PV27")
    assert province["isolated"] == 1
    assert "1 collectief in de regio is bij geen enkel netwerk aangesloten." in html
    listed = html[html.index('id="zonder-netwerk"') :]
    assert "Dorpsraad Los" in listed and "Dorpsraad Gestopt" not in listed
    # The jump link comes before the page's first section.
    jump = re.search(r'<a href="#zonder-netwerk">1 collectief in de regio zonder netwerk</a>', html)
    assert jump and jump.start() < html.index('id="cijfers"')


def test_the_admin_lists_one_kind_and_the_count_stays_the_regions(
    client, make_collective, network, network_admin
):
    make_collective(name="Dorpsraad Los", kind="dorpsraad")
    make_collective(name="Energie Los", kind="energiecooperatie")
    client.force_login(network_admin)
    html = client.get(f"/netwerken/{network.slug}/?soort=dorpsraad").content.decode()
    listed = html[html.index('id="zonder-netwerk"') :]
    assert "Dorpsraad Los" in listed and "Energie Los" not in listed
    assert "2 collectieven in de regio zijn bij geen enkel netwerk aangesloten." in listed
    assert "Daarvan 1 van deze soort." in listed
    everything = client.get(f"/netwerken/{network.slug}/?soort=onzin").content.decode()
    assert "Energie Los" in everything and "Daarvan" not in everything
