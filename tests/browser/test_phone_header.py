"""The header on a phone: one short row, the menu folded behind "Menu" (a <details>, so it works
by keyboard and without script), and on a wide screen the same links as always."""

import pytest

from opmars.accounts.models import User
from tests.browser.conftest import check_accessibility, screenshot

pytestmark = pytest.mark.browser
PASSWORD = "geheim-wachtwoord-1"
# The page's own content starts within this many pixels of the top of a 390 × 844 phone
# (it was 330 with the menu always open).
PHONE_HEADER_MAX = 120

MAIN_TOP = "document.querySelector('main').getBoundingClientRect().top"
FOCUS_RING = """() => {
  const style = getComputedStyle(document.activeElement);
  return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
}"""


def menu_button(page):
    return page.locator("summary.menu-button")


def tab_to(page, selector, limit=10):
    """Press Tab until the element matching selector has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"{selector} not reached with Tab")


def test_on_a_phone_the_content_starts_near_the_top(site, phone):
    phone.goto(site + "/")
    assert phone.evaluate(MAIN_TOP) <= PHONE_HEADER_MAX
    assert menu_button(phone).is_visible()
    assert not phone.get_by_role("link", name="Gemeenten").is_visible()
    # The language switch stays in the top row.
    assert phone.get_by_role("button", name="English").is_visible()
    check_accessibility(phone, "phone header, menu closed")
    screenshot(phone, "header-phone-closed")


def test_the_menu_opens_by_keyboard_and_its_links_work(site, phone):
    phone.goto(site + "/")
    tab_to(phone, "summary.menu-button")
    assert phone.evaluate(FOCUS_RING), "the Menu button shows where the focus is"
    phone.keyboard.press("Enter")
    assert phone.locator("details.site-menu").evaluate("d => d.open")
    navigation = phone.get_by_role("navigation", name="Hoofdmenu")
    for label in ["Collectieven", "Kaart", "Gemeenten", "Kennis", "Aanmelden"]:
        assert navigation.get_by_role("link", name=label, exact=True).is_visible(), label
    assert phone.get_by_role("link", name="Inloggen").is_visible()
    check_accessibility(phone, "phone header, menu open")
    screenshot(phone, "header-phone-open")

    # Into the menu and back out with Escape: the focus returns to the button.
    tab_to(phone, ".site-menu-panel a")
    assert phone.evaluate(FOCUS_RING), "a menu link shows where the focus is"
    phone.keyboard.press("Escape")
    assert not phone.locator("details.site-menu").evaluate("d => d.open")
    assert phone.evaluate("document.activeElement.matches('summary.menu-button')")

    menu_button(phone).click()
    navigation.get_by_role("link", name="Gemeenten").click()
    phone.wait_for_url("**/gemeenten/")
    # A new page starts with the menu folded away again.
    assert phone.evaluate(MAIN_TOP) <= PHONE_HEADER_MAX
    assert not navigation.get_by_role("link", name="Gemeenten").is_visible()


def test_logged_in_the_account_links_are_in_the_menu(site, phone):
    User.objects.create_user(email="anouk@example.org", password=PASSWORD)
    phone.goto(site + "/")
    menu_button(phone).click()
    phone.get_by_role("link", name="Inloggen").click()
    phone.get_by_label("E-mailadres").fill("anouk@example.org")
    phone.get_by_label("Wachtwoord").fill(PASSWORD)
    phone.locator("main").get_by_role("button", name="Inloggen").click()
    phone.wait_for_load_state()
    assert phone.evaluate(MAIN_TOP) <= PHONE_HEADER_MAX
    assert not phone.get_by_role("link", name="Mijn account").is_visible()
    menu_button(phone).click()
    assert phone.get_by_role("button", name="Uitloggen").is_visible()
    phone.get_by_role("link", name="Mijn account").click()
    phone.wait_for_url("**/account/")
    check_accessibility(phone, "account page on a phone")


def test_the_menu_works_without_javascript(site, browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        locale="nl-NL",
        java_script_enabled=False,
    )
    phone = context.new_page()
    try:
        phone.goto(site + "/kaart/")
        assert phone.evaluate(MAIN_TOP) <= PHONE_HEADER_MAX
        menu_button(phone).click()
        link = phone.get_by_role("navigation", name="Hoofdmenu").get_by_role(
            "link", name="Provincies"
        )
        assert link.is_visible()
        link.click()
        phone.wait_for_url("**/provincies/")
    finally:
        context.close()


def test_on_a_wide_screen_the_menu_is_always_shown(site, page):
    page.goto(site + "/")
    assert not menu_button(page).is_visible()
    navigation = page.get_by_role("navigation", name="Hoofdmenu")
    for label in ["Collectieven", "Kaart", "Monitor", "Kennis", "Aanmelden"]:
        assert navigation.get_by_role("link", name=label, exact=True).is_visible(), label
    assert page.get_by_role("link", name="Inloggen").is_visible()
    assert page.get_by_role("button", name="English").is_visible()
    # Logo row and the blue bar in one line each, as before.
    nav_box = navigation.bounding_box()
    assert nav_box["width"] >= 1000 and nav_box["height"] < 70
    tab_to(page, ".main-nav a")
    assert page.evaluate(FOCUS_RING)
    check_accessibility(page, "desktop header")
    screenshot(page, "header-desktop")
