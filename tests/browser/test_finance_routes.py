"""Financing routes in headless Chromium: a network admin adds a route through the form, and
the editor of a collective it fits sees it on the collective's page under "Financiering die
past", with its reason (on a phone); the municipality's report lists it. axe finds no serious
violation on the list, the form, the page and the report."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from opmars.accounts.models import User
from opmars.networks.models import Network
from opmars.registry import actions as registry_actions
from tests.browser.conftest import check_accessibility, screenshot
from tests.conftest import collective_data

pytestmark = pytest.mark.browser
PASSWORD = "geheim-wachtwoord-1"


def _sign_in(page, site, email):
    page.goto(site + "/account/inloggen/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def test_an_admin_adds_a_route_and_an_editor_sees_it_matched(site, page, phone):
    admin = User.objects.create_user(email="bram@example.org", password=PASSWORD)
    Network.objects.create(slug="energie", name="Energienetwerk", kind="thematisch").admins.add(
        admin
    )
    editor = User.objects.create_user(email="anouk@example.org", password=PASSWORD)
    coop = registry_actions.create_collective(
        editor,
        collective_data(name="Energie Oost Gelre", kind="energiecooperatie",
                        legal_form="cooperatie_ua", municipality="GM1586", founded_year=2025),
    )  # fmt: skip

    admin_page = page
    _sign_in(admin_page, site, "bram@example.org")
    admin_page.goto(site + "/financiering/")
    admin_page.get_by_role("link", name="Route toevoegen").click()
    admin_page.locator("h1", has_text="Route toevoegen").wait_for()
    check_accessibility(admin_page, "financieringsroute toevoegen")
    admin_page.fill("#id_name", "Startfonds Gelderse Energie")
    admin_page.fill("#id_provider", "Fonds Gelderse Energie")
    admin_page.select_option("#id_route_type", "fonds")
    admin_page.select_option("#id_level", "provinciaal")
    admin_page.fill("#id_area", "Gelderland")
    admin_page.get_by_label("Energiecoöperatie of energiecollectief").check()
    admin_page.get_by_label("Coöperatie U.A.").check()
    admin_page.get_by_label("Startfase").check()
    admin_page.fill("#id_amount_min", "5000")
    admin_page.fill("#id_amount_max", "50000")
    admin_page.get_by_label("Doorlopend (geen sluitdatum)").check()
    # First without a source: refused, the field named, nothing saved.
    admin_page.locator("main button[type=submit]").click()
    summary = admin_page.locator(".error-summary")
    assert "Bron" in summary.inner_text() and "Vul de bron in" in summary.inner_text()
    check_accessibility(admin_page, "financieringsroute met fout")
    admin_page.fill("#id_source_url", "https://www.example.org/startfonds")
    admin_page.locator("main button[type=submit]").click()
    admin_page.locator("h1", has_text="Startfonds Gelderse Energie").wait_for()
    assert "€\u00a05.000 tot en met €\u00a050.000" in admin_page.locator("main").inner_text()
    check_accessibility(admin_page, "financieringsroute")
    admin_page.goto(site + "/financiering/?soort=energiecooperatie&gemeente=GM1586")
    assert admin_page.locator(".finance-routes h3").inner_text() == "Startfonds Gelderse Energie"
    check_accessibility(admin_page, "financieringsroutes")
    screenshot(admin_page, "finance-routes-list")

    editor_page = phone  # another browser context: its own sign-in, at phone width
    _sign_in(editor_page, site, "anouk@example.org")
    editor_page.goto(site + coop.get_absolute_url())
    section = editor_page.locator("section[aria-labelledby='financiering-die-past']")
    section.locator(".finance-matches li").wait_for()  # loaded by htmx
    text = section.inner_text()
    assert "Startfonds Gelderse Energie" in text
    assert (
        "past: energiecoöperatie of energiecollectief, coöperatie U.A., Gelderland, startfase"
        in text
    )
    check_accessibility(editor_page, "collectief met financiering die past")
    section.scroll_into_view_if_needed()
    screenshot(editor_page, "finance-routes-collective")
    # The municipality's report shows the route among the ones that fit its collectives.
    year = timezone.localdate().year
    admin_page.goto(f"{site}/monitor/gemeenten/GM1586/rapport/?jaar={year}")
    routes = admin_page.locator("#vier-vragen table", has_text="Past bij")
    expect(routes).to_contain_text("Startfonds Gelderse Energie")
    row = routes.locator("tbody tr", has_text="Startfonds Gelderse Energie")
    assert row.locator("td").first.inner_text() == "1"  # fits Energie Oost Gelre
    check_accessibility(admin_page, "gemeenterapport met financieringsroutes")
