"""Too many wrong passwords lock the email address (from that IP) out for a while, with a
clear Dutch message on the login page; the right password afterwards does not get in."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
PASSWORD = "geheim-wachtwoord-1"


def attempt(client, email, password):
    return client.post(reverse("login"), {"username": email, "password": password})


def test_wrong_passwords_lead_to_a_lockout_with_a_dutch_message(client, editor_user, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(2):
        response = attempt(client, editor_user.email, "fout")
        assert response.status_code == 200
        assert "horen niet bij elkaar" in response.text
    response = attempt(client, editor_user.email, "fout")
    assert response.status_code == 429
    assert "Te vaak een verkeerd wachtwoord" in response.text
    assert "15 minuten" in response.text
    # The login form is still there, with the email address filled in.
    assert f'value="{editor_user.email}"' in response.text

    response = attempt(client, editor_user.email, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_lockout_is_per_address_and_ip(client, editor_user, other_user, settings):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        attempt(client, editor_user.email, "fout")
    response = attempt(client, other_user.email, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(other_user.pk)


def test_a_good_login_resets_the_count(client, editor_user, settings):
    settings.AXES_FAILURE_LIMIT = 3
    attempt(client, editor_user.email, "fout")
    attempt(client, editor_user.email, "fout")
    assert attempt(client, editor_user.email, PASSWORD).status_code == 302
    client.logout()
    attempt(client, editor_user.email, "fout")
    attempt(client, editor_user.email, "fout")
    assert attempt(client, editor_user.email, PASSWORD).status_code == 302


def test_capitals_do_not_make_a_fresh_address(client, editor_user, settings):
    settings.AXES_FAILURE_LIMIT = 2
    attempt(client, editor_user.email, "fout")
    attempt(client, editor_user.email.upper(), "fout")
    assert attempt(client, f" {editor_user.email.title()} ", "fout").status_code == 429
