"""The address chooses the language (?taal=en), not a cookie or the browser's preference."""

import pytest

pytestmark = pytest.mark.django_db


def test_english_from_the_address(client, embeds):
    response = client.get(embeds["gemeenten"][0] + "?taal=en")
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Key figures" in page and "members in" in page
    assert "Source: Opmars, http://testserver/" in page
    assert response["Content-Language"] == "en"


def test_dutch_otherwise_whatever_the_visitor_prefers(client, embeds):
    client.cookies["django_language"] = "en"
    response = client.get(embeds["gemeenten"][0], HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert '<html lang="nl">' in page and "Kerncijfers" in page
    assert response["Content-Language"] == "nl"
    assert '<html lang="nl">' in client.get(embeds["gemeenten"][0] + "?taal=xx").content.decode()
