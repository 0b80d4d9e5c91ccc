"""Limits per client address across accounts, and per e-mail address, against password
spraying and mail floods: failed logins, sign-ups, password-reset mails, and posts that mail
others (claims, invitations, messages). Over a limit: the Dutch 429 page, nothing sent."""

import pytest
from django.core import mail

from opmars.accounts.models import User

PASSWORD = "geheim-wachtwoord-1"


@pytest.fixture
def low_limits(settings):
    settings.OPMARS_RATE_LIMITS = {
        **settings.OPMARS_RATE_LIMITS,
        "login_failures": "3/h",
        "signup": "2/h",
        "password_reset": "4/h",
        "password_reset_address": "2/h",
        "mail_actions": "2/h",
    }


def login(client, email, password, address="203.0.113.5"):
    return client.post(
        "/account/inloggen/", {"username": email, "password": password}, REMOTE_ADDR=address
    )


def test_failed_logins_across_accounts_are_limited_per_address(client, db, low_limits):
    accounts = [
        User.objects.create_user(email=f"lid{n}@example.org", password=PASSWORD) for n in range(4)
    ]
    for account in accounts[:3]:
        assert login(client, account.email, "raden-123").status_code == 200
    # The fourth try, even with the right password, waits: this address sprayed.
    assert login(client, accounts[3].email, PASSWORD).status_code == 429
    # Another address is not affected.
    assert login(client, accounts[3].email, PASSWORD, address="198.51.100.7").status_code == 302


def test_successful_logins_do_not_count(client, editor_user, low_limits):
    for _ in range(5):
        assert login(client, editor_user.email, PASSWORD).status_code == 302
        client.logout()


def test_sign_ups_are_limited_per_address(client, db, low_limits):
    def sign_up(n):
        return client.post(
            "/account/registreren/",
            {"email": f"nieuw{n}@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )

    for n in range(2):
        assert sign_up(n).status_code == 302
        client.logout()
    assert sign_up(3).status_code == 429
    assert not User.objects.filter(email="nieuw3@example.org").exists()


def test_reset_mails_to_one_address_stop_silently(client, editor_user, low_limits):
    for _ in range(3):
        response = client.post("/account/wachtwoord-vergeten/", {"email": editor_user.email})
        assert response.status_code == 302, "the answer never tells whether mail went out"
    assert len(mail.outbox) == 2


def test_reset_requests_from_one_address_are_limited(client, db, low_limits):
    for n in range(4):
        client.post("/account/wachtwoord-vergeten/", {"email": f"x{n}@example.org"})
    assert (
        client.post("/account/wachtwoord-vergeten/", {"email": "y@example.org"}).status_code == 429
    )


def test_posts_that_mail_others_are_limited_per_address(
    client, other_user, make_collective, low_limits
):
    recipient = make_collective(contact_email="bestuur@collectief.example")
    client.force_login(other_user)
    body = {"body": "Hoe hebben jullie de buurtkamer geregeld?"}
    for _ in range(2):
        client.post(f"/collectieven/{recipient.slug}/bericht/", body)
    sent = len(mail.outbox)
    assert client.post(f"/collectieven/{recipient.slug}/bericht/", body).status_code == 429
    assert len(mail.outbox) == sent
    assert client.get(f"/collectieven/{recipient.slug}/bericht/").status_code == 200


def test_a_429_says_when_to_come_back(client, db, low_limits, ratelimit_clock):
    for n in range(2):
        client.post(
            "/account/registreren/",
            {"email": f"nieuw{n}@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
        client.logout()
    refused = client.post("/account/registreren/", {"email": "x@example.org"})
    assert refused.status_code == 429
    retry_after = int(refused["Retry-After"])
    assert 0 < retry_after <= 3600
    minutes = round(retry_after / 60)
    assert f"Wacht {minutes} minuten" in refused.content.decode() or minutes <= 1


def test_the_api_429_carries_retry_after_too(client, db, settings):
    settings.OPMARS_RATE_LIMITS = {**settings.OPMARS_RATE_LIMITS, "search": "2/m"}
    for n in range(2):  # different questions: a cached answer is not counted
        assert client.get(f"/api/v1/collectives?q=zorg{n}").status_code == 200
    refused = client.get("/api/v1/collectives?q=zorg9")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert refused.json()["errors"][0]["code"] == "te_veel_verzoeken"
