"""/account/tokens/: a signed-in user makes a token, sees its secret once, and revokes it."""

import re

from opmars.api.models import ApiToken, token_hash

PAGE = "/account/tokens/"


def secret_on(response):
    found = re.search(r'<code id="new-secret">([^<]+)</code>', response.content.decode())
    return found and found.group(1)


def test_the_page_needs_a_login(client, db):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/inloggen/")


def test_the_account_page_links_to_it(client, editor_user):
    client.force_login(editor_user)
    assert f'href="{PAGE}"' in client.get("/account/").content.decode()


def test_a_new_token_shows_its_secret_once(client, editor_user):
    client.force_login(editor_user)
    response = client.post(
        PAGE, {"name": "Ledenadministratie", "scope": "write", "valid_days": "90"}
    )
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    secret = secret_on(response)
    token = ApiToken.objects.get(user=editor_user)
    assert token.secret_hash == token_hash(secret)
    assert (token.name, token.scope) == ("Ledenadministratie", "write")
    assert (token.expires_at - token.created_at).days == 90
    again = client.get(PAGE)
    assert secret_on(again) is None
    assert secret not in again.content.decode()
    assert token.prefix in again.content.decode()


def test_a_token_without_a_name_is_refused_in_dutch(client, editor_user):
    client.force_login(editor_user)
    response = client.post(PAGE, {"name": "", "scope": "read", "valid_days": ""})
    assert "Geef de sleutel een naam, zodat je hem later herkent." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_token_is_revoked_from_the_page(client, editor_user):
    client.force_login(editor_user)
    client.post(PAGE, {"name": "Oud script", "scope": "read", "valid_days": ""})
    token = ApiToken.objects.get()
    response = client.post(f"{PAGE}{token.pk}/intrekken/", follow=True)
    assert "De sleutel &#x27;Oud script&#x27; is ingetrokken" in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "Ingetrokken op" in response.content.decode()


def test_nobody_revokes_another_users_token(client, editor_user, other_user):
    client.force_login(editor_user)
    client.post(PAGE, {"name": "Van Anouk", "scope": "write", "valid_days": ""})
    token = ApiToken.objects.get()
    client.force_login(other_user)
    assert client.post(f"{PAGE}{token.pk}/intrekken/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_others_tokens_are_not_listed(client, editor_user, other_user):
    client.force_login(editor_user)
    client.post(PAGE, {"name": "Geheim script van Anouk", "scope": "write", "valid_days": ""})
    client.force_login(other_user)
    assert "Geheim script van Anouk" not in client.get(PAGE).content.decode()
