"""The DCAT-AP catalogue as a harvester reads it: the catalogue, every dataset and every
distribution carry the properties DCAT-AP makes mandatory and those the issue's floor asks for
(title, description, licence, publisher; a distribution with media type and download URL)."""

import pytest
from rdflib import URIRef
from rdflib import namespace as ns

from tests.linkeddata.conftest import SITE, parsed

pytestmark = pytest.mark.django_db

PREFIXES = """
PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX spdx: <http://spdx.org/rdf/terms#>
"""
# Datasets that lack one of the required properties, with the property they lack.
DATASETS_LACKING = (
    PREFIXES
    + """
SELECT ?dataset ?lacks WHERE {
  ?dataset a dcat:Dataset .
  VALUES ?lacks { dct:title dct:description dct:license dct:publisher dct:identifier
                  dcat:distribution dcat:contactPoint dcat:keyword dct:modified
                  dct:accessRights }
  FILTER NOT EXISTS { ?dataset ?lacks ?value }
}"""
)
DISTRIBUTIONS_LACKING = (
    PREFIXES
    + """
SELECT ?distribution ?lacks WHERE {
  ?distribution a dcat:Distribution .
  VALUES ?lacks { dcat:accessURL dcat:downloadURL dcat:mediaType dct:format dct:license }
  FILTER NOT EXISTS { ?distribution ?lacks ?value }
}"""
)
WITHOUT_DOWNLOAD = (
    PREFIXES
    + """
SELECT ?dataset WHERE {
  ?dataset a dcat:Dataset .
  FILTER NOT EXISTS { ?dataset dcat:distribution [ dcat:downloadURL ?url ; dcat:mediaType ?t ] }
}"""
)
# Both a Dutch and an English title and description.
WITHOUT_BOTH_LANGUAGES = (
    PREFIXES
    + """
SELECT ?dataset ?property WHERE {
  ?dataset a dcat:Dataset .
  VALUES ?property { dct:title dct:description }
  VALUES ?language { "nl" "en" }
  FILTER NOT EXISTS { ?dataset ?property ?text . FILTER(lang(?text) = ?language) }
}"""
)
PUBLISHER_WITHOUT_NAME = (
    PREFIXES
    + """
SELECT ?agent WHERE {
  { ?s dct:publisher ?agent } FILTER NOT EXISTS { ?agent a foaf:Agent ; foaf:name ?name }
}"""
)


@pytest.fixture
def catalogue(client, dump):
    return parsed(client.get("/catalogus.ttl"))


def test_the_catalogue_has_title_description_publisher_and_datasets(catalogue):
    me = URIRef(SITE + "/catalogus")
    needed = (ns.DCTERMS.title, ns.DCTERMS.description, ns.DCTERMS.publisher, ns.DCAT.dataset)
    for prop in (*needed, ns.DCAT.contactPoint, ns.DCTERMS.license):
        assert catalogue.value(me, prop) is not None, prop


def test_the_api_is_a_data_service_with_its_description(catalogue):
    service = URIRef(SITE + "/api/v1/")
    assert (URIRef(SITE + "/catalogus"), ns.DCAT.service, service) in catalogue
    assert (service, ns.RDF.type, ns.DCAT.DataService) in catalogue
    assert catalogue.value(service, ns.DCAT.endpointURL) == service
    assert catalogue.value(service, ns.DCAT.endpointDescription) == URIRef(
        SITE + "/api/v1/openapi.json"
    )
    assert (service, ns.DCAT.servesDataset, URIRef(SITE + "/catalogus#collectieven")) in catalogue
    for prop in (ns.DCTERMS.title, ns.DCTERMS.description, ns.DCAT.contactPoint):
        assert catalogue.value(service, prop) is not None, prop


@pytest.mark.parametrize(
    "query",
    [
        DATASETS_LACKING,
        DISTRIBUTIONS_LACKING,
        WITHOUT_DOWNLOAD,
        WITHOUT_BOTH_LANGUAGES,
        PUBLISHER_WITHOUT_NAME,
    ],
)
def test_nothing_lacks_a_required_property(catalogue, query):
    assert list(catalogue.query(query)) == []


def test_there_are_datasets_with_distributions(catalogue):
    datasets = set(catalogue.subjects(ns.RDF.type, ns.DCAT.Dataset))
    assert len(datasets) >= 3
    assert len(set(catalogue.subjects(ns.RDF.type, ns.DCAT.Distribution))) > len(datasets)


def test_the_dump_is_described_with_its_size_and_checksum(catalogue, dump):
    distribution = URIRef(f"{SITE}/open-data/{dump.name}")
    assert catalogue.value(distribution, ns.DCAT.downloadURL) == distribution
    assert int(catalogue.value(distribution, ns.DCAT.byteSize)) == dump.size
    assert str(catalogue.value(distribution, ns.DCAT.mediaType)).endswith("/application/zip")
    checksums = list(
        catalogue.query(
            PREFIXES + "SELECT ?value WHERE { ?d spdx:checksum [ spdx:algorithm "
            "spdx:checksumAlgorithm_sha256 ; spdx:checksumValue ?value ] }",
            initBindings={"d": distribution},
        )
    )
    assert [str(row.value) for row in checksums] == [dump.sha256]
    assert (
        str(catalogue.value(URIRef(SITE + "/catalogus#open-data"), ns.DCTERMS.modified))
        == (dump.created[:10])
    )


def test_every_download_url_answers(client, catalogue):
    for url in set(catalogue.objects(None, ns.DCAT.downloadURL)):
        path = str(url).removeprefix(SITE)
        assert client.get(path).status_code == 200, path


def test_without_a_dump_the_other_datasets_still_stand(client, settings, tmp_path, collective):
    settings.DATA_DIR = tmp_path
    catalogue = parsed(client.get("/catalogus.ttl"))
    assert (URIRef(SITE + "/catalogus#open-data"), None, None) not in catalogue
    assert list(catalogue.query(DATASETS_LACKING)) == []
