"""A demo collective or network says in its RDF that it is fictitious (in words and as the
exports' `demo` property); the catalogue says so when the site runs as the demo."""

import pytest
from rdflib import Literal, URIRef
from rdflib import namespace as ns

from opmars.networks.models import Network
from opmars.registry.models import Collective
from tests.linkeddata.conftest import SITE, parsed

pytestmark = pytest.mark.django_db


def _is_marked_demo(graph, subject):
    texts = {str(text) for text in graph.objects(subject, ns.SDO.description)}
    flags = [
        graph.value(prop, ns.SDO.value)
        for prop in graph.objects(subject, ns.SDO.additionalProperty)
        if graph.value(prop, ns.SDO.name) == Literal("demo")
    ]
    return any("Fictief voorbeeld" in text for text in texts) and flags == [Literal(True)]


def test_a_demo_collective_and_network_are_marked(client, collective, network):
    Collective.objects.filter(pk=collective.pk).update(is_demo=True)
    Network.objects.filter(pk=network.pk).update(is_demo=True)
    for path in (f"/collectieven/{collective.slug}", f"/netwerken/{network.slug}"):
        for extension in ("ttl", "jsonld"):
            graph = parsed(client.get(f"{path}.{extension}"))
            assert _is_marked_demo(graph, URIRef(f"{SITE}{path}/")), (path, extension)


def test_a_real_collective_is_not_marked(client, collective):
    graph = parsed(client.get(f"/collectieven/{collective.slug}.ttl"))
    assert not _is_marked_demo(graph, URIRef(f"{SITE}/collectieven/{collective.slug}/"))
    assert "Fictief" not in client.get(f"/collectieven/{collective.slug}.ttl").content.decode()


@pytest.mark.parametrize("demo", [True, False])
def test_the_catalogue_says_the_demo_is_fictitious(client, settings, dump, demo):
    settings.DEMO_MODE = demo
    graph = parsed(client.get("/catalogus.ttl"))
    subjects = [URIRef(SITE + "/catalogus"), *graph.subjects(ns.RDF.type, ns.DCAT.Dataset)]
    for subject in subjects:
        texts = " ".join(str(t) for t in graph.objects(subject, ns.DCTERMS.description))
        assert ("Fictief voorbeeld" in texts) is demo, subject
        assert ("Fictitious example" in texts) is demo, subject
