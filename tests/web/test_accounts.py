"""Signing up, in and out, resetting a password, and the account overview."""

import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

User = get_user_model()
PASSWORD = "lang-en-uniek-wachtwoord-7"


def logged_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def test_signup_creates_the_account_and_logs_in(client, db):
    response = client.post(
        reverse("signup"),
        {"email": "Nieuw@Example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == reverse("account")
    user = User.objects.get(email="nieuw@example.org")
    assert user.check_password(PASSWORD)
    assert logged_in_user(client) == user


def test_signup_returns_to_where_you_were(client, db):
    response = client.post(
        reverse("signup") + "?next=/collectieven/nieuw/",
        {"email": "a@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response["Location"] == "/collectieven/nieuw/"
    response = client.post(
        reverse("signup"),
        {
            "email": "b@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "next": "https://elders.example.com/",
        },
    )
    assert response["Location"] == reverse("account")


def test_signup_errors_in_dutch(client, editor_user):
    html = client.post(
        reverse("signup"),
        {"email": editor_user.email.upper(), "password1": PASSWORD, "password2": "anders"},
    ).content.decode()
    assert "Er is al een account met dit e-mailadres." in html
    assert "De twee wachtwoorden zijn niet gelijk." in html
    html = client.post(
        reverse("signup"), {"email": "x@example.org", "password1": "123", "password2": "123"}
    ).content.decode()
    assert "Dit wachtwoord is te kort: gebruik minstens 8 tekens." in html
    assert "Dit wachtwoord bevat alleen cijfers." in html  # Django's own message, in Dutch
    assert "This password" not in html
    html = client.post(reverse("signup"), {"email": "geen-adres"}).content.decode()
    assert "Vul een geldig e-mailadres in" in html
    assert "Kies een wachtwoord." in html
    assert User.objects.count() == 1


def test_login_with_email_and_logout_with_post(client, editor_user):
    page = client.get(reverse("login")).content.decode()
    assert "E-mailadres" in page and 'autocomplete="current-password"' in page
    response = client.post(
        reverse("login"), {"username": editor_user.email, "password": "geheim-wachtwoord-1"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert logged_in_user(client) == editor_user
    assert "Mijn account" in client.get(reverse("home")).content.decode()

    assert client.get(reverse("logout")).status_code == 405  # logging out is a POST
    response = client.post(reverse("logout"), follow=True)
    assert logged_in_user(client) is None
    assert "Je bent uitgelogd." in response.content.decode()


def test_wrong_password_gets_a_plain_message(client, editor_user):
    html = client.post(
        reverse("login"), {"username": editor_user.email, "password": "fout"}
    ).content.decode()
    assert "Dit e-mailadres en wachtwoord horen niet bij elkaar." in html
    assert logged_in_user(client) is None


def test_password_reset_by_email(client, editor_user):
    response = client.post(reverse("password_reset"), {"email": editor_user.email})
    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [editor_user.email]
    assert message.subject == "Nieuw wachtwoord voor Opmars"
    link = re.search(r"http://testserver(/account/wachtwoord-instellen/\S+/)", message.body)
    assert link

    # The link leads to a form (Django swaps the token for a session step first).
    response = client.get(link.group(1), follow=True)
    assert "Nieuw wachtwoord kiezen" in response.content.decode()
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    assert response["Location"] == reverse("password_reset_complete")
    editor_user.refresh_from_db()
    assert editor_user.check_password(PASSWORD)


def test_new_password_errors_are_dutch_too(client, editor_user):
    client.force_login(editor_user)
    html = client.post(
        reverse("password_change"),
        {"old_password": "geheim-wachtwoord-1", "new_password1": "kort", "new_password2": "kort"},
    ).content.decode()
    assert "Dit wachtwoord is te kort: gebruik minstens 8 tekens." in html


def test_password_reset_does_not_reveal_unknown_addresses(client, db):
    response = client.post(reverse("password_reset"), {"email": "niemand@example.org"})
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_account_lists_the_collectives_you_edit(client, make_collective, editor_user, other_user):
    mine = make_collective(name="Mijn Coöperatie")
    make_collective(actor=other_user, name="Andermans Coöperatie")
    assert client.get(reverse("account")).status_code == 302  # login first
    client.force_login(editor_user)
    html = client.get(reverse("account")).content.decode()
    assert "Mijn Coöperatie" in html and "Andermans Coöperatie" not in html
    assert reverse("collective_edit", args=[mine.slug]) in html
    assert reverse("collective_facts", args=[mine.slug]) in html


def test_staff_account_says_everything_is_editable(client, make_collective, staff_user):
    make_collective(name="Een Coöperatie")
    client.force_login(staff_user)
    html = client.get(reverse("account")).content.decode()
    assert "Als medewerker kun je alle collectieven bewerken." in html
    assert "Een Coöperatie" in html
