"""A collective in Utrecht that belongs to a network, and a published open-data dump."""

import warnings

import pytest
from rdflib import Graph

from opmars.dataio import opendata
from opmars.networks.models import Membership, Network

SITE = "http://opmars.test"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def collective(make_collective):
    return make_collective(name="Buurtkracht Zuilen", municipality="GM0344", founded_year=2010)


@pytest.fixture
def network(collective):
    network = Network.objects.create(
        slug="utrechtse-kernen", name="Utrechtse Kernen", kind="regionaal", province_id="PV26"
    )
    Membership.objects.create(network=network, collective=collective, since=2012)
    return network


@pytest.fixture
def dump(settings, tmp_path, collective):
    settings.DATA_DIR = tmp_path
    return opendata.publish_dump()


def parsed(response):
    """The answer read back with rdflib in the format its Content-Type names."""
    content_type = response["Content-Type"].split(";")[0]
    fmt = {"text/turtle": "turtle", "application/ld+json": "json-ld"}[content_type]
    with warnings.catch_warnings(action="ignore", category=DeprecationWarning):
        # rdflib's JSON-LD reader uses its own deprecated ConjunctiveGraph inside.
        return Graph().parse(data=response.content.decode(), format=fmt)
