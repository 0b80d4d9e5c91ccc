"""/api/v1/docs as a developer reads it: in the site's layout and language, readable on a phone,
every link on the page landing, 0 serious axe violations and nothing against the CSP."""

import pytest

from tests.browser.conftest import check_accessibility, screenshot

pytestmark = pytest.mark.browser

RECORD_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", e => window.__csp.push(e.violatedDirective));
"""


@pytest.fixture
def docs_url(answered_live_server):
    return answered_live_server.url + "/api/v1/docs"


def read_docs(page, url, name):
    page.add_init_script(RECORD_CSP)
    page.goto(url)
    assert page.evaluate("window.__csp") == [], name
    check_accessibility(page, name)
    screenshot(page, name)


def test_the_docs_page_on_a_desktop(docs_url, page):
    read_docs(page, docs_url, "api-docs-desktop")
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert page.get_by_role("heading", level=1, name="API-documentatie").is_visible()
    # From the table of contents to one endpoint, with its parameters, body and answers.
    page.get_by_role("navigation", name="Inhoud").get_by_role(
        "link", name="PUT /api/v1/collectives/{slug}/facts/{year}"
    ).click()
    heading = page.locator("#op-put_yearly_facts")
    assert heading.is_visible() and heading.bounding_box()["y"] < 300
    operation = page.locator("section[aria-labelledby=op-put_yearly_facts]")
    assert operation.get_by_text("Schrijftoken nodig.").is_visible()
    assert operation.locator("dt", has_text="members").is_visible()
    assert operation.locator("dt", has_text="422").is_visible()
    # The body's schema is a link to its description further down.
    operation.get_by_role("link", name="YearlyFactsIn").click()
    assert page.locator("#schema-yearlyfactsin").is_visible()


def test_the_docs_page_on_a_phone_in_english(docs_url, phone):
    read_docs(phone, docs_url, "api-docs-phone")
    # Nothing wider than the screen: long paths and value lists wrap.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.get_by_role("button", name="English").click()
    phone.wait_for_url(docs_url)
    assert phone.evaluate("document.documentElement.lang") == "en"
    check_accessibility(phone, "api-docs-phone-english")
    # The schema's texts are English on a Dutch page and say so.
    phone.get_by_role("button", name="Nederlands").click()
    phone.wait_for_url(docs_url)
    summary = phone.locator("#op-list_collectives + p.api-summary")
    assert summary.get_attribute("lang") == "en"
