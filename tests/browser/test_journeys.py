"""The main pages as people use them, in headless Chromium, each checked with axe-core."""

import json

import pytest
from playwright.sync_api import expect

from opmars.accounts.models import User
from opmars.registry.models import Collective
from tests.browser.conftest import check_accessibility, screenshot

pytestmark = pytest.mark.browser


def test_search_the_directory_and_open_a_collective(site, page):
    page.goto(site + "/")
    check_accessibility(page, "home")
    page.goto(site + "/collectieven/?kind=energiecooperatie")
    check_accessibility(page, "directory")
    screenshot(page, "directory")
    results = page.locator("ol.results > li")
    expected = Collective.objects.filter(kind="energiecooperatie").count()
    assert expected > 0
    assert page.get_by_text(f"{expected} collectieven gevonden").is_visible()
    assert "Fictief voorbeeld" in results.first.inner_text()

    results.first.locator("a").first.click()
    page.wait_for_load_state()
    assert "/collectieven/" in page.url
    check_accessibility(page, "collective page")
    data = json.loads(page.locator('script[type="application/ld+json"]').inner_text())
    assert data["@type"] == "Organization"
    assert page.locator("table").count() >= 1  # the yearly facts table


def test_filters_give_a_shareable_url(site, page):
    page.goto(site + "/collectieven/")
    page.get_by_label("Zoekwoord").fill("zorg")
    page.get_by_label("Zoekwoord").press("Enter")
    page.wait_for_url("**q=zorg**")
    shared = page.url
    count_text = page.locator("#results-count").inner_text()
    page.goto(shared)
    assert page.locator("#results-count").inner_text() == count_text


def test_map_shows_aggregates_offline(site, page):
    external = []
    page.on(
        "request",
        lambda r: external.append(r.url) if not r.url.startswith(site) else None,
    )
    page.goto(site + "/kaart/")
    page.wait_for_selector("path.leaflet-interactive", timeout=15000)
    with_collectives = Collective.objects.values("municipality_id").distinct().count()
    # One circle per municipality with collectives, drawn over the 342 offline outlines.
    # (Waits through locators: the site's CSP forbids the string evaluation wait_for_function uses.)
    expect(page.locator("path.leaflet-interactive").nth(with_collectives - 1)).to_be_attached()
    # The offline base layer: 342 municipality and 12 province outlines.
    expect(page.locator(".leaflet-outlines-pane path").nth(354 - 1)).to_be_attached()
    check_accessibility(page, "map")
    screenshot(page, "map")
    assert not [u for u in external if not u.startswith("data:")], external
    assert page.get_by_role("link", name="Bekijk als lijst").is_visible()


def test_area_pages(site, page):
    page.goto(site + "/gemeenten/GM0363/")
    assert page.get_by_role("heading", level=1).inner_text() == "Gemeente Amsterdam"
    check_accessibility(page, "municipality")
    page.goto(site + "/provincies/PV27/")
    check_accessibility(page, "province")
    page.goto(site + "/gemeenten/")
    check_accessibility(page, "municipality list")


def test_register_a_collective_on_a_phone(site, phone):
    User.objects.create_user(email="anouk@example.org", password="geheim-wachtwoord-1")
    phone.goto(site + "/collectieven/nieuw/")
    phone.get_by_label("E-mailadres").fill("anouk@example.org")
    phone.get_by_label("Wachtwoord").fill("geheim-wachtwoord-1")
    phone.get_by_role("button", name="Inloggen").click()
    phone.wait_for_url("**/collectieven/nieuw/")
    check_accessibility(phone, "registration form")

    phone.get_by_label("Naam").fill("Buurtcoöperatie De Test")
    phone.get_by_label("KvK-nummer").fill("123")
    phone.get_by_role("button", name="Aanmelden", exact=True).click()
    assert phone.get_by_text("precies 8 cijfers").first.is_visible()
    screenshot(phone, "form-errors-phone")
    assert not Collective.objects.filter(name="Buurtcoöperatie De Test").exists()

    phone.get_by_label("KvK-nummer").fill("12345678")
    phone.get_by_label("Gemeente (vestigingsplaats)").fill("Appingedam")
    phone.get_by_role("button", name="Aanmelden", exact=True).click()
    phone.wait_for_url("**/collectieven/buurtcooperatie-de-test/")
    assert phone.get_by_text("Eemsdelta").first.is_visible()
    screenshot(phone, "collective-phone")
