"""One layout for every page: landmarks, navigation, language switch, footer, error pages."""

import re

import pytest
from django.test import Client
from django.urls import reverse


def test_landmarks_skip_link_and_navigation(client, db):
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="nl">' in html
    assert '<a class="skip-link" href="#main">' in html and '<main id="main"' in html
    assert "<header" in html and "<footer" in html and 'aria-label="Hoofdmenu"' in html
    for name, label in [
        ("collectives", "Collectieven"),
        ("map", "Kaart"),
        ("municipalities", "Gemeenten"),
        ("provinces", "Provincies"),
        ("collective_create", "Aanmelden"),
        ("login", "Inloggen"),
    ]:
        assert re.search(rf'href="{reverse(name)}"[^>]*>{label}<', html), label


def test_current_section_is_marked(client, db):
    html = client.get(reverse("map")).content.decode()
    assert f'href="{reverse("map")}" aria-current="page"' in html


def test_footer_credits_sources_licence_and_api_docs(client, db):
    html = client.get(reverse("home")).content.decode()
    assert "CBS, CC BY 4.0" in html
    assert "EUPL-1.2" in html
    assert 'href="/api/v1/docs"' in html


def test_language_switch_posts_to_set_language(client, db):
    html = client.get(reverse("collectives") + "?kind=dorpsraad").content.decode()
    form = re.search(r'<form method="post" action="/i18n/setlang/".*?</form>', html, re.S).group(0)
    # No per-visitor token, so public pages can be shared from the cache (decision 0034).
    assert 'name="csrfmiddlewaretoken"' not in form
    assert 'name="next" value="/collectieven/?kind=dorpsraad"' in form
    assert 'name="language" value="en"' in form
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/kaart/"})
    assert response.status_code == 302 and response["Location"] == "/kaart/"
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in html and 'name="language" value="nl"' in html


def test_home_page_counts_and_search(client, make_collective):
    make_collective(municipality="GM0014")
    make_collective(municipality="GM0014")
    make_collective(municipality="GM0363")
    html = client.get(reverse("home")).content.decode()
    assert re.search(r"<strong>3</strong> collectieven in Opmars", html)
    assert re.search(r"<strong>2</strong> van de 342 gemeenten", html)
    assert f'action="{reverse("collectives")}"' in html and 'name="q"' in html
    assert f'href="{reverse("map")}"' in html


def test_no_third_party_urls_for_scripts_or_styles(client, make_collective):
    c = make_collective()
    for url in [reverse("home"), reverse("map"), reverse("collective", args=[c.slug])]:
        html = client.get(url).content.decode()
        # What the page loads; a <link rel="alternate"> only names the record's data.
        loaded = r'<(?:script|link)(?![^>]*rel="alternate")[^>]+(?:src|href)="([^"]+)"'
        sources = re.findall(loaded, html)
        assert sources
        assert all(s.startswith("/static/") for s in sources), sources


@pytest.mark.parametrize("status", [404, 500])
def test_error_pages_use_the_layout(status, db):
    client = Client(raise_request_exception=False)
    if status == 404:
        response = client.get("/bestaat/niet/")
        text = "Deze pagina bestaat niet"
    else:
        from django.test import RequestFactory
        from django.views.defaults import server_error

        response = server_error(RequestFactory().get("/"))
        text = "Er ging iets mis bij ons"
    assert response.status_code == status
    html = response.content.decode()
    assert text in html and "Direct naar de inhoud" in html
