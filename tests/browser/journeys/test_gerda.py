"""Journey 7 (JOURNEYS.md): Gerda, platform staff, at her desk (beheer@opmars.demo; the demo
runs without two-step verification for staff).

She verifies newly registered collectives from the queue of new and changed registrations,
resolves a duplicate that two networks both imported (the demo plants such pairs, and the
duplicates page says how many of them the search finds), with a confirmation and a permanent
redirect from the merged-away address, and publishes a new CO₂ price as a new version of the
proxy library after a preview of the reports it would change. An old published report keeps
the version it was computed with, and its amounts, and says that a newer version exists.

Start state: opmars/dataio/demo.py. Everything goes through the browser and HTTP.
"""

import re

import pytest

from tests.browser.conftest import check_accessibility, screenshot
from tests.browser.journeys.conftest import log_in

pytestmark = pytest.mark.browser

GERDA = "beheer@opmars.demo"
NEW = "Energiecoöperatie Zonnig Zeewolde (fictief)"
CHANGED = "Buurtfonds De Pijp (fictief)"
TWIN = "Dorpshuis De Schakel"
NETWORKS = (
    "Netwerk Kleine Kernen Groningen (fictief)",
    "Vereniging Dorpshuizen Nederland (fictief)",
)
CO2_PRICE = re.compile(r"^CO₂-prijs \(schaduwprijs")


def _verify(page, name):
    item = page.locator("ul.results > li").filter(has=page.get_by_role("link", name=name))
    item.get_by_role("button", name=re.compile(r"^Verifiëren")).click()
    page.wait_for_load_state()
    assert page.get_by_text(f"{name} is geverifieerd.").is_visible()
    assert page.locator("ul.results").get_by_role("link", name=name).count() == 0


def _verifies_registrations(page, site):
    page.goto(site + "/account/")
    page.get_by_role("link", name="Nieuwe aanmeldingen verifiëren").click()
    page.wait_for_url("**/account/aanmeldingen/")
    check_accessibility(page, "verification queue")
    screenshot(page, "gerda-1-queue")
    queue = page.locator("ul.results")
    new = queue.locator("li").filter(has=page.get_by_role("link", name=NEW))
    changed = queue.locator("li").filter(has=page.get_by_role("link", name=CHANGED))
    assert new.locator(".badge").inner_text() == "nieuw"
    assert changed.locator(".badge").inner_text() == "gewijzigd"
    assert "Gewijzigd na verificatie" in changed.inner_text()
    _verify(page, NEW)
    _verify(page, CHANGED)


def _resolves_the_twin(page, site):
    page.goto(site + "/account/")
    page.get_by_role("link", name="Mogelijke dubbelen beoordelen").click()
    page.wait_for_url("**/import/dubbelen/")
    # The search's recall on the pairs the demo planted, said on the page.
    recall = page.get_by_text(re.compile(r"dubbele paren die de demo met opzet bevat"))
    found, planted, percent = map(int, re.findall(r"\d+", recall.inner_text()))
    assert found == planted and percent == 100, recall.inner_text()
    page.get_by_label("Zoek op naam of gemeente").fill(TWIN)
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_url("**q=*")
    check_accessibility(page, "duplicates search")
    screenshot(page, "gerda-2-duplicates")
    pair = page.locator("section.group").filter(has_text=f"{TWIN} / {TWIN}")
    assert pair.count() == 1
    assert "dezelfde naam in dezelfde gemeente" in pair.inner_text()
    for network in NETWORKS:  # imported by both networks, as each record's source says
        assert f"import door {network}" in pair.inner_text()
    first, second = (a.get_attribute("href") for a in pair.locator("ul li > a").element_handles())
    pair.get_by_role("link", name=re.compile(r"^Samenvoegen, houd")).first.click()
    page.wait_for_url("**/samenvoegen/eerste/")
    check_accessibility(page, "merge confirmation")
    screenshot(page, "gerda-3-merge-confirmation")
    page.get_by_role("button", name="Ja, samenvoegen").click()
    page.wait_for_url("**/import/dubbelen/")
    said = page.locator(".message").first.inner_text()
    assert f"Samengevoegd: {TWIN} ({first}) blijft bestaan" in said
    assert f"Het oude adres {second} leidt er nu naartoe." in said
    moved = page.request.get(site + second, max_redirects=0)
    assert moved.status == 301 and moved.headers["location"] == first
    page.goto(site + second)
    assert page.url == site + first
    check_accessibility(page, "kept record")
    # The kept record is a member of both networks now.
    for network in NETWORKS:
        assert page.get_by_role("link", name=network).count() >= 1


def _report_value(page, site, address):
    """A report's section and the sentence of its value, as its page says them now."""
    path, _hash, year = address.partition("#")
    page.goto(site + path)  # the whole page again: a change of #fragment alone reloads nothing
    section = page.locator(f"#{year}")
    return section, section.locator("p.how").inner_text()


def _publishes_a_new_co2_price(page, site):
    page.goto(site + "/impact/bibliotheek/")
    check_accessibility(page, "proxy library")
    proxy = page.get_by_role("group", name=CO2_PRICE)
    old_value = proxy.get_by_label("Waarde", exact=True).input_value()
    assert old_value == "0,13"
    proxy.get_by_label("Waarde", exact=True).fill("0,16")
    proxy.get_by_label("Hoog", exact=False).fill("0,2")
    proxy.get_by_label("Bron van de nieuwe waarde").fill(
        "Handboek Milieuprijzen 2026 (fictief voorbeeld), tabel 3.1"
    )
    page.get_by_label("Reden voor deze nieuwe versie").fill(
        "Nieuwe CO₂-prijs uit het Handboek Milieuprijzen 2026"
    )
    page.get_by_role("button", name="Bekijk wat er verandert").click()
    page.wait_for_load_state()
    preview = page.locator(".library-preview")
    assert preview.get_by_role("heading", name="Wat versie 2 verandert").is_visible()
    assert "Nog niets opgeslagen." in preview.inner_text()
    assert re.search(r"\d+ gepubliceerde rapportages? (gebruikt|gebruiken)", preview.inner_text())
    check_accessibility(page, "proxy library preview")
    screenshot(page, "gerda-4-library-preview")
    report = preview.locator("table.library-reports tbody tr").first
    assert "berekend met versie 1" in report.inner_text()
    address = report.get_by_role("link").get_attribute("href")

    # She opens that report in a new tab, as it is before the new version.
    reader = page.context.new_page()
    _section, before = _report_value(reader, site, address)

    page.get_by_role("button", name="Publiceer versie 2").click()
    page.wait_for_load_state()
    assert page.get_by_text("Versie 2 van de proxybibliotheek is gepubliceerd.").is_visible()
    versions = page.locator("#versies + ul").inner_text()
    assert re.search(r"Versie 2, .*: Nieuwe CO₂-prijs uit het Handboek Milieuprijzen", versions)
    screenshot(page, "gerda-5-library-published")

    section, after = _report_value(reader, site, address)
    assert after == before, "a published report changed with the new library version"
    note = section.locator(".newer-library")
    assert "Er is een nieuwere versie van de proxybibliotheek (versie 2" in note.inner_text()
    assert "berekend met versie 1" in note.inner_text()
    check_accessibility(reader, "old report after the new version")
    screenshot(reader, "gerda-6-old-report")
    reader.close()


def test_gerda_verifies_resolves_a_duplicate_and_publishes_a_new_co2_price(page, installed_site):
    site = installed_site.url
    log_in(page, installed_site, GERDA)
    _verifies_registrations(page, site)
    _resolves_the_twin(page, site)
    _publishes_a_new_co2_price(page, site)
