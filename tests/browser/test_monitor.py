"""Carmen's and Eva's journeys through the monitor, in headless Chromium with axe-core."""

import pytest
from django.core.cache import cache

from tests.browser.conftest import check_accessibility, screenshot

pytestmark = pytest.mark.browser


def test_carmen_compares_her_municipality_and_opens_the_report(site, page):
    cache.clear()
    page.goto(site + "/monitor/gemeenten/GM0363/")
    check_accessibility(page, "monitor municipality")
    screenshot(page, "monitor-municipality")
    assert page.get_by_text("Fictieve cijfers.").is_visible()
    comparison = page.locator("table", has_text="Collectieven per 1.000").first
    assert "Noord-Holland" in comparison.inner_text()
    assert "Nederland" in comparison.inner_text()
    page.locator("a", has_text="actieve collectieven op 31 december").click()
    page.wait_for_url("**/monitor/definities/#active_collectives")
    assert page.locator("#active_collectives").is_visible()

    page.goto(site + "/monitor/gemeenten/GM0363/rapport/")
    check_accessibility(page, "monitor report")
    assert page.locator("h1").inner_text().startswith("Burgercollectieven in Amsterdam")
    with page.expect_download() as download:
        page.get_by_text("Download als PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")


def test_eva_checks_the_nieuwe_zuil_claim(site, page):
    cache.clear()
    page.goto(site + "/monitor/")
    check_accessibility(page, "monitor national")
    screenshot(page, "monitor-national")
    table = page.locator("#nieuwe-zuil + .table-wrap table")
    assert "Vakbonden (alle)" in table.inner_text()
    assert page.get_by_text("Wat je wel en niet kunt vergelijken").is_visible()
    # The choropleth draws municipalities on the offline outlines.
    page.wait_for_selector("#choropleth path.leaflet-interactive", timeout=15000)
    page.get_by_text("Tabel met dezelfde cijfers per gemeente").click()
    assert page.locator("td.num").count() > 300
