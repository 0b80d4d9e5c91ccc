"""Journey 5, Eva: a data journalist checks the claim "burgercollectieven hebben meer leden dan
kerken, vakbonden of partijen" on the national monitor, which sets the platform's counts beside
the sourced comparison figures with an honest note on what can and cannot be compared, and then
downloads the open-data dump and the data dictionary from the site itself.
"""

import csv
import hashlib
import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from tests.browser.conftest import check_accessibility, screenshot

pytestmark = pytest.mark.browser

TABLES = ["collectives", "yearly_facts", "memberships", "impact_reports", "impact_outcomes"]


def visit(page, name):
    page.wait_for_load_state()
    check_accessibility(page, name)
    screenshot(page, f"eva-{name}")


def download(page, link):
    with page.expect_download() as info:
        link.click()
    return info.value.suggested_filename, Path(info.value.path()).read_bytes()


def csv_rows(data):
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_eva_checks_the_claim_and_takes_the_open_data(page, installed_site):
    page.goto(installed_site.url + "/")
    visit(page, "home")
    page.get_by_role("navigation").get_by_role("link", name="Monitor").first.click()
    visit(page, "monitor")

    # The claim: the platform's own counts next to churches, unions and parties.
    section = page.locator("#nieuwe-zuil")
    assert "kerken, vakbonden en partijen" in section.inner_text()
    table = page.locator("table", has=page.get_by_text("Leden en actieve mensen, met bron"))
    own = table.locator("tr.own:not(.estimate)")
    assert own.count() == 2 and "Burgercollectieven in Opmars: leden" in own.first.inner_text()
    assert re.search(r"\d", own.first.locator("td").first.inner_text())
    # Beside the register's own sum, the whole movement as an estimate, said so, with its band.
    estimates = table.locator("tr.own.estimate")
    assert estimates.count() == 2  # members and volunteers
    for estimate in estimates.all():
        assert "(schatting)" in estimate.locator("th").inner_text()
        assert re.search(r"\(\S+ tot \S+\)", estimate.locator("td").first.inner_text())
    compared = table.locator("tbody tr:not(.own)")
    subjects = " ".join(compared.locator("th").all_inner_texts())
    for subject in ("Kerk", "Vakbonden", "partijen"):
        assert subject in subjects
    for row in compared.all():
        cells = row.locator("td")
        assert re.search(r"\d", cells.nth(0).inner_text())  # the figure
        assert re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?|ongedateerd", cells.nth(2).inner_text().strip())
        assert cells.nth(3).locator("a[href^='http']").count() == 1  # its source, linked
    # The honest note on what can and cannot be compared.
    note = page.locator(".caveat", has=page.get_by_role("heading", name="Wat je wel en niet kunt"))
    assert note.locator("li").count() >= 3
    assert "ondergrens" in note.inner_text() and "personen" in note.inner_text()
    # Her own figure's definition is one click away.
    assert table.locator("a[href$='/monitor/definities/#members']").count() == 1

    # From the monitor to the open data.
    page.get_by_role("link", name="Open data: alle gegevens als download").click()
    page.wait_for_url("**/open-data/")
    visit(page, "open-data")
    facts = page.locator("dl.facts-list")
    assert "CC-BY-4.0" in facts.inner_text()
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", facts.inner_text())
    checksum = facts.locator("code.checksum").inner_text().strip()
    assert re.fullmatch(r"[0-9a-f]{64}", checksum)
    size = int(re.search(r"\(([\d.]+) bytes\)", facts.inner_text()).group(1).replace(".", ""))

    name, dump = download(page, page.get_by_role("link", name=re.compile("Download de dump")))
    assert name.endswith(".zip")
    assert hashlib.sha256(dump).hexdigest() == checksum and len(dump) == size
    with zipfile.ZipFile(io.BytesIO(dump)) as archive:
        files = set(archive.namelist())
        for table_name in TABLES:
            assert {f"{table_name}.csv", f"{table_name}.json"} <= files, files
        assert {"data_dictionary.csv", "LICENCE.txt", "SOURCES.txt"} <= files
        collectives = csv_rows(archive.read("collectives.csv"))
        as_json = json.loads(archive.read("collectives.json"))
        packed_dictionary = archive.read("data_dictionary.csv")
    assert len(collectives) - 1 == len(as_json["items"]) > 1000
    assert list(as_json["items"][0]) == collectives[0]
    assert all(row[collectives[0].index("demo")] == "ja" for row in collectives[1:])

    # The data dictionary from the page: every column of the collectives table defined.
    name, dictionary = download(
        page, page.get_by_role("link", name="Download het datawoordenboek (CSV)")
    )
    assert name.endswith(".csv") and dictionary == packed_dictionary
    entries = csv_rows(dictionary)
    defined = {(row[0], row[1]): row[3] for row in entries[1:]}
    missing = [c for c in collectives[0] if not defined.get(("collectives.csv", c), "").strip()]
    assert missing == []
    # The table on the page says the same as the file.
    page.get_by_text("Datawoordenboek: elk veld van elke tabel").click()
    assert page.locator("details table tbody tr").count() == len(entries) - 1
    screenshot(page, "eva-dictionary")
