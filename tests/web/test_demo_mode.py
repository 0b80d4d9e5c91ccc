"""The demo site says on every page that its collectives are fictitious and is not indexed."""

import pytest
from django.urls import reverse

PAGES = ["home", "collectives", "map", "municipalities", "provinces", "login"]


@pytest.mark.parametrize("name", PAGES)
def test_demo_banner_and_noindex(client, settings, db, name):
    settings.DEMO_MODE = True
    response = client.get(reverse(name))
    html = response.content.decode()
    assert "Demo: alle collectieven op deze site zijn fictief" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_no_banner_outside_demo_mode(client, settings, db):
    settings.DEMO_MODE = False
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert "Demo: alle collectieven" not in html
    assert 'name="robots"' not in html
    assert "X-Robots-Tag" not in response


def test_demo_records_carry_the_badge_everywhere(client, make_demo_collective):
    c = make_demo_collective(name="Zon op Ulrum", municipality="GM0014")
    for url in [
        reverse("collectives"),
        reverse("collective", args=[c.slug]),
        reverse("municipality", args=["GM0014"]),
        reverse("province", args=["PV20"]),
    ]:
        assert "Fictief voorbeeld" in client.get(url).content.decode(), url
