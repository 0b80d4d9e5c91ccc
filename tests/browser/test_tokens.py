"""Anouk makes an API token for her member administration in the browser, copies the secret that
is shown once, and revokes it again. The page passes axe-core, on a desktop and a phone."""

import re

import pytest

from opmars.accounts.models import User
from opmars.api.models import ApiToken, token_hash
from tests.browser.conftest import check_accessibility, screenshot

pytestmark = pytest.mark.browser
PASSWORD = "geheim-wachtwoord-1"


@pytest.fixture
def anouk(answered_live_server):
    return User.objects.create_user(email="anouk@example.org", password=PASSWORD)


def sign_in(page, url):
    page.goto(url + "/account/inloggen/")
    page.fill("input[name=username]", "anouk@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def test_anouk_makes_and_revokes_a_token(answered_live_server, anouk, page):
    sign_in(page, answered_live_server.url)
    page.goto(answered_live_server.url + "/account/")
    page.get_by_role("link", name="API-sleutels").click()
    assert page.get_by_role("heading", level=1).inner_text() == "API-sleutels"

    page.get_by_label("Naam").fill("Ledenadministratie")
    page.get_by_label("Lezen en schrijven").check()
    page.get_by_role("button", name="Sleutel maken").click()
    secret = page.locator("#new-secret").inner_text()
    assert ApiToken.objects.get(user=anouk).secret_hash == token_hash(secret)
    check_accessibility(page, "token created")
    screenshot(page, "tokens-created")

    page.goto(answered_live_server.url + "/account/tokens/")
    assert secret not in page.content()
    page.get_by_role("button", name=re.compile(r"Intrekken\W+Ledenadministratie")).click()
    assert "is ingetrokken" in page.locator(".messages").inner_text()
    assert "Ingetrokken op" in page.locator("table").inner_text()
    screenshot(page, "tokens-revoked")


def test_the_token_page_fits_a_phone(answered_live_server, anouk, phone):
    sign_in(phone, answered_live_server.url)
    phone.goto(answered_live_server.url + "/account/tokens/")
    phone.get_by_label("Naam").fill("Telefoon")
    phone.get_by_role("button", name="Sleutel maken").click()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    check_accessibility(phone, "token page on a phone")
    screenshot(phone, "tokens-phone")
