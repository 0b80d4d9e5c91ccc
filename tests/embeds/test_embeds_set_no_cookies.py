"""An embed sets no cookie: not for a new visitor, not for one who chose English on the site,
not for a logged-in user."""

import pytest

pytestmark = pytest.mark.django_db


def _no_cookie(response):
    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize("kind", ["gemeenten", "provincies", "netwerken", "collectieven"])
def test_no_cookie_for_anyone(client, embeds, kind, editor_user):
    path = embeds[kind][0]
    _no_cookie(client.get(path))
    _no_cookie(client.get(path + "?taal=en", HTTP_ACCEPT_LANGUAGE="en"))
    client.cookies["django_language"] = "en"
    _no_cookie(client.get(path))
    client.force_login(editor_user)
    _no_cookie(client.get(path))


def test_the_picker_sets_no_cookie_either(client, embeds):
    _no_cookie(client.get("/insluiten/?soort=gemeenten&gemeente=GM0344&taal=nl"))
