"""New passwords are stored with Argon2; an old PBKDF2 hash still works and is upgraded."""

import pytest
from django.contrib.auth.hashers import make_password
from django.urls import reverse

from opmars.accounts.models import User

pytestmark = pytest.mark.django_db


def test_new_passwords_are_hashed_with_argon2(editor_user):
    assert editor_user.password.startswith("argon2")


def test_an_old_pbkdf2_hash_logs_in_and_is_upgraded(client):
    user = User.objects.create_user(email="oud@example.org")
    user.password = make_password("oud-wachtwoord-42", hasher="pbkdf2_sha256")
    user.save()
    response = client.post(
        reverse("login"), {"username": "oud@example.org", "password": "oud-wachtwoord-42"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2")
