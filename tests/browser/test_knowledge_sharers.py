"""Knowledge sharers in headless Chromium: a network admin logs a member's talk on a phone, the
overview and a consenting person's page show it, and staff review marks; axe finds no serious
violation on any of them."""

import pytest
from django.utils import timezone

from opmars.accounts.models import User
from opmars.knowledge import actions
from opmars.networks.models import Membership, Network
from opmars.registry import actions as registry_actions
from tests.browser.conftest import check_accessibility, screenshot, sign_in
from tests.conftest import collective_data

pytestmark = pytest.mark.browser
PASSWORD = "geheim-wachtwoord-1"


def test_a_network_logs_a_talk_and_the_sharers_show_it(site, page, phone):
    admin = User.objects.create_user(email="bram@example.org", password=PASSWORD)
    network = Network.objects.create(slug="dorpen", name="Dorpennetwerk", kind="provinciaal")
    network.admins.add(admin)
    editor = User.objects.create_user(
        email="anouk@example.org", password=PASSWORD, first_name="Anouk", last_name="Smit"
    )
    member = registry_actions.create_collective(
        editor, collective_data(name="Dorpsraad Lievelde", kind="dorpsraad", municipality="GM1586")
    )
    Membership.objects.create(network=network, collective=member)
    actions.set_sharer_consent(editor, True)

    sign_in(phone, site, "bram@example.org")
    phone.goto(f"{site}/netwerken/{network.slug}/kennisdeling/")
    check_accessibility(phone, "kennisdeling van een netwerk")
    phone.select_option("#id_collective", label="Dorpsraad Lievelde")
    phone.select_option("#id_kind", "lezing")
    phone.fill("#id_title", "Zo werven wij vrijwilligers")
    phone.fill("#id_held_on", timezone.localdate().isoformat())
    phone.fill("#id_audience", "drie dorpsraden uit de Achterhoek")
    phone.locator("main form button[type=submit]").first.click()
    phone.get_by_text("De kennisdeling is vastgelegd.").wait_for()
    assert "Zo werven wij vrijwilligers" in phone.locator("main").inner_text()
    check_accessibility(phone, "kennisdeling vastgelegd")
    screenshot(phone, "network-sharing")

    page.goto(f"{site}/kennisdelers/?gemeente=GM1586")
    row = page.locator("table tbody tr", has_text="Dorpsraad Lievelde")
    assert row.locator("td").nth(3).inner_text() == "1"  # one talk or visit
    check_accessibility(page, "kennisdelers van een gemeente")
    page.goto(f"{site}/kennisdelers/mensen/{editor.pk}/")
    assert page.locator("h1").inner_text() == "Anouk Smit, kennisdeler"
    check_accessibility(page, "een kennisdeler")

    User.objects.create_user(email="staf@example.org", password=PASSWORD, is_staff=True)
    sign_in(page, site, "staf@example.org")
    page.goto(f"{site}/moderatie/markeringen/")
    assert page.locator("h1").inner_text() == "Markeringen nakijken"
    check_accessibility(page, "markeringen nakijken")
