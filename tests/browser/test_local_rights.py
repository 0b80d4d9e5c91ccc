"""The local rights pages in headless Chromium, at desktop and phone width: /lokale-rechten/ with
its map and table, a province page, and the section on a municipality page. axe finds no
serious violation; the map needs no script; fictitious entries say so; a phone does not have
to scroll sideways for the page itself (wide tables scroll in their own region)."""

import pytest

from opmars.rights.demo import generate_demo as generate_rights
from opmars.rights.models import LocalRight
from tests.browser.conftest import check_accessibility, screenshot

pytestmark = pytest.mark.browser


def _no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1, width


@pytest.mark.parametrize("viewer", ["page", "phone"])
def test_the_national_summary(site, viewer, request):
    generate_rights(seed=11)
    browser_page = request.getfixturevalue(viewer)
    browser_page.goto(f"{site}/lokale-rechten/?recht=buurtrechten")
    assert browser_page.locator("h1").inner_text() == "Lokale rechten per gemeente"
    figure = browser_page.locator("svg.rights-map")
    assert figure.get_attribute("role") == "img"
    assert "Buurtrechten" in figure.get_attribute("aria-label")
    assert figure.bounding_box()["width"] > 300
    current = browser_page.locator(".rights-tabs a[aria-current='page']")
    assert current.inner_text() == "Buurtrechten"
    assert browser_page.locator("table.rights-provinces tbody tr").count() == 12
    assert browser_page.get_by_role("note").first.inner_text().startswith("Bevat fictieve")
    check_accessibility(browser_page, f"lokale-rechten ({viewer})")
    _no_sideways_scroll(browser_page)
    screenshot(browser_page, f"local-rights-{viewer}")
    browser_page.locator("table.rights-provinces a", has_text="Utrecht").click()
    browser_page.locator("h1", has_text="Lokale rechten in Utrecht").wait_for()
    check_accessibility(browser_page, f"lokale-rechten provincie ({viewer})")
    _no_sideways_scroll(browser_page)


@pytest.mark.parametrize("viewer", ["page", "phone"])
def test_the_section_on_a_municipality_page(site, viewer, request):
    generate_rights(seed=11)
    browser_page = request.getfixturevalue(viewer)
    real = LocalRight.objects.get(municipality_id="GM0865", right="uitdaagrecht")
    browser_page.goto(f"{site}/gemeenten/GM0865/#lokale-rechten")
    section = browser_page.locator("#lokale-rechten")
    assert section.locator("h2").inner_text() == "Lokale rechten"
    rows = section.locator("table tbody tr")
    assert rows.count() == 3
    first = rows.nth(0).inner_text()
    assert "Uitdaagrecht" in first and "ja" in first and "1 januari 2025" in first
    assert section.locator(f"a[href='{real.source_url}']").count() == 1
    assert "onbekend" in rows.nth(1).inner_text()  # no entry: unknown, not "nee"
    check_accessibility(browser_page, f"gemeente lokale rechten ({viewer})")
    _no_sideways_scroll(browser_page)
    screenshot(browser_page, f"local-rights-municipality-{viewer}")


def _sign_in(page, site, email, password):
    page.goto(site + "/account/inloggen/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def test_a_network_admin_imports_after_a_dry_run_and_corrects_an_entry(site, page, tmp_path):
    from opmars.accounts.models import User
    from opmars.networks.models import Network

    admin = User.objects.create_user(email="bram@example.org", password="geheim-wachtwoord-1")
    Network.objects.create(slug="kk", name="Kleine kernen", kind="provinciaal").admins.add(admin)
    _sign_in(page, site, "bram@example.org", "geheim-wachtwoord-1")
    source = tmp_path / "rechten.csv"
    source.write_text(
        "gemeente;recht;status;sinds;brondocument;laatst_nagekeken\n"
        "Utrecht;uitdaagrecht;ja;01-01-2025;https://example.org/v;01-03-2026\n"
        "Zeist;buurtrechten;onbekend;;;01-03-2026\n",
        encoding="utf-8",
    )
    page.goto(site + "/lokale-rechten/importeren/")
    check_accessibility(page, "rights import")
    page.get_by_label("CSV-bestand").set_input_files(str(source))
    page.get_by_role("button", name="Controleren (proefrun)").click()
    page.get_by_role("heading", name="Proefrun: dit verandert er").wait_for()
    assert not LocalRight.objects.exists()
    check_accessibility(page, "rights import dry run")
    page.get_by_role("button", name="Importeer deze 2 rijen").click()
    page.locator("h1", has_text="Lokale rechten per gemeente").wait_for()
    assert LocalRight.objects.count() == 2
    # A correction through the form: "nee" without a document is refused, field named.
    page.goto(site + "/lokale-rechten/gemeenten/GM0344/uitdaagrecht/")
    page.select_option("select[name=status]", "nee")
    page.fill("input[name=since]", "")
    page.fill("input[name=source_url]", "")
    page.get_by_role("button", name="Opslaan").click()
    summary = page.locator(".error-summary")
    assert "brondocument: Vul het brondocument in" in summary.inner_text()
    check_accessibility(page, "rights entry form with errors")
    assert LocalRight.objects.get(municipality_id="GM0344", right="uitdaagrecht").status == "ja"
