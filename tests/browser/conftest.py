"""Browser tests: Playwright driving the system Chromium against a live server.

Without Chromium these tests skip themselves, except under CI=true, where they fail; the same for
poppler-utils (pdfinfo, pdftotext, pdftoppm), with which the journeys look at the PDFs.
"""

import os
import shutil
import threading

import pytest
from django.core.signals import request_finished, request_started

from opmars.registry.demo import generate_demo

# Playwright's sync API runs an event loop in this thread; Django's ORM would refuse to run
# next to it, although the test's own DB work is synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS_DIR = os.environ.get("OPMARS_SCREENSHOT_DIR")


def _missing(what, package):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{what} is missing; CI must run the browser tests (apt install {package})")
    pytest.skip(f"{what} not installed (Debian package '{package}')")


@pytest.fixture(scope="session")
def poppler():
    """pdfinfo, pdftotext and pdftoppm, to read and render a downloaded PDF."""
    if not all(shutil.which(tool) for tool in ("pdfinfo", "pdftotext", "pdftoppm")):
        _missing("poppler-utils", "poppler-utils")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM:
        _missing("Chromium", "chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="nl-NL"
    )
    page = context.new_page()
    yield page
    context.close()


class RequestsInFlight:
    """Counts the requests the live server has started and not yet finished."""

    def __init__(self):
        self.count = 0
        self.changed = threading.Condition()

    def started(self, **kwargs):
        with self.changed:
            self.count += 1

    def finished(self, **kwargs):
        with self.changed:
            self.count -= 1
            self.changed.notify_all()

    def wait_until_none(self, seconds):
        with self.changed:
            return self.changed.wait_for(lambda: self.count <= 0, timeout=seconds)


@pytest.fixture
def answered_live_server(live_server, transactional_db):
    """The live server, which has finished every request the browser started before the test's
    database is emptied: a request still reading a table when the flush deletes from it fails the
    flush on SQLite's shared in-memory database ("database table is locked")."""
    in_flight = RequestsInFlight()
    request_started.connect(in_flight.started)
    request_finished.connect(in_flight.finished)
    yield live_server
    answered = in_flight.wait_until_none(seconds=30)
    request_started.disconnect(in_flight.started)
    request_finished.disconnect(in_flight.finished)
    assert answered, f"{in_flight.count} request(s) still unanswered 30 s after the test"


@pytest.fixture
def site(answered_live_server, reference_data_after_flush):
    """A live site with reference data and 200 fictitious collectives."""
    generate_demo(200, seed=11)
    return answered_live_server.url


def check_accessibility(page, name):
    """axe-core on the page: no serious or critical violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, f"{name}: " + "; ".join(serious)


def screenshot(page, name):
    if SHOTS_DIR:
        os.makedirs(SHOTS_DIR, exist_ok=True)
        page.screenshot(path=os.path.join(SHOTS_DIR, f"{name}.png"), full_page=True)


TEST_PASSWORD = "geheim-wachtwoord-1"


def sign_in(page, site, email, password=TEST_PASSWORD):
    """Log in through the login form, as a person does."""
    page.goto(site + "/account/inloggen/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
