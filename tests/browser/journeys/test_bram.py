"""Journey 2 (JOURNEYS.md): Bram, coordinator at a provincial network of kleine kernen, at his desk.

He is the admin of the demo's 'Netwerk Kleine Kernen Noord-Brabant (fictief)'
(netwerk@opmars.demo). His list of 140 village councils is a CSV as Dutch Excel saves it
(semicolons, Windows-1252), with a merged municipality (Boxmeer, now Land van Cuijk), a split one
(Haaren: the row cannot be placed without a choice), a typing error in a year, and two councils
that are already in the register under a slightly different name (the demo's 'Dorpsraad Sterksel'
and 'Dorpsbelang Handel', in no network yet). He sees per row what will happen before anything
is saved, fixes the two errors by loading the corrected file, imports, merges the two duplicates
(each with a confirmation; the merged-away address then leads to the kept record for good), and
then finds on his network page which collectives in his province are in no network at all, with
the same count as the network analysis page.

Everything goes through the browser and HTTP: no database access.
"""

import re
import urllib.parse

import pytest

from tests.browser.conftest import check_accessibility, screenshot
from tests.browser.journeys.conftest import log_in

pytestmark = pytest.mark.browser

BRAM = "netwerk@opmars.demo"
NETWORK = "Netwerk Kleine Kernen Noord-Brabant (fictief)"
NETWORK_PAGE = "/netwerken/kleine-kernen-noord-brabant/"
VILLAGE_KIND = "Dorpsraad, dorpsbelang of kleine-kernenvereniging"
HEADER = "Naam;Soort;Gemeente;Oprichtingsjaar;Website"

# Municipality: its villages (one council each) — 136 regular rows.
VILLAGES = """
Alphen-Chaam: Alphen, Chaam, Galder, Strijbeek
Altena: Almkerk, Andel, Babyloniënbroek, Dussen, Giessen, Hank, Meeuwen, Nieuwendijk
Altena: Rijswijk, Uitwijk, Uppel, Veen, Wijk en Aalburg, Werkendam, Sleeuwijk
Asten: Heusden, Ommel
Baarle-Nassau: Castelré, Ulicoten
Bergeijk: Westerhoven, Riethoven, Luyksgestel
Bernheze: Heesch, Heeswijk-Dinther, Loosbroek, Nistelrode, Vorstenbosch
Bladel: Hapert, Hoogeloon, Casteren, Netersel
Boekel: Venhorst
Boxtel: Liempde
Cranendonck: Budel-Dorplein, Maarheeze, Soerendonk, Gastel
Deurne: Helenaveen, Liessel, Vlierden, Neerkant
Drimmelen: Hooge Zwaluwe, Lage Zwaluwe, Terheijden, Wagenberg, Helkant
Eersel: Duizel, Knegsel, Vessem, Wintelre, Steensel
Gemert-Bakel: De Mortel, Elsendorp, Milheeze, De Rips, Bakel
Gilze en Rijen: Hulten, Molenschot
Halderberge: Bosschenhoofd, Hoeven, Oud Gastel, Stampersgat
Heeze-Leende: Leenderstrijp, Leende
Heusden: Doeveren, Haarsteeg, Hedikhuizen, Herpt, Oudheusden
Hilvarenbeek: Biest-Houtakker, Diessen, Esbeek, Haghorst
Laarbeek: Aarle-Rixtel, Lieshout, Mariahout, Beek en Donk
Land van Cuijk: Sambeek, Oeffelt, Wanroij, Langenboom, Haps, Linden, Velp, Escharen
Maashorst: Schaijk, Zeeland, Reek
Meierijstad: Boerdonk, Keldonk, Olland, Wijbosch, Zijtaart, Eerde
Moerdijk: Fijnaart, Heijningen, Helwijk, Standdaarbuiten, Noordhoek, Willemstad
Oirschot: Middelbeers, Oostelbeers, Spoordonk
Oss: Megen, Haren, Macharen, Ravenstein, Huisseling, Neerloon, Overlangel, Keent
Reusel-De Mierden: Hooge Mierde, Lage Mierde, Hulsel
Sint-Michielsgestel: Gemonde, Den Dungen, Berlicum, Middelrode
Someren: Lierop
Steenbergen: Welberg, Kruisland, Nieuw-Vossemeer, De Heen, Dinteloord
Woensdrecht: Hoogerheide, Ossendrecht, Putte, Huijbergen
Zundert: Achtmaal, Klein-Zundert, Wernhout, Rijsbergen
"""
# Not the demo's own "Dorpsraad X": none of these is in the register yet.
PREFIX = "Dorpsplatform"
TYPO_VILLAGE, TYPO_YEAR, RIGHT_YEAR = "Esbeek", "19877", "1987"
# The two councils the register has already (opmars/dataio/demo.py), as Bram's list names them.
DUPLICATES = [
    ("Dorpsraad Sterksel e.o.", "Heeze-Leende", "Dorpsraad Sterksel"),
    ("Dorpsbelang Handel e.o.", "Gemert-Bakel", "Dorpsbelang Handel"),
]


def _rows(fixed):
    rows = []
    for line in VILLAGES.strip().splitlines():
        municipality, villages = line.split(": ")
        for village in villages.split(", "):
            year = str(1950 + (len(rows) * 7) % 70)
            if village == TYPO_VILLAGE:
                year = RIGHT_YEAR if fixed else TYPO_YEAR
            rows.append(f"{PREFIX} {village};Dorpsraad;{municipality};{year};")
    rows += [f"{name};Dorpsraad;{place};1978;" for name, place, _old in DUPLICATES]
    # Boxmeer merged into Land van Cuijk (2022); Haaren was split over four municipalities
    # (2021), so only Bram knows that Biezenmortel went to Tilburg.
    rows.append(f"{PREFIX} Vortum-Mullem;Dorpsraad;Boxmeer;1990;")
    rows.append(f"{PREFIX} Biezenmortel;Dorpsraad;{'Tilburg' if fixed else 'Haaren'};1995;")
    return rows


def _write_list(folder, fixed):
    rows = _rows(fixed)
    assert len(rows) == 140
    path = folder / ("dorpsraden-verbeterd.csv" if fixed else "dorpsraden.csv")
    path.write_bytes(("\r\n".join([HEADER, *rows]) + "\r\n").encode("cp1252"))
    return path


def _upload(page, site, path):
    page.goto(site + "/import/")
    page.get_by_label("Bestand").set_input_files(str(path))
    assert page.get_by_label("Namens netwerk").locator("option:checked").inner_text() == NETWORK
    page.get_by_role("button", name="Bekijk wat er gebeurt").click()
    page.wait_for_url("**/import/*/")
    # The dry run is a background task; the page shows its progress until the report is there.
    page.get_by_role("heading", name="Per rij").wait_for(timeout=60_000)


def _counts(page):
    """The dry run's summary: {what happens: number of rows}, without the zeros."""
    counts = {}
    for item in page.locator(".import-counts li").all_inner_texts():
        number, action = item.split(maxsplit=1)
        counts[action] = int(number.replace(".", ""))
    return {action: number for action, number in counts.items() if number}


def _found_in_api(page, site, name):
    answer = page.request.get(site + "/api/v1/collectives?q=" + urllib.parse.quote(name))
    assert answer.ok
    return [c for c in answer.json()["items"] if c["name"] == name]


def _merge(page, site, existing, imported):
    """Keep the record the register had; the imported one's address leads to it."""
    page.goto(site + "/import/dubbelen/?q=" + urllib.parse.quote(existing))
    pair = page.locator("section.group").filter(has_text=imported).filter(has_text=existing)
    assert pair.count() == 1, f"no pair {existing} / {imported} on the duplicates page"
    links = {
        a.inner_text(): a.get_attribute("href") for a in pair.locator("ul a").element_handles()
    }
    old_address = links[imported]
    keep = re.compile(rf"^Samenvoegen, houd {re.escape(existing)} \(")
    pair.get_by_role("link", name=keep).click()
    page.wait_for_url("**/samenvoegen/**")
    assert page.get_by_role("heading", name="Samenvoegen bevestigen").is_visible()
    assert page.get_by_text(f"wie het oude adres opent, komt voortaan bij {existing}").is_visible()
    check_accessibility(page, f"merge confirmation {existing}")
    screenshot(page, f"bram-5-merge-{existing}")
    page.get_by_role("button", name="Ja, samenvoegen").click()
    page.wait_for_url("**/import/dubbelen/")
    said = page.locator(".message").first.inner_text()
    assert f"Samengevoegd: {existing}" in said and f"Het oude adres {old_address}" in said
    # The merged-away address answers 301 (permanent) to the kept record, for people and the web.
    moved = page.request.get(site + old_address, max_redirects=0)
    assert moved.status == 301, moved.status
    kept_address = links[existing]
    assert moved.headers["location"] == kept_address
    page.goto(site + old_address)
    assert page.url == site + kept_address
    assert page.get_by_role("heading", level=1).inner_text().startswith(existing)


def _isolated_in_analysis(page, site, province):
    page.goto(site + "/netwerken/analyse/")
    check_accessibility(page, "network analysis")
    row = page.locator("tr").filter(has=page.get_by_role("rowheader", name=province, exact=True))
    return int(row.locator("td").last.inner_text().replace(".", ""))


def test_bram_imports_his_village_councils_and_finds_who_has_no_network(
    page, installed_site, tmp_path
):
    site = installed_site.url
    log_in(page, installed_site, BRAM)

    # Before: the register's two councils are in no network, so his network page lists them.
    page.goto(site + NETWORK_PAGE)
    outside = page.locator("#zonder-netwerk ~ ul.member-list").first
    for _name, _place, existing in DUPLICATES:
        assert outside.get_by_role("link", name=existing, exact=True).count() == 1

    # The messy list: per row what will happen, nothing saved yet.
    _upload(page, site, _write_list(tmp_path, fixed=False))
    check_accessibility(page, "dry run with errors")
    screenshot(page, "bram-1-dry-run")
    assert page.get_by_text("Er is nog niets opgeslagen.").is_visible()
    counts = _counts(page)
    assert counts == {"nieuw": 138, "fout": 2}, counts
    assert page.get_by_text("Boxmeer is opgegaan in Land van Cuijk.").is_visible()
    haaren = page.locator("tr").filter(has_text=f"{PREFIX} Biezenmortel")
    assert "Kies er één" in haaren.inner_text() and "Tilburg" in haaren.inner_text()
    typo = page.locator("tr").filter(has_text=f"{PREFIX} {TYPO_VILLAGE}")
    assert "Oprichtingsjaar" in typo.inner_text() and "tussen 1800 en" in typo.inner_text()
    assert "founded_year" not in page.locator("main").inner_text()  # labels, never code names
    for imported, _place, existing in DUPLICATES:  # named before anything is saved
        row = page.locator("tr").filter(has_text=imported)
        assert f"Lijkt op {existing}, dat al in Opmars staat" in row.inner_text()
    assert not _found_in_api(page, site, f"{PREFIX} Vortum-Mullem")

    # He fixes the two rows in Excel and loads the corrected file: every row is good now.
    _upload(page, site, _write_list(tmp_path, fixed=True))
    screenshot(page, "bram-2-dry-run-fixed")
    assert _counts(page) == {"nieuw": 140}
    page.get_by_role("button", name="Importeren", exact=True).click()
    page.get_by_role("heading", name="Import klaar").wait_for(timeout=120_000)
    check_accessibility(page, "import done")
    screenshot(page, "bram-3-import-done")
    assert page.get_by_text("is geïmporteerd: 140 nieuw").is_visible()
    biezenmortel = _found_in_api(page, site, f"{PREFIX} Biezenmortel")
    assert [c["municipality"]["name"] for c in biezenmortel] == ["Tilburg"]
    vortum = _found_in_api(page, site, f"{PREFIX} Vortum-Mullem")
    assert [c["municipality"]["name"] for c in vortum] == ["Land van Cuijk"]

    # The import found the two councils the register had; he merges each after confirming.
    page.get_by_role("link", name="Mogelijke dubbelen beoordelen").click()
    page.wait_for_url("**/import/dubbelen/")
    check_accessibility(page, "duplicates")
    screenshot(page, "bram-4-duplicates")
    for imported, _place, existing in DUPLICATES:
        _merge(page, site, existing, imported)

    # His network page: the list of collectives without a network is one click from the top,
    # and its count is the province's 'geïsoleerd' of the network analysis.
    page.goto(site + NETWORK_PAGE)
    check_accessibility(page, "network page as its admin")
    jump = page.get_by_role("link", name=re.compile(r"collectieven? in de regio zonder netwerk"))
    box = jump.bounding_box()
    assert box and box["y"] + box["height"] < 900, "the link to the list is below the fold"
    count = int(re.match(r"[\d.]+", jump.inner_text()).group().replace(".", ""))
    jump.click()
    heading = page.locator("#zonder-netwerk")
    assert heading.is_visible()
    assert heading.evaluate("h => h.getBoundingClientRect().top") < 300  # scrolled to it
    screenshot(page, "bram-6-without-network")
    outside = page.locator("#zonder-netwerk ~ ul.member-list").first
    # The merged councils are members of his network now, so they left the list.
    for _name, _place, existing in DUPLICATES:
        assert outside.get_by_role("link", name=existing, exact=True).count() == 0
    assert page.get_by_text(
        re.compile(rf"^{count} collectieven in de regio zijn bij geen enkel netwerk")
    ).is_visible()
    # Which of them are villages: he lists only the village councils.
    page.get_by_label("Toon alleen deze soort").select_option(label=VILLAGE_KIND)
    page.get_by_role("button", name="Tonen").click()
    page.wait_for_url("**soort=dorpsraad*")
    check_accessibility(page, "network page, villages without a network")
    screenshot(page, "bram-7-villages-without-network")
    villages = page.locator("#zonder-netwerk ~ ul.member-list").first.locator("> li")
    assert villages.count() > 0
    for kind in villages.locator(".muted").all_inner_texts():
        assert kind.endswith(VILLAGE_KIND), kind
    assert page.get_by_text(re.compile(rf"^{count} collectieven in de regio zijn")).is_visible()
    assert _isolated_in_analysis(page, site, "Noord-Brabant") == count
