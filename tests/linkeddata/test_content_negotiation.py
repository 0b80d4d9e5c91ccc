"""The record URLs answer HTML to browsers and send RDF clients (Accept: text/turtle or
application/ld+json, not HTML preferred) on with 303 See Other to the .ttl or .jsonld; the
extension URLs answer their own media type."""

import pytest

pytestmark = pytest.mark.django_db

FIREFOX = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
CHROME = (
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
    "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7"
)


@pytest.fixture
def records(collective, network):
    return [
        f"/collectieven/{collective.slug}",
        f"/netwerken/{network.slug}",
        "/gemeenten/GM0344",
        "/provincies/PV26",
    ]


@pytest.mark.parametrize(
    "accept, extension",
    [
        ("text/turtle", "ttl"),
        ("application/ld+json", "jsonld"),
        ("text/turtle;q=1.0, application/ld+json;q=0.5, text/html;q=0.2", "ttl"),
        ("application/ld+json, text/turtle;q=0.9, */*;q=0.1", "jsonld"),
    ],
)
def test_rdf_clients_are_sent_to_the_document(client, records, accept, extension):
    for record in records:
        response = client.get(record + "/", HTTP_ACCEPT=accept)
        assert response.status_code == 303, record
        assert response["Location"] == f"{record}.{extension}"
        assert "Accept" in response["Vary"]
        followed = client.get(response["Location"])
        assert followed.status_code == 200


@pytest.mark.parametrize("accept", [FIREFOX, CHROME, "*/*", "text/html, text/turtle", None])
def test_browsers_get_the_page(client, records, accept):
    headers = {"HTTP_ACCEPT": accept} if accept else {}
    for record in records:
        response = client.get(record + "/", **headers)
        assert response.status_code == 200, record
        assert response["Content-Type"].startswith("text/html")
        assert "Accept" in response["Vary"]


def test_extensions_give_their_media_type(client, records):
    for record in records:
        assert client.get(record + ".ttl")["Content-Type"] == "text/turtle; charset=utf-8"
        assert client.get(record + ".jsonld")["Content-Type"] == "application/ld+json"


@pytest.mark.parametrize(
    "accept, target",
    [
        (None, "/catalogus.ttl"),
        ("text/turtle", "/catalogus.ttl"),
        ("application/ld+json", "/catalogus.jsonld"),
        (FIREFOX, "/catalogus.ttl"),
    ],
)
def test_the_catalogue_address_sends_on_to_a_format(client, accept, target):
    headers = {"HTTP_ACCEPT": accept} if accept else {}
    response = client.get("/catalogus", **headers)
    assert response.status_code == 303
    assert response["Location"] == target
    assert client.get(target).status_code == 200


def test_a_post_is_not_negotiated(client, collective):
    response = client.post(f"/collectieven/{collective.slug}/", HTTP_ACCEPT="text/turtle")
    assert response.status_code != 303
