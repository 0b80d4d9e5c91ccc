"""Each record's HTML page names its Turtle and JSON-LD in <link rel="alternate">, so a crawler
that reads only HTML finds the data, and each link answers with the format it names."""

import re

import pytest

pytestmark = pytest.mark.django_db

FORMATS = {"text/turtle": "text/turtle", "application/ld+json": "application/ld+json"}


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" type="([^"]+)" href="([^"]+)">', html))


@pytest.mark.parametrize("kind", ["collective", "network", "municipality", "province"])
def test_the_page_links_its_data(client, collective, network, kind):
    page = {
        "collective": f"/collectieven/{collective.slug}/",
        "network": f"/netwerken/{network.slug}/",
        "municipality": "/gemeenten/GM0344/",
        "province": "/provincies/PV26/",
    }[kind]
    links = alternates(client.get(page).content.decode())
    assert links == {
        "text/turtle": page.rstrip("/") + ".ttl",
        "application/ld+json": page.rstrip("/") + ".jsonld",
    }
    for media_type, href in links.items():
        response = client.get(href)
        assert response.status_code == 200
        assert response["Content-Type"].startswith(FORMATS[media_type])
