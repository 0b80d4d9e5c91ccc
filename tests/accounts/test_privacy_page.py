"""The privacy statement: linked from every page's footer, says what is stored, why, for how
long and who sees it, in Dutch."""

import pytest

pytestmark = pytest.mark.django_db


def test_every_page_links_the_privacy_statement(client):
    assert 'href="/privacy/"' in client.get("/").content.decode()


def test_it_answers_what_why_how_long_and_who(client):
    page = client.get("/privacy/").content.decode()
    for question in ("Waarom", "Hoe lang", "Wie ziet het"):
        assert page.count(f"<dt>{question}</dt>") == 8  # one answer per kind of data
    for subject in (
        "e-mailadres",
        "logboek",
        "schuilnaam",
        "contactadres",
        "sessiecookie",
        "API-sleutels",
    ):
        assert subject in page
    assert "Nooit openbaar" in page


def test_signed_in_users_find_their_download_and_delete_links(client, other_user):
    client.force_login(other_user)
    page = client.get("/privacy/").content.decode()
    assert "/account/mijn-gegevens.json" in page and "/account/verwijderen/" in page
