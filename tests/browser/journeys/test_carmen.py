"""Journey 3, Carmen: a policy officer of a mid-sized municipality (Deventer) prepares a council
memo at her desk. She opens her municipality's page, compares it with the province and the
country per 1,000 inhabitants, downloads the report PDF and the CSV appendix, and takes two
charts for her memo. Every number she quotes is one click from its definition, year and source.
"""

import csv
import io
import re
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.browser.conftest import SHOTS_DIR, check_accessibility, screenshot

pytestmark = pytest.mark.browser

MUNICIPALITY, PROVINCE = "Deventer", "Overijssel"
# Ink below this fraction of a page's body (between header and footer) is a nearly empty page.
MIN_PAGE_FILL = 0.35

# Every pair of <text> boxes in the SVG charts under `selector` that overlap, and every text that
# sticks out of its chart (cut off).
OVERLAPS_JS = """(selector) => {
  const found = [];
  for (const svg of document.querySelectorAll(selector)) {
    const boxes = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
      .map(t => [t.textContent.trim(), t.getBoundingClientRect()]);
    const frame = svg.getBoundingClientRect();
    for (const [label, r] of boxes)
      if (r.left < frame.left - 0.5 || r.right > frame.right + 0.5) found.push('cut: ' + label);
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const [a, r] = boxes[i], [b, s] = boxes[j];
      const apart = r.right - 0.5 <= s.left || s.right - 0.5 <= r.left
        || r.bottom - 0.5 <= s.top || s.bottom - 0.5 <= r.top;
      if (!apart) found.push(a + ' / ' + b);
    }
  }
  return found;
}"""


def visit(page, name):
    page.wait_for_load_state()
    check_accessibility(page, name)
    screenshot(page, f"carmen-{name}")


def download(page, link):
    with page.expect_download() as info:
        link.click()
    return info.value.suggested_filename, Path(info.value.path()).read_bytes()


def page_fills(pdf):
    """How far down each page's body the ink goes (0 to 1), from a grey render of the PDF."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "report.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-gray", "-r", "30", str(source), f"{folder}/p"],
            check=True,
            capture_output=True,
        )
        if SHOTS_DIR:  # to look at every page
            subprocess.run(
                ["pdftoppm", "-png", "-r", "60", str(source), f"{SHOTS_DIR}/carmen-pdf"],
                check=True,
                capture_output=True,
            )
        return [_fill(path.read_bytes()) for path in sorted(Path(folder).glob("p-*.pgm"))]


def _fill(pgm):
    _magic, width, height, _max, pixels = pgm.split(maxsplit=4)
    width, height = int(width), int(height)
    # The running header and the footer with the sources sit in the top and bottom margins.
    top, bottom = int(height * 0.085), int(height * 0.9)
    inked = [y for y in range(top, bottom) if min(pixels[y * width : (y + 1) * width]) < 160]
    return (inked[-1] - top + 1) / (bottom - top) if inked else 0


def spreadsheet_rows(data):
    assert data.startswith(b"\xef\xbb\xbf"), "without a BOM Dutch Excel garbles é"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def open_rows(data):
    assert not data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8"))))


def test_carmen_prepares_a_council_memo(page, installed_site, poppler):
    # She starts at the home page and finds her municipality.
    page.goto(installed_site.url + "/")
    visit(page, "home")
    page.get_by_role("navigation").get_by_role("link", name="Gemeenten").first.click()
    visit(page, "municipalities")
    page.get_by_role("link", name=MUNICIPALITY, exact=True).first.click()
    visit(page, "municipality")
    page.get_by_role("link", name="Monitor en rapport van deze gemeente").click()
    visit(page, "monitor")

    # The comparison per 1,000 inhabitants: her municipality, its province and the country.
    table = page.locator("table", has=page.get_by_text("Per 1.000 inwoners (1-1-2024)"))
    rows = table.locator("tbody th[scope=row]").all_inner_texts()
    assert rows == [MUNICIPALITY, PROVINCE, "Nederland"]
    assert re.fullmatch(
        r"\d+,\d\d", table.locator("tbody tr").first.locator("td").nth(1).inner_text()
    )
    # Every column heads to its definition.
    assert table.locator("thead a[href*='/monitor/definities/#']").count() == 4

    # A number she quotes: its definition, with year and source, one click away.
    figure = page.locator(".key-figures a[href$='#per_1000']")
    assert "op 1-1-2024, CBS" in figure.inner_text()
    figure.click()
    page.wait_for_url("**/monitor/definities/#per_1000")
    definition = page.locator("#per_1000")
    assert definition.is_visible() and "1.000 inwoners" in definition.inner_text()
    assert page.locator("#per_1000 + dd").inner_text().strip()
    assert (
        "CBS" in page.locator("main").inner_text() and "2024" in page.locator("main").inner_text()
    )
    visit(page, "definition")
    page.go_back()
    page.wait_for_load_state()

    # Chart labels never overlap on the page.
    assert page.evaluate(OVERLAPS_JS, "figure.monitor-chart svg") == []

    # The comparison as a table for her spreadsheet (decimal comma) and as open data.
    downloads = page.locator(
        "p.downloads", has=page.get_by_role("link", name="tabel (CSV voor Excel)")
    )
    name, data = download(page, downloads.get_by_role("link", name="tabel (CSV voor Excel)"))
    rows = spreadsheet_rows(data)
    assert name.endswith(".csv") and rows[0][3] == "collectieven_per_1000"
    assert [row[0] for row in rows[1:]] == [MUNICIPALITY, PROVINCE, "Nederland"]
    assert all(re.fullmatch(r"\d+,\d+", row[3]) for row in rows[1:]), rows
    _name, data = download(page, downloads.get_by_role("link", name="tabel (CSV, open data)"))
    open_table = open_rows(data)
    assert open_table[0] == rows[0]
    assert all(re.fullmatch(r"\d+\.\d+", row[3]) for row in open_table[1:]), open_table

    # The report PDF: every page carries content, none is nearly empty.
    name, pdf = download(page, page.get_by_role("link", name="PDF", exact=True))
    assert name.endswith(".pdf") and pdf.startswith(b"%PDF")
    fills = page_fills(pdf)
    assert len(fills) >= 2 and min(fills) >= MIN_PAGE_FILL, fills

    # The CSV appendix for Excel (BOM, semicolons) and as comma-separated open data.
    name, data = download(page, page.get_by_role("link", name="CSV-bijlage (Excel)"))
    appendix = spreadsheet_rows(data)
    assert name.endswith(".csv") and appendix[0][:2] == ["slug", "naam"]
    assert len(appendix) > 2 and all(len(row) == len(appendix[0]) for row in appendix)
    _name, data = download(page, page.get_by_role("link", name="CSV-bijlage (open data)"))
    assert open_rows(data) == appendix

    # Two charts for her memo: a PNG and an SVG, each with title, unit, source and data date.
    growth = page.locator("#grafiek-groei")
    name, png = download(page, growth.get_by_role("link", name="afbeelding (PNG)"))
    assert name.endswith(".png") and png.startswith(b"\x89PNG")
    _name, growth_svg = download(page, growth.get_by_role("link", name="grafiek (SVG)"))
    founded = page.locator("#grafiek-oprichtingen")
    name, founded_svg = download(page, founded.get_by_role("link", name="grafiek (SVG)"))
    assert name.endswith(".svg")
    for image, title in (
        (growth_svg, "Actieve collectieven aan het eind van elk jaar"),
        (founded_svg, "Opgerichte en gestopte collectieven per jaar"),
    ):
        text = image.decode()
        assert f"{title}, {MUNICIPALITY}" in text
        assert "Eenheid: aantal collectieven." in text
        assert re.search(r"Bron: Opmars, .*, stand \d{1,2} \w+ \d{4}\.", text)
    # The downloaded charts, as she pastes them, keep their labels apart too.
    page.set_content(f"<main>{growth_svg.decode()}{founded_svg.decode()}</main>")
    assert page.evaluate(OVERLAPS_JS, "main > svg") == []
    if SHOTS_DIR:
        Path(SHOTS_DIR, "carmen-chart.png").write_bytes(png)
