"""The network index and page: members, figures with their definition, the admin's view."""

from opmars.networks.models import Membership
from opmars.registry.models import YearlyFacts


def test_index_lists_the_umbrellas(client, db):
    response = client.get("/netwerken/")
    assert response.status_code == 200
    assert "Energie Samen" in response.content.decode()


def test_page_shows_members_and_figures_with_year_and_source(client, network, make_collective):
    collective = make_collective(name="Dorpsraad Testdorp")
    Membership.objects.create(network=network, collective=collective)
    from opmars.networks.query import last_complete_year

    YearlyFacts.objects.create(
        collective=collective, year=last_complete_year(), members=40, volunteers=7
    )
    html = client.get(network.get_absolute_url()).content.decode()
    assert "Dorpsraad Testdorp" in html
    assert "network-map-data" in html
    assert "40 <span" in html and "7 <span" in html
    assert "opgave van de collectieven" in html
    assert "Beheer van het netwerk" not in html


def test_admin_sees_collectives_in_the_region_without_a_network(
    client, network, network_admin, make_collective
):
    make_collective(name="Eenzaam Collectief")  # Amsterdam, in the network's province
    make_collective(name="Verre Collectief", municipality="GM0014")  # Groningen
    client.force_login(network_admin)
    html = client.get(network.get_absolute_url()).content.decode()
    assert "Beheer van het netwerk" in html
    assert "Eenzaam Collectief" in html
    assert "Verre Collectief" not in html


def test_admin_invites_through_the_form(client, network, network_admin, make_collective):
    collective = make_collective()
    client.force_login(network_admin)
    response = client.post(
        f"/netwerken/{network.slug}/uitnodigen/", {"collective": collective.slug}
    )
    assert response.status_code == 302
    assert network.requests.filter(collective=collective).exists()


def test_editor_asks_to_join_and_admin_accepts(
    client, network, network_admin, make_collective, editor_user
):
    collective = make_collective()
    client.force_login(editor_user)
    client.post(f"/netwerken/{network.slug}/aanvragen/", {"collective": collective.slug})
    pending = network.requests.get()
    client.force_login(network_admin)
    client.post(f"/netwerken/{network.slug}/accepteren/{pending.id}/")
    assert Membership.objects.filter(network=network, collective=collective).exists()


def test_a_stranger_cannot_remove(client, network, make_collective, other_user):
    collective = make_collective()
    Membership.objects.create(network=network, collective=collective)
    client.force_login(other_user)
    response = client.post(
        f"/netwerken/{network.slug}/verwijderen/", {"collective": collective.slug}
    )
    assert response.status_code == 403
    assert Membership.objects.filter(network=network).exists()


def test_admin_invites_from_the_list_and_the_editor_accepts_on_the_page(
    client, network, network_admin, make_collective, editor_user
):
    collective = make_collective(name="Dorp Zonder Netwerk")
    client.force_login(network_admin)
    html = client.get(network.get_absolute_url()).content.decode()
    assert "Nodig Dorp Zonder Netwerk uit" in html
    client.post(f"/netwerken/{network.slug}/uitnodigen/", {"collective": collective.slug})
    client.force_login(editor_user)
    html = client.get(network.get_absolute_url()).content.decode()
    assert "nodigt Dorp Zonder Netwerk uit" in html
    invitation = network.requests.get()
    client.post(f"/netwerken/{network.slug}/accepteren/{invitation.id}/")
    assert Membership.objects.filter(network=network, collective=collective).exists()
