"""Every page a person can reach by following links passes axe with no serious or critical
violation: logged out and as each demo role, on a desktop and a phone, in Dutch and in English.

Each role's crawl follows the links on the pages it finds, one page per URL pattern of the
site (the URL resolver names the pattern: one collective's page stands for all of them), and
checks each page in the four views: desktop and phone, each in Dutch and in English.

Downloads, the API other than its docs, and Django's admin (a third-party interface outside
our templates, staff only) are not pages of the site.
"""

import functools
from urllib.parse import urldefrag, urlsplit

import pytest
from django.urls import Resolver404, resolve
from playwright.sync_api import Error as PlaywrightError

from tests.browser.journeys.conftest import log_in

pytestmark = pytest.mark.browser

ROLES = {
    "bezoeker": None,
    "medewerker": "beheer@opmars.demo",
    "redacteur": "redacteur@opmars.demo",
    "netwerkbeheerder": "netwerk@opmars.demo",
    "gemeente": "gemeente@opmars.demo",
    "kennisdeler": "kennisdeler@opmars.demo",
}
VIEWS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "telefoon": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
LANGUAGES = ("nl", "en")
NOT_PAGES = ("/static/", "/media/", "/beheer/", "/i18n/", "/account/uitloggen/")
DOWNLOAD_ENDINGS = (
    *(".pdf", ".csv", ".png", ".svg", ".zip", ".json", ".jsonld", ".geojson", ".xlsx", ".ttl"),
)
MOST_PAGES = 150  # a bound on one role's crawl, far above the site's number of patterns


def _pattern(path):
    """The URL pattern a path belongs to, or None for what is not a page of the site."""
    if path.startswith("/api/"):
        return "api/v1/docs" if path.rstrip("/") == "/api/v1/docs" else None
    if path.startswith(NOT_PAGES) or path.lower().endswith(DOWNLOAD_ENDINGS):
        return None
    try:
        return resolve(path).route
    except Resolver404:
        return None


def _links(page, site_url):
    hrefs = page.eval_on_selector_all("a[href]:not([download])", "links => links.map(a => a.href)")
    for href in hrefs:
        url, _ = urldefrag(href)
        if url.startswith(site_url) and "format=" not in url and "download" not in url:
            yield url


def _crawl(page, site_url, check):
    """One URL per pattern reachable from the home page and the account page; `check` sees
    each page as it is found, so the first view costs no second visit."""
    found = {}
    queue = [site_url + "/", site_url + "/account/"]
    while queue and len(found) < MOST_PAGES:
        url = queue.pop(0)
        pattern = _pattern(urlsplit(url).path)
        if pattern is None or pattern in found:
            continue
        try:
            response = page.goto(url)
        except PlaywrightError:  # a download that is not named as one
            continue
        if (
            response is None
            or response.status != 200
            or "text/html" not in (response.headers.get("content-type", ""))
        ):
            continue
        found[pattern] = url
        check(url)
        queue += [link for link in _links(page, site_url) if link not in queue]
    return found


@functools.cache
def _axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()  # reads axe's script once, not once per page


def _serious_violations(page):
    results = _axe().run(page)
    return [
        f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:2]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _context(browser, site, role_email, view, language):
    context = browser.new_context(locale="nl-NL", **VIEWS[view])
    page = context.new_page()
    if role_email:
        log_in(page, site, role_email)
        assert "/account/inloggen/" not in page.url, f"{role_email} could not log in"
    context.add_cookies([{"name": "django_language", "value": language, "url": site.url}])
    return context, page


@pytest.mark.parametrize("role", ROLES)
def test_every_page_passes_axe(browser, installed_site, role):
    failures = []

    def check(page, view, language, url):
        failures.extend(f"{role} {view} {language} {url}: {v}" for v in _serious_violations(page))

    context, page = _context(browser, installed_site, ROLES[role], "desktop", "nl")
    pages = _crawl(page, installed_site.url, lambda url: check(page, "desktop", "nl", url))
    context.close()
    assert len(pages) >= 15, f"the crawl as {role} found only {sorted(pages)}"

    other_views = [(v, lang) for v in VIEWS for lang in LANGUAGES if (v, lang) != ("desktop", "nl")]
    for view, language in other_views:
        context, page = _context(browser, installed_site, ROLES[role], view, language)
        for url in sorted(pages.values()):
            page.goto(url)
            check(page, view, language, url)
        context.close()
    assert not failures, f"{len(failures)} serious violations:\n" + "\n".join(failures)
