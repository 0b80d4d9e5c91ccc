"""Eva reads the estimate of the whole movement on the national monitor, and Carmen her
municipality's income per kind of collective: both accessible, both labelled."""

import pytest
from django.core.cache import cache

from tests.browser.conftest import check_accessibility, screenshot

pytestmark = pytest.mark.browser


def test_eva_reads_the_estimate_of_the_whole_movement(site, page):
    cache.clear()
    page.goto(site + "/monitor/?jaar=2025")
    check_accessibility(page, "monitor national movement")
    section = page.locator("#hele-beweging")
    section.scroll_into_view_if_needed()
    screenshot(page, "monitor-national-movement")
    estimate = page.locator("#schatting-hele-beweging")
    assert "een schatting, geen telling" in estimate.inner_text()
    assert "Laag" in estimate.inner_text() and "Hoog" in estimate.inner_text()
    comparison = page.locator("table", has_text="Collectieven per 1.000").first
    assert "Geschatte hele beweging (schatting)" in comparison.inner_text()
    zuil = page.locator("#nieuwe-zuil + .table-wrap table")
    assert "Geschatte hele beweging: leden (schatting)" in zuil.inner_text()
    page.locator("summary", has_text="Hoe we schatten").click()
    assert page.get_by_text("Schatting van Opmars, geen telling.").is_visible()


def test_carmen_sees_income_per_kind_with_who_reported_it(site, page):
    cache.clear()
    page.goto(site + "/monitor/gemeenten/GM0363/")
    check_accessibility(page, "monitor municipality finance")
    table = page.locator("#inkomsten-per-soort")
    table.scroll_into_view_if_needed()
    screenshot(page, "monitor-municipality-finance")
    assert "Alle soorten" in table.inner_text()
    page.locator("#inkomsten-per-soort thead a").nth(1).click()
    page.wait_for_url("**/monitor/definities/#income_by_kind")
    assert page.locator("#income_by_kind").is_visible()
