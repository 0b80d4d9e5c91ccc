"""The main pages run under the Content-Security-Policy without a single violation, and their
interactive parts (map, htmx filters, charts) still work without inline script or style."""

import pytest
from playwright.sync_api import expect

from opmars.accounts.models import User
from opmars.networks.models import Network
from opmars.registry.models import Collective

pytestmark = pytest.mark.browser
PASSWORD = "geheim-wachtwoord-1"

# Runs before any page script; CSP does not apply to scripts injected by the browser driver.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline") +
    " at " + e.sourceFile + ":" + e.lineNumber);
});
"""


@pytest.fixture
def watched(page):
    """The page, recording CSP violations from events and from the console."""
    page.add_init_script(RECORD_VIOLATIONS)
    console = []
    page.on(
        "console",
        lambda msg: console.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    page.csp_console = console
    return page


def assert_no_violations(page, name):
    page.wait_for_load_state("networkidle")
    events = page.evaluate("window.__cspViolations")
    assert not events and not page.csp_console, f"{name}: {events} {page.csp_console}"


def visit(page, url, name):
    response = page.goto(url)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert_no_violations(page, name)


def test_public_pages_have_no_csp_violations(site, watched):
    collective = Collective.objects.filter(is_demo=True).order_by("pk").first()
    network = Network.objects.filter(is_demo=True).order_by("pk").first()
    pages = {
        "home": "/",
        "directory": "/collectieven/",
        "collective": collective.get_absolute_url(),
        "monitor": "/monitor/",
        "monitor municipality": f"/monitor/gemeenten/{collective.municipality.code}/",
        "monitor report": f"/monitor/gemeenten/{collective.municipality.code}/rapport/",
        "calculator": "/rekenhulp/",
        "network": network.get_absolute_url(),
        "peers": collective.get_absolute_url() + "leer-van-elkaar/",
    }
    for name, path in pages.items():
        visit(watched, site + path, name)


def test_the_map_renders_under_the_policy(site, watched):
    visit(watched, site + "/kaart/", "map")
    watched.wait_for_selector("path.leaflet-interactive", timeout=15000)
    # Zoomed into one municipality the map draws coloured markers from the .kind-* classes.
    collective = Collective.objects.filter(is_demo=True).order_by("pk").first()
    visit(watched, f"{site}/kaart/?municipality={collective.municipality.code}", "map zoomed")
    watched.wait_for_selector(".leaflet-pane path, .kind-marker span", timeout=15000)
    assert_no_violations(watched, "map after drawing")


def test_pages_visited_again_keep_their_styles(site, watched):
    """The second visit may come from the server's page cache and the browser's own: the
    palette colours (a <style> with the nonce) must still apply."""
    swatch = "getComputedStyle(document.querySelector('[class*=kind-]')).backgroundColor"
    for visit_number in (1, 2, 3):
        visit(watched, site + "/kaart/", f"map, visit {visit_number}")
        assert watched.evaluate(swatch) not in ("rgba(0, 0, 0, 0)", "transparent")


def test_htmx_filters_update_the_list_under_the_policy(site, watched):
    visit(watched, site + "/collectieven/", "directory")
    before = watched.locator("#results-count").inner_text()
    watched.select_option("#filters select[name=kind]", "energiecooperatie")
    expect(watched.locator("#results-count")).not_to_have_text(before)
    assert "kind=energiecooperatie" in watched.url
    assert_no_violations(watched, "directory after filtering")


def test_the_import_page_as_staff(site, watched):
    User.objects.create_user(email="staf@example.org", password=PASSWORD, is_staff=True)
    watched.goto(site + "/account/inloggen/")
    watched.fill("input[name=username]", "staf@example.org")
    watched.fill("input[name=password]", PASSWORD)
    watched.locator("main button[type=submit]").click()
    watched.wait_for_load_state()
    visit(watched, site + "/import/", "import")
    visit(watched, site + "/import/dubbelen/", "duplicates")
