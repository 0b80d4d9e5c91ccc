"""Journey 4 (JOURNEYS.md): Daan, chair of a young energy cooperative, asks how other
cooperatives run their member records and an online general meeting (ALV).

On the installed demo (desktop width): he logs in as daan@opmars.demo, posts his question, and
the question page shows at least three cooperatives within 30 km that solved it, each saying
how (a question they answered, knowledge they shared, a "dit hielp ons"), and knowledge items
that are all about the subject. He writes to one of them through Opmars; no e-mail address of
a person is on any page he sees, and his own is refused as a signature. The cooperative's editor
(kennisdeler@opmars.demo) gets a mail, reads the message in the site's inbox and answers; Daan
gets a mail, reads the answer and marks "dit hielp ons". axe on every page.
"""

import re
from email.header import decode_header, make_header

import pytest

from tests.browser.conftest import check_accessibility, screenshot
from tests.browser.journeys.conftest import log_in

pytestmark = pytest.mark.browser

DAAN = "daan@opmars.demo"
PEER_EDITOR = "kennisdeler@opmars.demo"
QUESTION = "Hoe regelen andere coöperaties de ledenadministratie en de ALV online?"
EXPLANATION = (
    "Wij zijn een jonge energiecoöperatie. We zoeken een eenvoudige manier om de ledenlijst "
    "bij te houden en online te stemmen."
)
MESSAGE = "Hoe houden jullie de ALV online, en welk ledenprogramma gebruiken jullie? Groet, Daan"
ANSWER = "We gebruiken een ledenprogramma en een online stemtool. Bel gerust via Opmars."
SUBJECT = ("ledenadministratie", "alv", "online")
# Why a peer "solved it": the wording of the reasons that name what it answered, was thanked
# for or shared (opmars/networks/peers.py).
SOLVED = ("beantwoordde een vraag over", "dit hielp ons", "deelde kennis over")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


def no_email_address(page, name):
    """Nothing on the page, visible or in its markup, is an e-mail address."""
    found = EMAIL.search(page.content())
    assert found is None, f"{name}: e-mail address {found.group(0)} on the page"


def subject(mail):
    return str(make_header(decode_header(mail["Subject"])))


def body(mail):
    """The mail's text; the file backend keeps 8-bit text as it is."""
    if mail["Content-Transfer-Encoding"] in ("quoted-printable", "base64"):
        return mail.get_payload(decode=True).decode(mail.get_content_charset() or "utf-8")
    return mail.get_payload()


def open_inbox(page):
    page.get_by_role("link", name="Mijn account").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Berichten via Opmars").click()
    page.wait_for_load_state()


def visit(page, name):
    check_accessibility(page, name)
    screenshot(page, f"daan-{name}")


def ask(page, site):
    log_in(page, site, DAAN)
    visit(page, "after-login")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Kennis").click()
    page.wait_for_load_state()
    visit(page, "knowledge")
    page.get_by_role("link", name="Vragen en aanbod").click()
    page.wait_for_load_state()
    visit(page, "questions")
    page.get_by_role("link", name="Stel een vraag of doe een aanbod").click()
    page.wait_for_load_state()
    visit(page, "question-form")
    page.get_by_label("Wat wil je plaatsen?").select_option("vraag")
    page.get_by_label("Waarover gaat het?").select_option("kennis")
    page.get_by_label("Je vraag of aanbod in één zin").fill(QUESTION)
    page.get_by_label("Toelichting").fill(EXPLANATION)
    page.get_by_role("button", name="Plaatsen").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name=QUESTION).is_visible()


def solvers_nearby(page):
    """The suggested cooperatives within 30 km whose reasons say they solved the subject."""
    found = []
    for peer in page.locator("ol.peer-list > li").all():
        text = peer.inner_text()
        km = re.search(r"(\d+) km verderop|minder dan 1 km", text)
        assert km, f"a suggestion without its distance: {text}"
        near = km.group(1) is None or int(km.group(1)) <= 30
        why = [r for r in text.lower().split(", ") if any(s in r for s in SOLVED)]
        if near and any(word in r for r in why for word in SUBJECT):
            found.append(peer)
    return found


def check_knowledge_items(page):
    items = page.locator("#kennis + ul.peer-list > li")
    assert items.count() >= 2
    for item in items.all():
        title = item.get_by_role("link").inner_text().lower()
        assert any(word in title for word in SUBJECT), f"unrelated knowledge item: {title}"


def write_to(page, peer):
    name = peer.get_by_role("link").first.inner_text()
    peer.get_by_role("link", name="Stuur een bericht via Opmars").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name=f"Bericht aan {name}").is_visible()
    visit(page, "contact-form")
    no_email_address(page, "contact form")
    # Signing with his e-mail address is refused, and what he typed is kept.
    page.get_by_label("Wie stuurt dit bericht?").select_option(label="Alleen met mijn naam")
    page.get_by_label("Je naam zoals het collectief die ziet").fill(DAAN)
    page.get_by_label("Je bericht").fill(MESSAGE)
    page.get_by_role("button", name="Versturen").click()
    page.wait_for_load_state()
    assert page.get_by_text("geen e-mailadres: Opmars geeft geen adressen door").first.is_visible()
    assert page.get_by_label("Je bericht").input_value() == MESSAGE
    visit(page, "contact-form-refused")
    page.get_by_label("Wie stuurt dit bericht?").select_option(index=0)  # for his cooperative
    page.get_by_label("Je naam zoals het collectief die ziet").fill("")
    page.get_by_role("button", name="Versturen").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name=f"Gesprek met {name}").is_visible()
    assert page.get_by_text("Groet, Daan").is_visible()
    visit(page, "conversation-sent")
    no_email_address(page, "conversation")
    return name


def answer_as_the_peer(browser, site, name):
    """The peer's editor gets the notice mail, finds the message in the inbox and answers."""
    notices = [m for m in site.mails_to(PEER_EDITOR) if name in subject(m)]
    assert notices, f"no mail to the editors of {name}"
    text = body(notices[-1])
    assert "Groet, Daan" in text and DAAN not in text
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    try:
        log_in(page, site, PEER_EDITOR)
        open_inbox(page)
        visit(page, "peer-inbox")
        page.get_by_role("link", name=re.compile(f"Nieuw.*aan {re.escape(name)}")).first.click()
        page.wait_for_load_state()
        assert page.get_by_text("Groet, Daan").is_visible()
        assert DAAN not in page.content()
        visit(page, "peer-conversation")
        page.get_by_label("Je antwoord").fill(ANSWER)
        page.get_by_role("button", name="Antwoord versturen").click()
        page.wait_for_load_state()
        assert page.get_by_text("Je antwoord is verstuurd.").is_visible()
        visit(page, "peer-answered")
    finally:
        context.close()


def test_daan_finds_cooperatives_that_solved_his_question_and_gets_an_answer(
    installed_site, page, browser
):
    site = installed_site
    ask(page, site)
    visit(page, "question-page")
    no_email_address(page, "question page")
    solvers = solvers_nearby(page)
    assert len(solvers) >= 3, "fewer than three cooperatives within 30 km that solved it"
    check_knowledge_items(page)

    name = write_to(page, solvers[0])
    answer_as_the_peer(browser, site, name)

    answered = [m for m in site.mails_to(DAAN) if name in subject(m)]
    assert answered and ANSWER in body(answered[-1])
    open_inbox(page)
    visit(page, "daan-inbox")
    page.get_by_role("link", name=f"Nieuw antwoord Aan {name}").click()
    page.wait_for_load_state()
    assert page.get_by_text(ANSWER).is_visible()
    no_email_address(page, "conversation with answer")
    page.get_by_role("button", name="Dit hielp ons").click()
    page.wait_for_load_state()
    assert page.get_by_text(f"Dat telt mee bij {name}").is_visible()
    visit(page, "helped")
