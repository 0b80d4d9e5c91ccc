"""Recognition for knowledge sharers: on the collective page and per network per year."""

from django.utils import timezone

from opmars.knowledge import actions
from opmars.networks.models import Membership, Network


def test_collective_section_counts_items_and_useful(client, make_item, other_user):
    item = make_item()
    actions.mark_useful(other_user, item)
    collective = item.collectives.get()
    html = client.get(f"/collectieven/{collective.slug}/kennisdeling/").content.decode()
    assert "deelde 1 kennisitem" in html and "1 keer 'nuttig'" in html
    assert item.title in html
    page = client.get(collective.get_absolute_url()).content.decode()
    assert f"/collectieven/{collective.slug}/kennisdeling/" in page


def test_network_yearly_overview_of_sharers(client, make_item):
    item = make_item(title="Onze ALV-handleiding")
    collective = item.collectives.get()
    network = Network.objects.get(slug="cooplink")
    Membership.objects.create(network=network, collective=collective)
    html = client.get(network.get_absolute_url()).content.decode()
    assert f"Kennisdelers in {timezone.now().year}" in html
    assert collective.name in html


def test_without_javascript_the_section_is_a_whole_page(client, make_item):
    """The collective page loads the section with htmx; its fallback link opens a page of its
    own, with the site around it, a title and a way back to the collective."""
    collective = make_item(title="Onze ALV-handleiding").collectives.get()
    url = f"/collectieven/{collective.slug}/kennisdeling/"
    page = client.get(url).content.decode()
    assert "<html lang=" in page and "<title>" in page
    assert "Onze ALV-handleiding" in page and collective.get_absolute_url() in page
    fragment = client.get(url, headers={"hx-request": "true"}).content.decode()
    assert "<html" not in fragment and "Onze ALV-handleiding" in fragment
