"""/insluiten/: choose what to embed and copy the snippet; a GET form, so it works without
JavaScript, with the same embed as a preview."""

import html

import pytest

pytestmark = pytest.mark.django_db


def _snippet(page):
    text = page.split('id="embed-snippet"', 1)[1].split(">", 1)[1]
    return html.unescape(text.split("</textarea>")[0])


def test_the_empty_form(client, embeds):
    page = client.get("/insluiten/").content.decode()
    assert '<form method="get"' in page and "Utrechtse Kernen" in page
    assert "<iframe" not in page and "csrfmiddlewaretoken" not in page


def test_a_municipality_in_english(client, embeds, settings):
    """The snippet goes to other sites, so it names the site's public address."""
    settings.SITE_URL = "https://opmars.example"
    page = client.get("/insluiten/?soort=gemeenten&gemeente=GM0344&taal=en").content.decode()
    snippet = _snippet(page)
    assert snippet.startswith(
        '<iframe src="https://opmars.example/insluiten/gemeenten/GM0344/?taal=en"'
    )
    assert 'title="Cijfers over burgercollectieven: Utrecht (Opmars)"' in snippet
    assert 'class="embed-preview" src="/insluiten/gemeenten/GM0344/?taal=en"' in page


def test_a_collective_by_its_pasted_address(client, embeds, utrecht, settings):
    settings.SITE_URL = "https://opmars.example"
    address = f"https://opmars.example/collectieven/{utrecht.slug}/"
    page = client.get("/insluiten/", {"soort": "collectieven", "collectief": address}).content
    snippet = _snippet(page.decode())
    assert f'src="https://opmars.example/insluiten/collectieven/{utrecht.slug}/"' in snippet


def test_a_missing_choice_is_named(client, embeds):
    page = client.get("/insluiten/?soort=provincies&provincie=&taal=nl").content.decode()
    assert "Kies er een uit de lijst." in page and "<iframe" not in page


@pytest.mark.parametrize("kind", ["gemeenten", "provincies", "netwerken", "collectieven"])
def test_every_snippet_opens_its_embed(client, embeds, utrecht, network, kind, settings):
    settings.SITE_URL = "https://opmars.example"
    query = {
        "gemeenten": "gemeente=GM0344",
        "provincies": "provincie=PV26",
        "netwerken": f"netwerk={network.slug}",
        "collectieven": f"collectief={utrecht.slug}",
    }[kind]
    page = client.get(f"/insluiten/?soort={kind}&{query}").content.decode()
    src = _snippet(page).split('src="', 1)[1].split('"', 1)[0]
    assert src == "https://opmars.example" + embeds[kind][0]
    assert client.get(src.removeprefix("https://opmars.example")).status_code == 200


@pytest.mark.parametrize("kind", ["gemeenten", "provincies", "netwerken"])
def test_each_area_monitor_page_leads_to_its_snippet(client, embeds, kind, settings):
    """From the monitor page of a municipality, province or network to the picker, filled in."""
    settings.SITE_URL = "https://opmars.example"
    embed, monitor = embeds[kind]
    page = client.get(monitor).content.decode()
    link = html.unescape(page.split('href="/insluiten/?', 1)[1].split('"', 1)[0])
    snippet = _snippet(client.get("/insluiten/?" + link).content.decode())
    assert snippet.startswith(f'<iframe src="https://opmars.example{embed}"')
