"""Demo data stays marked fictitious inside the embed: a demo collective, an area that counts
demo collectives, and every embed of a demo site."""

import pytest

pytestmark = pytest.mark.django_db


def test_demo_collective_and_its_area(client, make_collective):
    from opmars.registry.models import Collective

    collective = make_collective(name="Voorbeeldcoöperatie", municipality="GM0344")
    Collective.objects.filter(pk=collective.pk).update(is_demo=True)
    page = client.get(f"/insluiten/collectieven/{collective.slug}/").content.decode()
    assert "Fictief voorbeeld" in page
    page = client.get("/insluiten/gemeenten/GM0344/").content.decode()
    assert "1 van de getelde collectieven is een fictief voorbeeld" in page


def test_real_data_carries_no_demo_note(client, embeds, settings):
    settings.DEMO_MODE = False
    page = client.get(embeds["gemeenten"][0]).content.decode()
    assert "Fictief" not in page and "fictief" not in page


def test_every_embed_of_a_demo_site_says_so(client, embeds, settings):
    settings.DEMO_MODE = True
    for path, _full in embeds.values():
        page = client.get(path).content.decode()
        assert "Demo: alle collectieven op deze site zijn fictief" in page
        assert '<meta name="robots" content="noindex, nofollow">' in page
