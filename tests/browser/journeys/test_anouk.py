"""Journey 1 (JOURNEYS.md): Anouk, volunteer secretary of a buurtcoöperatie, on her phone.

She finds her cooperative (imported by her network), makes an account, claims the cooperative
(the confirmation goes to the cooperative's own address, which she reads as secretary), corrects
the description and this year's member count, fills in last year's impact (1,200 volunteer
hours, 35 people less lonely, a €4,000 municipal grant), sees "€X–€Y maatschappelijke waarde"
with a one-line explanation, and downloads the one-page PDF. Afterwards the saved values are
read back from the page and the API as she sees them.
"""

import re
import shutil
import subprocess
from email.header import decode_header, make_header

import pytest

from tests.browser.conftest import SHOTS_DIR, check_accessibility, screenshot

pytestmark = pytest.mark.browser

COOPERATIVE = "Buurtcoöperatie Het Lindenkwartier (fictief)"
SLUG = "buurtcooperatie-het-lindenkwartier-fictief"
NETWORK = "Netwerk Buurtcoöperaties IJsselland (fictief)"
CONTACT = "secretariaat@lindenkwartier.example"
ANOUK = "anouk@lindenkwartier.example"
PASSWORD = "Lindeboom-koffie-2026"
NEW_DESCRIPTION = (
    "Buurtcoöperatie van en voor het Lindenkwartier: boodschappen, klussen, de koffieochtend "
    "op dinsdag en een maatjesproject tegen eenzaamheid."
)
THIS_YEAR, LAST_YEAR = 2026, 2025
MEMBERS = 83


def _visit(phone, name):
    """Every page she sees: checked with axe, and kept as a screenshot."""
    phone.wait_for_load_state("networkidle")
    check_accessibility(phone, name)
    screenshot(phone, f"anouk-{name}")


def _link_in_mail(site, address, path_part):
    """The first link with `path_part` in the newest mail to `address`."""
    mails = site.mails_to(address)
    assert mails, f"no mail to {address}"
    message = mails[-1]
    part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    # The file backend's 8bit text arrives as text already; only encoded bodies need decoding.
    if part.get("Content-Transfer-Encoding", "").lower() in ("base64", "quoted-printable"):
        body = part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
    else:
        body = part.get_payload()
    found = re.search(r"https?://\S*" + re.escape(path_part) + r"\S*", body)
    assert found, body
    return found.group(0)


def _find_and_read(phone, site):
    phone.goto(site.url + "/")
    _visit(phone, "01-home")
    phone.get_by_label("Zoek een collectief").fill("Lindenkwartier")
    phone.get_by_label("Zoek een collectief").press("Enter")
    phone.wait_for_load_state()
    _visit(phone, "02-search")
    phone.get_by_role("link", name=COOPERATIVE).first.click()
    phone.wait_for_load_state()
    _visit(phone, "03-collective")
    # Near the top she reads that nobody keeps the page and that her network's list is its source.
    notice = phone.locator("main p.notice")
    assert NETWORK in notice.inner_text() and "Niemand houdt" in notice.inner_text()
    source = phone.get_by_role("region", name="Bron en controle")
    assert NETWORK in source.inner_text()
    assert NETWORK in phone.get_by_role("region", name="Netwerken").inner_text()


def _sign_up_and_confirm(phone, site):
    phone.get_by_role("link", name="Is dit jullie collectief? Word redacteur").click()
    phone.wait_for_load_state()
    _visit(phone, "04-login")
    phone.get_by_role("link", name="Account aanmaken").click()
    phone.wait_for_load_state()
    _visit(phone, "05-signup")
    phone.get_by_label("E-mailadres").fill(ANOUK)
    phone.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    phone.get_by_label("Wachtwoord nog een keer").fill(PASSWORD)
    phone.locator("main button[type=submit]").click()
    phone.wait_for_load_state()
    _visit(phone, "06-confirm-first")
    # She opens the link in the mail to her own address, on the same phone.
    phone.goto(_link_in_mail(site, ANOUK, "/account/"))
    phone.wait_for_load_state()
    _visit(phone, "07-email-confirmed")
    assert "Je e-mailadres is bevestigd" in phone.locator("body").inner_text()


def _claim(phone, site):
    # Back to the page she was on before she opened her mail.
    phone.goto(f"{site.url}/collectieven/{SLUG}/claimen/")
    _visit(phone, "08-claim")
    assert "contactadres" in phone.locator("main").inner_text()
    phone.get_by_label("Je rol in het collectief").fill("Secretaris van het bestuur")
    phone.get_by_role("button", name="Aanvraag versturen").click()
    phone.wait_for_load_state()
    _visit(phone, "09-claim-sent")
    assert "bevestigingslink" in phone.locator("body").inner_text()
    # As secretary she reads the cooperative's own mailbox, and confirms there.
    phone.goto(_link_in_mail(site, CONTACT, "/account/claim/"))
    _visit(phone, "10-claim-confirm")
    # Whoever reads that mailbox sees who asks, and in which role.
    asking = phone.locator("main").inner_text()
    assert ANOUK in asking and "Secretaris van het bestuur" in asking
    phone.get_by_role("button", name="Ja, dit klopt").click()
    phone.wait_for_load_state()
    _visit(phone, "11-claim-confirmed")
    assert "is nu redacteur" in phone.locator("main").inner_text()
    subjects = [str(make_header(decode_header(m["Subject"]))) for m in site.mails_to(ANOUK)]
    assert f"Je bent redacteur van {COOPERATIVE} op Opmars" in subjects


def _correct_description(phone, site):
    phone.goto(f"{site.url}/collectieven/{SLUG}/")
    _visit(phone, "12-collective-editor")
    phone.get_by_role("link", name="Gegevens bewerken").click()
    phone.wait_for_load_state()
    _visit(phone, "13-edit")
    phone.get_by_label("Beschrijving").fill(NEW_DESCRIPTION)
    phone.get_by_role("button", name="Wijzigingen opslaan").click()
    phone.wait_for_load_state()
    _visit(phone, "14-edited")
    assert NEW_DESCRIPTION in phone.locator("main").inner_text()


def _members_this_year(phone):
    phone.get_by_role("link", name="Jaarcijfers toevoegen").click()
    phone.wait_for_load_state()
    _visit(phone, "15-facts-last-year")
    phone.get_by_label("Jaar", exact=True).fill(str(THIS_YEAR))
    phone.get_by_role("button", name="Dit jaar tonen").click()
    phone.wait_for_load_state()
    _visit(phone, "15-facts-this-year")
    members = phone.get_by_label("Leden", exact=False).first
    # A new year starts empty, last year's value beside it as a hint.
    assert members.input_value() == ""
    assert "78" in phone.locator("main").inner_text()
    members.fill(str(MEMBERS))
    phone.get_by_role("button", name="Cijfers opslaan").click()
    phone.wait_for_load_state()
    _visit(phone, "16-facts-saved")
    table = phone.get_by_role("region", name=re.compile("Jaarcijfers"))
    assert str(THIS_YEAR) in table.inner_text() and str(MEMBERS) in table.inner_text()


def _impact_step_one(phone):
    """Inputs and what changed, then saved: the percentages come in the next step."""
    phone.get_by_role("link", name=re.compile("Wat het collectief oplevert")).click()
    phone.wait_for_load_state()
    _visit(phone, "17-impact-empty")
    phone.get_by_role("link", name="Nieuwe jaarrapportage").click()
    phone.wait_for_load_state()
    _visit(phone, "18-impact-step-1")
    assert phone.get_by_label("Over welk jaar?").input_value() == str(LAST_YEAR)
    phone.get_by_label("Subsidie van de gemeente (€)").fill("4000")
    phone.get_by_label("Vrijwilligersuren").fill("1200")
    outcome = phone.locator("#uitkomst-1")
    outcome.get_by_label("Wat is er veranderd?").select_option(label="Mensen minder eenzaam")
    outcome.get_by_label("Hoeveel?").fill("35")
    # Nothing to confirm yet: the percentages have not been shown.
    assert outcome.get_by_label("Ik heb deze percentages bekeken en ze kloppen").count() == 0
    phone.get_by_role("button", name="Opslaan als concept").click()
    phone.wait_for_load_state()


def _impact_step_two(phone):
    """The catalogue's percentages, shown as values, confirmed; then published."""
    _visit(phone, "19-impact-step-2")
    assert "Concept opgeslagen" in phone.locator("body").inner_text()
    outcome = phone.locator("#uitkomst-1")
    shown = {
        label: outcome.get_by_label(label).locator("option:checked").inner_text()
        for label in (
            "Was het ook zonder jullie gebeurd?",
            "Welk deel komt door anderen?",
            "Verdringen jullie iets anders?",
        )
    }
    assert all(re.fullmatch(r"\d+ %", text) for text in shown.values()), shown
    outcome.get_by_label("Ik heb deze percentages bekeken en ze kloppen").check()
    phone.get_by_role("button", name="Publiceren").click()
    phone.wait_for_load_state()
    _visit(phone, "20-impact-published")
    headline = phone.locator("p.how").first.inner_text()
    found = re.search(r"€\s?([\d.]+) – €\s?([\d.]+) maatschappelijke waarde", headline)
    assert found, headline
    low, high = (int(x.replace(".", "")) for x in found.groups())
    assert 0 < low <= high
    # One line in plain words says what the amounts are.
    assert "ongeveer waard voor de samenleving" in headline
    return low, high


def _one_page_pdf(phone, site, tmp_path, low, high):
    """The one-pager for the municipality: a PDF of one page with her cooperative, the range and
    the word that the demo's data are fictitious."""
    phone.get_by_role("link", name=COOPERATIVE).first.click()
    phone.wait_for_load_state()
    _visit(phone, "21-collective-for-pdf")
    with phone.expect_download() as download:
        phone.get_by_role("link", name=re.compile("Rapport van één pagina")).click()
    path = tmp_path / "lindenkwartier.pdf"
    download.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    text = subprocess.run(
        ["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert "Lindenkwartier" in flat
    assert _euro(low) in flat and _euro(high) in flat, flat
    assert "Fictief voorbeeld" in flat
    subprocess.run(["pdftoppm", "-png", "-r", "60", path, tmp_path / "one-pager"], check=True)
    if SHOTS_DIR:
        shutil.copy(next(tmp_path.glob("one-pager*.png")), f"{SHOTS_DIR}/anouk-21-pdf-page.png")


def _euro(amount):
    return f"{amount:,}".replace(",", ".")


def _what_she_saved_is_there(phone, site):
    """Read back as she sees it (an editor's own change shows at once), page and API."""
    phone.goto(f"{site.url}/collectieven/{SLUG}/")
    _visit(phone, "22-collective-after")
    main = phone.locator("main").inner_text()
    assert NEW_DESCRIPTION in main
    answer = phone.request.get(f"{site.url}/api/v1/collectives/{SLUG}")
    assert answer.ok, answer.status
    record = answer.json()
    assert record["description"] == NEW_DESCRIPTION
    by_year = {row["year"]: row for row in record["facts"]}
    assert by_year[THIS_YEAR]["members"] == MEMBERS, record["facts"]
    impact = phone.request.get(f"{site.url}/api/v1/collectives/{SLUG}/impact")
    assert impact.ok, impact.status
    report = next(r for r in impact.json()["reports"] if r["year"] == LAST_YEAR)
    assert report["inputs"]["volunteer_hours"] == 1200
    assert [row["quantity"] for row in report["physical"]] == [35]
    assert report["range"]["low"] <= report["present_value"] <= report["range"]["high"]


def test_anouk_claims_corrects_and_reports_impact(phone, installed_site, tmp_path, poppler):
    site = installed_site
    _find_and_read(phone, site)
    _sign_up_and_confirm(phone, site)
    _claim(phone, site)
    _correct_description(phone, site)
    _members_this_year(phone)
    _impact_step_one(phone)
    low, high = _impact_step_two(phone)
    _one_page_pdf(phone, site, tmp_path, low, high)
    _what_she_saved_is_there(phone, site)
