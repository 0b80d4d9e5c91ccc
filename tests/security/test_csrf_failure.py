"""A post without a valid CSRF token gets a Dutch answer that says what to do, as a page, or in
the API's error shape under /api/ — never Django's English technical page."""

from django.test import Client


def test_a_form_post_without_token_gets_a_dutch_page(db, editor_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor_user)
    response = client.post("/collectieven/nieuw/", {"name": "Zonder token"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Laad de pagina opnieuw" in page and '<html lang="nl">' in page
    assert "CSRF verification failed" not in page


def test_an_api_post_from_a_session_without_token_gets_the_error_shape(db, editor_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor_user)
    response = client.post("/api/v1/collectives", "{}", content_type="application/json")
    assert response.status_code in (401, 403)
    body = response.json()
    assert set(body) == {"errors"} and body["errors"][0]["message"]
