"""Public HTML pages are kept whole in the cache under the data generation: an anonymous visitor
asking again is answered without running the view, a write shows at once, and nothing of one
visitor (login, CSRF token, messages, language, CSP nonce) reaches another."""

import re

import pytest
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage

pytestmark = pytest.mark.django_db

DIRECTORY = "/collectieven/?municipality=GM0363"
NONCE = re.compile(r'<style nonce="([^"]+)">')


def test_a_repeated_page_is_served_from_the_cache(
    client, make_collective, django_assert_max_num_queries, cache_backend
):
    make_collective(name="Zonnedak Noord")
    first = client.get(DIRECTORY)
    assert first.status_code == 200 and "Zonnedak Noord" in first.content.decode()
    with django_assert_max_num_queries(1):  # the data generation only
        again = client.get(DIRECTORY)
    assert again.status_code == 200
    assert again.content == first.content


def test_a_write_shows_on_the_next_request(client, make_collective):
    assert "Zonnedak Zuid" not in client.get(DIRECTORY).content.decode()
    make_collective(name="Zonnedak Zuid")
    assert "Zonnedak Zuid" in client.get(DIRECTORY).content.decode()


def test_a_logged_in_visitor_never_gets_the_anonymous_copy(client, make_collective, editor_user):
    collective = make_collective(name="Zonnedak West")
    page = f"/collectieven/{collective.slug}/"
    anonymous = client.get(page).content.decode()
    assert "Mijn account" not in anonymous
    client.force_login(editor_user)
    logged_in = client.get(page).content.decode()
    assert "Mijn account" in logged_in and "Jaarcijfers toevoegen" in logged_in
    client.logout()
    # ... and the anonymous copy holds nothing of the editor's page.
    assert "Jaarcijfers toevoegen" not in client.get(page).content.decode()


def test_a_page_with_a_form_that_posts_is_not_shared(client):
    """The CSRF token in the form is one visitor's: such a page is rendered for each visitor."""
    first = client.get("/rekenhulp/")
    assert "csrfmiddlewaretoken" in first.content.decode()
    client.cookies.clear()
    second = client.get("/rekenhulp/")
    assert _csrf_value(second) != _csrf_value(first)


def _csrf_value(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[1]


def test_the_language_switch_works_without_a_token(client):
    """It carries none (tests/web/test_layout.py); the CSRF check must not refuse it."""
    # Django's test client enforces no CSRF by default: ask for the check explicitly.
    client.handler.enforce_csrf_checks = True
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/collectieven/"})
    assert response.status_code == 302
    assert "Collectives" in client.get("/collectieven/").content.decode()


def test_dutch_and_english_copies_are_kept_apart(client):
    dutch = client.get("/monitor/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/monitor/"})
    english = client.get("/monitor/").content.decode()
    assert '<html lang="nl"' in dutch and '<html lang="en"' in english


def test_every_copy_gets_its_own_csp_nonce(client, cache_backend):
    """The map page has a <style> block with the nonce: a cached copy must not reuse it."""
    nonces = []
    for _ in range(3):
        response = client.get("/kaart/")
        nonce = NONCE.search(response.content.decode())[1]
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        # No validators: a 304 would leave the browser's copy with a nonce the policy lacks.
        assert not response.has_header("ETag") and not response.has_header("Last-Modified")
        nonces.append(nonce)
    assert len(set(nonces)) == 3


def test_the_htmx_fragment_and_the_whole_page_are_kept_apart(client):
    whole = client.get(DIRECTORY)
    fragment = client.get(DIRECTORY, headers={"HX-Request": "true"})
    again = client.get(DIRECTORY)
    assert b"<html" in whole.content and b"<html" not in fragment.content
    assert again.content == whole.content


def test_a_waiting_message_is_shown_not_skipped(client, rf):
    client.get(DIRECTORY)  # the copy without a message is in the cache
    request = rf.get("/")
    storage = CookieStorage(request)
    storage.add(messages.SUCCESS, "Je bent uitgelogd.")
    response = client.get("/")
    storage.update(response)
    client.cookies[CookieStorage.cookie_name] = response.cookies[CookieStorage.cookie_name].value
    assert "Je bent uitgelogd." in client.get(DIRECTORY).content.decode()


def test_an_unchanged_page_is_answered_304(client, make_collective):
    first = client.get(DIRECTORY)
    assert "no-cache" in first["Cache-Control"]
    again = client.get(DIRECTORY, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    make_collective()
    assert client.get(DIRECTORY, headers={"If-None-Match": first["ETag"]}).status_code == 200


def test_the_fragment_and_the_page_have_their_own_validators(client):
    """A browser may revalidate its stored fragment when the visitor reloads the page: the
    fragment's ETag must not answer 304 for the whole page."""
    fragment = client.get(DIRECTORY, headers={"HX-Request": "true"})
    whole = client.get(DIRECTORY, headers={"If-None-Match": fragment["ETag"]})
    assert whole.status_code == 200 and b"<html" in whole.content
    assert whole["ETag"] != fragment["ETag"]


def test_a_page_with_a_form_that_posts_gets_no_validators(client):
    """A 304 would keep a form whose CSRF token belongs to an old secret (after a login)."""
    response = client.get("/rekenhulp/")
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert not response.has_header("ETag") and not response.has_header("Last-Modified")


def test_each_host_gets_its_own_copy(client, make_collective, settings):
    """Absolute links (JSON-LD, the page's own address) name the host that was asked."""
    settings.ALLOWED_HOSTS = ["een.example", "twee.example"]
    collective = make_collective()
    page = f"/collectieven/{collective.slug}/"
    assert "http://een.example/" in client.get(page, HTTP_HOST="een.example").content.decode()
    second = client.get(page, HTTP_HOST="twee.example").content.decode()
    assert "http://twee.example/" in second and "een.example" not in second
