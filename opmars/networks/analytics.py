"""Network analytics: coverage per province and network, isolated collectives, shared members.

Definitions (one place, used by the page and the docs):
- "in een netwerk": the collective is a member of at least one network on Opmars now.
- "geïsoleerd": an active collective that is a member of no network.
- a link between two networks: the number of collectives that are a member of both.
"""

import math

from django.db.models import Count, Exists, F, OuterRef, Q

from opmars.accounts.policy import public_collectives
from opmars.geo.models import Province
from opmars.networks.models import Membership, Network
from opmars.networks.query import without_network
from opmars.registry.vocab import Status


def _in_network():
    return Exists(Membership.objects.filter(collective=OuterRef("pk")))


def isolated(collectives):
    """The "geïsoleerd" of this page among `collectives`: active, and a member of no network.
    A network's page lists its region's with this, so its count matches the province's here."""
    return without_network(collectives.filter(status=Status.ACTIEF))


def coverage_by_province():
    rows = (
        public_collectives()
        .filter(status=Status.ACTIEF)
        .annotate(networked=_in_network())
        .values("municipality__province_id")
        .annotate(total=Count("id"), in_network=Count("id", filter=Q(networked=True)))
    )
    names = dict(Province.objects.values_list("code", "name"))
    result = [
        {
            "code": r["municipality__province_id"],
            "name": names.get(r["municipality__province_id"], ""),
            "total": r["total"],
            "in_network": r["in_network"],
            "isolated": r["total"] - r["in_network"],
            "share": _share(r["in_network"], r["total"]),
        }
        for r in rows
    ]
    return sorted(result, key=lambda r: r["name"])


def _share(part, whole):
    return round(100 * part / whole, 1) if whole else None


def links_between_networks():
    """[(network a, network b, shared members)] for every pair that shares at least one."""
    pairs = (
        Membership.objects.filter(collective__membership__network_id__gt=F("network_id"))
        .values("network_id", "collective__membership__network_id")
        .annotate(shared=Count("collective_id"))
    )
    networks = Network.objects.in_bulk()
    links = [
        (networks[p["network_id"]], networks[p["collective__membership__network_id"]], p["shared"])
        for p in pairs
    ]
    return sorted(links, key=lambda link: (-link[2], link[0].name, link[1].name))


def graph(networks, links, width=960, height=620):
    """Node positions on a circle and edge widths for an SVG; a table shows the same links."""
    # Wider than high: the labels stand left and right of the circle.
    radius = height * 0.4
    nodes = {}
    for i, network in enumerate(networks):
        angle = 2 * math.pi * i / max(1, len(networks)) - math.pi / 2
        nodes[network.pk] = {
            "network": network,
            "x": round(width / 2 + radius * math.cos(angle), 1),
            "y": round(height / 2 + radius * math.sin(angle), 1),
            "anchor": "start"
            if math.cos(angle) > 0.1
            else "end"
            if math.cos(angle) < -0.1
            else "middle",
            "label_x": round(width / 2 + (radius + 12) * math.cos(angle), 1),
            "label_y": round(height / 2 + (radius + 12) * math.sin(angle) + 4, 1),
        }
    widest = max((shared for _a, _b, shared in links), default=1)
    edges = [
        {
            "a": nodes[a.pk],
            "b": nodes[b.pk],
            "width": round(1 + 7 * shared / widest, 1),
            "shared": shared,
        }
        for a, b, shared in links
        if a.pk in nodes and b.pk in nodes
    ]
    return {"width": width, "height": height, "nodes": list(nodes.values()), "edges": edges}
