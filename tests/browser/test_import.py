"""Bram's journey: upload a messy list, see per row what happens, import the good rows."""

import pytest

from opmars.accounts.models import User
from opmars.registry.models import Collective
from tests.browser.conftest import check_accessibility, screenshot
from tests.dataio.helpers import BRAM_CSV

pytestmark = pytest.mark.browser


def test_staff_imports_a_messy_list(site, page, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    User.objects.create_user(
        email="bram@example.org", password="geheim-wachtwoord-1", is_staff=True
    )
    source = tmp_path / "dorpen.csv"
    source.write_bytes(BRAM_CSV.encode("cp1252"))

    page.goto(site + "/import/")
    page.get_by_label("E-mailadres").fill("bram@example.org")
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-1")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/import/")
    check_accessibility(page, "import start")

    page.get_by_label("Bestand").set_input_files(str(source))
    page.get_by_role("button", name="Bekijk wat er gebeurt").click()
    page.wait_for_url("**/import/*/")
    assert page.get_by_text("Kies er één").first.is_visible()
    assert page.get_by_text("Eemsdelta").first.is_visible()
    check_accessibility(page, "import dry run")
    screenshot(page, "import-dry-run")
    assert not Collective.objects.filter(name="Dorpsbelang Holwierde").exists()

    page.get_by_role("button", name="Alleen de goede rijen importeren").click()
    assert page.get_by_text("is geïmporteerd").is_visible()
    check_accessibility(page, "import done")
    assert Collective.objects.filter(name="Dorpsbelang Holwierde").exists()


def test_dry_run_table_on_a_phone(site, phone, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    User.objects.create_user(
        email="bram@example.org", password="geheim-wachtwoord-1", is_staff=True
    )
    source = tmp_path / "dorpen.csv"
    source.write_bytes(BRAM_CSV.encode("cp1252"))
    phone.goto(site + "/import/")
    phone.get_by_label("E-mailadres").fill("bram@example.org")
    phone.get_by_label("Wachtwoord").fill("geheim-wachtwoord-1")
    phone.get_by_role("button", name="Inloggen").click()
    phone.wait_for_url("**/import/")
    phone.get_by_label("Bestand").set_input_files(str(source))
    phone.get_by_role("button", name="Bekijk wat er gebeurt").click()
    phone.wait_for_url("**/import/*/")
    check_accessibility(phone, "import dry run on a phone")
    screenshot(phone, "import-dry-run-phone")
