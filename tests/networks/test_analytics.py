"""Network analytics: coverage per province, isolated collectives, links through shared members."""

from opmars.networks import analytics
from opmars.networks.models import Membership, Network


def test_coverage_and_links(client, make_collective, network):
    a, b = make_collective(), make_collective()
    make_collective()  # in no network
    lsa = Network.objects.get(slug="lsa")
    for collective in (a, b):
        Membership.objects.create(network=network, collective=collective)
    Membership.objects.create(network=lsa, collective=a)
    row = next(r for r in analytics.coverage_by_province() if r["code"] == "PV27")
    assert (row["total"], row["in_network"], row["isolated"], row["share"]) == (3, 2, 1, 66.7)
    assert analytics.links_between_networks() == [(*sorted([network, lsa], key=lambda n: n.pk), 1)]
    html = client.get("/netwerken/analyse/").content.decode()
    assert "<svg" in html and "Gedeelde leden per paar netwerken" in html
    assert "1 van de 3 actieve collectieven" in html


def test_graph_places_every_network_on_the_circle():
    class N:
        def __init__(self, pk):
            self.pk, self.name = pk, f"n{pk}"

    nodes = [N(i) for i in range(4)]
    drawn = analytics.graph(nodes, [(nodes[0], nodes[1], 5), (nodes[2], nodes[3], 1)])
    assert len(drawn["nodes"]) == 4
    assert [e["width"] for e in drawn["edges"]] == [8.0, 2.4]
