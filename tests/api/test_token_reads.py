"""An API read with a token reads as the token's user, as that user's session does: an editor's
token sees its own unlisted collective; another account's token, or none, does not. Such
answers are never shared through the page cache."""

import pytest

from opmars.accounts.tokens import create_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def unlisted(make_collective):
    collective = make_collective(name="Verborgen Wijkraad")
    type(collective).objects.filter(pk=collective.pk).update(is_unlisted=True)
    return collective


def read(client, path, secret=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret else {}
    return client.get(f"/api/v1{path}", **headers)


def test_the_editors_token_sees_its_unlisted_collective(client, editor_user, unlisted):
    _token, secret = create_token(editor_user, "website", "read")
    assert read(client, f"/collectives/{unlisted.slug}", secret).status_code == 200
    listed = read(client, "/collectives?q=verborgen", secret).json()
    assert [item["slug"] for item in listed["items"]] == [unlisted.slug]


def test_others_and_anonymous_readers_do_not(client, other_user, unlisted):
    _token, secret = create_token(other_user, "website", "read")
    assert read(client, f"/collectives/{unlisted.slug}", secret).status_code == 404
    assert read(client, f"/collectives/{unlisted.slug}").status_code == 404
    assert read(client, "/collectives?q=verborgen").json()["count"] == 0


def test_a_revoked_token_reads_as_anonymous(client, editor_user, unlisted):
    from opmars.accounts.tokens import revoke_token

    token, secret = create_token(editor_user, "website", "read")
    revoke_token(editor_user, token)
    assert read(client, f"/collectives/{unlisted.slug}", secret).status_code == 404


def test_an_anonymous_read_after_a_token_read_gets_no_private_copy(client, editor_user, unlisted):
    _token, secret = create_token(editor_user, "website", "read")
    assert read(client, f"/collectives/{unlisted.slug}", secret).status_code == 200
    assert read(client, f"/collectives/{unlisted.slug}").status_code == 404
