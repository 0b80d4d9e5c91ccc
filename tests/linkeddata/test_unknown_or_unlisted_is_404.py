"""An unknown slug or code is a 404 in every format, and so is a collective off the public
listing: linked data publishes what an anonymous visitor may see, whoever asks."""

import pytest

from opmars.registry.models import Collective

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/collectieven/bestaat-niet.ttl",
        "/collectieven/bestaat-niet.jsonld",
        "/netwerken/bestaat-niet.ttl",
        "/gemeenten/GM9999.ttl",
        "/provincies/PV99.jsonld",
        "/collectieven/bestaat-niet.rdf",
    ],
)
def test_unknown_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_an_unlisted_collective_is_not_published(client, collective, network, editor_user):
    Collective.objects.filter(pk=collective.pk).update(is_unlisted=True)
    for extension in ("ttl", "jsonld"):
        assert client.get(f"/collectieven/{collective.slug}.{extension}").status_code == 404
    # Not even to its own editor, who sees its page on the site.
    client.force_login(editor_user)
    assert client.get(f"/collectieven/{collective.slug}.ttl").status_code == 404
    # Nor as a member of its network.
    assert collective.slug not in client.get(f"/netwerken/{network.slug}.ttl").content.decode()
