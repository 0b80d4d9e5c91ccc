"""An unknown code or slug is a 404, and so is a collective off the public listing: an embed
shows what an anonymous visitor may see, whoever opens it."""

import pytest

from opmars.registry.models import Collective

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/insluiten/gemeenten/GM9999/",
        "/insluiten/provincies/PV99/",
        "/insluiten/netwerken/bestaat-niet/",
        "/insluiten/collectieven/bestaat-niet/",
    ],
)
def test_unknown_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_unlisted_collective_cannot_be_embedded(client, make_collective, editor_user):
    collective = make_collective(name="Stille Buren", municipality="GM0344")
    Collective.objects.filter(pk=collective.pk).update(is_unlisted=True)
    path = f"/insluiten/collectieven/{collective.slug}/"
    assert client.get(path).status_code == 404
    client.force_login(editor_user)  # its own editor sees it on the site, but not as an embed
    assert client.get(path).status_code == 404
    page = client.get(f"/insluiten/?soort=collectieven&collectief={collective.slug}")
    assert "vinden we niet in de openbare lijst" in page.content.decode()
    assert "<iframe" not in page.content.decode()
