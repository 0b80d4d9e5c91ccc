"""The public API answers with ETag and Last-Modified from the data generation: a client that
asks again gets 304 until a write, then the new data. Logged-in users get no shared caching."""

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.cache import get_max_age

pytestmark = pytest.mark.django_db

URLS = [
    "/api/v1/municipalities/GM0363",
    "/api/v1/map?zoom=7",
    "/api/v1/stats/municipalities/GM0363",
    "/api/v1/collectives?municipality=GM0363",
]


@pytest.mark.parametrize("url", URLS)
def test_etag_304_then_write_then_200(client, make_collective, url):
    first = client.get(url)
    assert first.status_code == 200
    assert first["ETag"].startswith('W/"')
    assert "public" in first["Cache-Control"] and get_max_age(first) == 0

    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"] and not again.content

    make_collective(municipality="GM0363", name="Zonnedak Noord")
    after_write = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert after_write.status_code == 200
    assert after_write["ETag"] != first["ETag"]
    assert after_write.content != first.content


def test_last_modified_answers_if_modified_since(client, make_collective):
    url = "/api/v1/municipalities/GM0363"
    first = client.get(url)
    since = {"If-Modified-Since": first["Last-Modified"]}
    assert client.get(url, headers=since).status_code == 304
    make_collective(municipality="GM0363")
    # The write happened within the same second as the first answer: the ETag tells it apart,
    # and Last-Modified moves on as soon as the clock does.
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 200


def test_a_repeated_request_is_answered_from_the_cache(client, django_assert_max_num_queries):
    url = "/api/v1/municipalities"
    client.get(url)
    with django_assert_max_num_queries(1):  # the data generation only
        assert client.get(url).status_code == 200


def test_logged_in_users_get_private_answers_without_validators(client, editor_user):
    client.force_login(editor_user)
    response = client.get("/api/v1/municipalities/GM0363")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert not response.has_header("ETag")


def test_validators_differ_per_language(client):
    """Some answers hold translated text (labels, messages): a cache must keep them apart."""
    # override: the English request must not leave English active for the tests after it.
    with translation.override(settings.LANGUAGE_CODE):
        dutch = client.get("/api/v1/vocabularies", headers={"Accept-Language": "nl"})
        english = client.get("/api/v1/vocabularies", headers={"Accept-Language": "en"})
    assert dutch["ETag"] != english["ETag"]
    assert "Accept-Language" in dutch["Vary"]
