"""Daan's and Bram's journeys in the browser: a question with suggestions and a relayed
message; a network admin who sees the villages in no network. Each page checked with axe-core."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from opmars.accounts.models import User
from opmars.knowledge.models import KnowledgeItem
from opmars.networks.models import Network
from opmars.registry.models import Collective
from tests.browser.conftest import check_accessibility, screenshot, sign_in

pytestmark = pytest.mark.browser
PASSWORD = "geheim-wachtwoord-1"


def test_daan_asks_a_question_and_contacts_a_peer(site, page):
    daan = User.objects.create_user(email="daan@example.org", password=PASSWORD)
    energy = Collective.objects.filter(kind="energiecooperatie").order_by("id")
    mine = energy.first()
    mine.editors.add(daan)
    energy.exclude(pk=mine.pk).update(contact_email="bestuur@peer.example")
    sign_in(page, site, "daan@example.org")
    page.goto(site + "/vragen/nieuw/")
    check_accessibility(page, "question form")
    page.select_option("select[name=kind]", "vraag")
    page.select_option("select[name=resource]", "kennis")
    page.fill(
        "input[name=title]",
        "Hoe regelen andere coöperaties de ledenadministratie en de ALV online?",
    )
    page.fill("textarea[name=body]", "Wij zoeken een manier om digitaal te stemmen.")
    page.get_by_role("button", name="Plaatsen").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Collectieven die kunnen helpen").is_visible()
    check_accessibility(page, "question page")
    screenshot(page, "question")
    first = page.locator("ol.peer-list > li").first
    assert "zelfde soort" in first.inner_text()
    first.get_by_role("link", name="Stuur een bericht via Opmars").click()
    page.wait_for_load_state()
    assert "bestuur@peer.example" not in page.content()
    page.fill("textarea[name=body]", "Hoe doen jullie de online ALV? Groet, Daan")
    page.get_by_role("button", name="Versturen").click()
    page.wait_for_load_state()
    # The conversation page shows the text back; the contact address got the notice mail.
    assert page.get_by_role("heading", name="Gesprek met").is_visible()
    assert page.get_by_text("Groet, Daan").is_visible()
    check_accessibility(page, "conversation")
    assert ["bestuur@peer.example"] in [m.to for m in mail.outbox]


def test_bram_sees_villages_in_no_network(site, page):
    bram = User.objects.create_user(email="bram@example.org", password=PASSWORD)
    network = Network.objects.filter(is_demo=True, kind="provinciaal").first()
    network.admins.add(bram)
    sign_in(page, site, "bram@example.org")
    page.goto(site + network.get_absolute_url())
    assert page.get_by_role("heading", name="Collectieven in de regio zonder netwerk").is_visible()
    check_accessibility(page, "network page as admin")
    screenshot(page, "network-admin")
    page.goto(site + "/netwerken/analyse/")
    assert page.locator("svg.network-graph line").count() > 0
    check_accessibility(page, "network analytics")


def test_knowledge_library_and_peers_on_a_phone(site, phone):
    collective = Collective.objects.order_by("id").first()
    item = KnowledgeItem.objects.create(
        slug="online-alv",
        title="Online ALV",
        item_type="handleiding",
        summary="Kort.",
        body="**Stap 1**",
        search_text="onlin alv",
    )
    item.collectives.add(collective)
    phone.goto(phone_url := f"{site}/kennis/?q=alv")
    assert phone.get_by_role("link", name="Online ALV").is_visible(), phone_url
    check_accessibility(phone, "knowledge library")
    phone.goto(site + collective.get_absolute_url())
    # Both sections load after the page (htmx); their link for readers without JavaScript is
    # there from the start, so wait for what each section loads, not for any paragraph.
    expect(phone.locator("#kennis-gedeeld ~ div")).to_contain_text("Online ALV")
    phone.locator("#leer-van-elkaar").scroll_into_view_if_needed()
    expect(phone.locator("#leer-van-elkaar ~ div")).not_to_contain_text(
        "Bekijk collectieven waar dit collectief van kan leren"
    )
    check_accessibility(phone, "collective page with peers")
