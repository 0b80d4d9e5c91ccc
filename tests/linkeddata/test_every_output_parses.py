"""Every record and the catalogue, in Turtle and in JSON-LD, parse back with rdflib and say
the same thing in both."""

import pytest
from rdflib import URIRef
from rdflib import namespace as ns
from rdflib.compare import isomorphic

from tests.linkeddata.conftest import SITE, parsed

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(collective, network):
    return [
        f"/collectieven/{collective.slug}",
        f"/netwerken/{network.slug}",
        "/gemeenten/GM0344",
        "/provincies/PV26",
    ]


def test_each_record_parses_in_both_formats_alike(client, records):
    for record in records:
        turtle = client.get(record + ".ttl")
        jsonld = client.get(record + ".jsonld")
        assert turtle.status_code == jsonld.status_code == 200, record
        graph = parsed(turtle)
        assert (URIRef(SITE + record + "/"), None, None) in graph, record
        assert isomorphic(graph, parsed(jsonld)), record


def test_the_catalogue_parses_in_both_formats_alike(client, dump):
    turtle = parsed(client.get("/catalogus.ttl"))
    assert (URIRef(SITE + "/catalogus"), ns.RDF.type, ns.DCAT.Catalog) in turtle
    assert isomorphic(turtle, parsed(client.get("/catalogus.jsonld")))


def test_a_collective_links_its_network_and_areas(client, collective, network):
    graph = parsed(client.get(f"/collectieven/{collective.slug}.ttl"))
    me = URIRef(f"{SITE}/collectieven/{collective.slug}/")
    assert (me, ns.RDF.type, ns.SDO.NGO) in graph
    assert (me, ns.SDO.memberOf, URIRef(f"{SITE}/netwerken/{network.slug}/")) in graph
    assert (me, ns.SDO.areaServed, URIRef(f"{SITE}/gemeenten/GM0344/")) in graph
    assert str(graph.value(me, ns.SDO.name)) == "Buurtkracht Zuilen"
    assert str(graph.value(me, ns.SDO.foundingDate)) == "2010"
    assert graph.value(me, ns.SDO.mainEntityOfPage) == me  # a link, not text
    assert (
        "@prefix schema: <https://schema.org/>"
        in client.get(f"/collectieven/{collective.slug}.ttl").content.decode()
    )
    address = graph.value(me, ns.SDO.address)
    assert str(graph.value(address, ns.SDO.addressLocality)) == "Utrecht"
    member = parsed(client.get(f"/netwerken/{network.slug}.ttl"))
    assert (URIRef(f"{SITE}/netwerken/{network.slug}/"), ns.SDO.member, me) in member
    area = parsed(client.get("/gemeenten/GM0344.ttl"))
    assert (
        URIRef(f"{SITE}/gemeenten/GM0344/"),
        ns.SDO.containedInPlace,
        URIRef(f"{SITE}/provincies/PV26/"),
    ) in area
