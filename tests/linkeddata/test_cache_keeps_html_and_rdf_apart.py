"""The shared page cache keys ignore Accept: an RDF request to a record URL is negotiated
before the cache, so it never gets the cached HTML, and the HTML never gets an RDF answer."""

import pytest

from opmars.caching import generation

pytestmark = pytest.mark.django_db


def test_a_cached_page_is_not_served_to_an_rdf_client(
    client, collective, django_assert_max_num_queries
):
    page = f"/collectieven/{collective.slug}/"
    html = client.get(page)
    with django_assert_max_num_queries(1):  # the page now comes from the cache
        assert client.get(page).content == html.content
    turtle = client.get(page, HTTP_ACCEPT="text/turtle")
    assert turtle.status_code == 303 and turtle["Location"].endswith(".ttl")
    again = client.get(page)
    assert again.status_code == 200 and again.content == html.content


def test_rdf_first_then_the_page(client, collective):
    page = f"/collectieven/{collective.slug}/"
    assert client.get(page, HTTP_ACCEPT="application/ld+json").status_code == 303
    assert client.get(f"/collectieven/{collective.slug}.jsonld").status_code == 200
    html = client.get(page)
    assert html.status_code == 200 and html["Content-Type"].startswith("text/html")
    assert b"<html" in html.content


def test_the_documents_are_cached_apart_and_follow_writes(client, collective):
    turtle = f"/collectieven/{collective.slug}.ttl"
    assert "Buurtkracht Zuilen" in client.get(turtle).content.decode()
    assert client.get(turtle)["Content-Type"].startswith("text/turtle")  # a cached copy
    collective.name = "Buurtkracht Zuilen-Oost"
    collective.save()
    generation.bump()  # as the service functions do after a write
    assert "Buurtkracht Zuilen-Oost" in client.get(turtle).content.decode()
