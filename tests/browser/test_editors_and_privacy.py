"""Anouk keeps her collective: she invites a co-editor, takes it off the public listing and reads
its audit log; anybody reads the privacy statement. Each page passes axe-core."""

import pytest

from opmars.accounts.models import User
from opmars.registry import actions
from tests.browser.conftest import check_accessibility, screenshot
from tests.conftest import collective_data

pytestmark = pytest.mark.browser
PASSWORD = "geheim-wachtwoord-1"


@pytest.fixture
def anouks_collective(site):
    anouk = User.objects.create_user(email="anouk@example.org", password=PASSWORD)
    return actions.create_collective(anouk, collective_data(name="Buurtkracht Browser"))


def sign_in(page, url):
    page.goto(url + "/account/inloggen/")
    page.fill("input[name=username]", "anouk@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def test_anouk_invites_unlists_and_reads_the_log(site, anouks_collective, page):
    sign_in(page, site)
    page.goto(f"{site}/collectieven/{anouks_collective.slug}/")
    page.get_by_role("link", name="Redactie en zichtbaarheid").click()
    page.get_by_label("E-mailadres van de nieuwe redacteur").fill("bram@example.org")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    assert "bram@example.org" in page.locator("main").inner_text()
    page.get_by_role("button", name="Van de openbare lijst halen").click()
    assert page.get_by_role("button", name="Weer openbaar vermelden").is_visible()
    check_accessibility(page, "editors page")
    screenshot(page, "editors")
    page.get_by_role("link", name="Logboek van dit collectief").click()
    log = page.locator("table").inner_text()
    assert "van de openbare lijst gehaald" in log and "redacteur uitgenodigd" in log
    check_accessibility(page, "audit log")


def test_the_privacy_statement_is_one_click_from_any_page(site, phone):
    phone.goto(site + "/")
    phone.get_by_role("link", name="Privacyverklaring").click()
    assert phone.get_by_role("heading", level=1).inner_text() == "Privacyverklaring"
    check_accessibility(phone, "privacy statement on a phone")
