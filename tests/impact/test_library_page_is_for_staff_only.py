"""Only staff draft, preview and publish a new proxy library version: anybody signed out is
sent to log in, a signed-in non-staff user gets 403, and neither can publish by posting."""

import pytest

from opmars.impact.models import ProxyLibrary

pytestmark = pytest.mark.django_db

URL = "/impact/bibliotheek/"
NEW_CO2 = {"co2_shadow_price-value": "0,20", "co2_shadow_price-source": "CE Delft 2026",
           "note": "Nieuwe CO2-prijs", "action": "publish"}  # fmt: skip


def test_signed_out_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/account/inloggen/" in response["Location"]
    assert client.post(URL, NEW_CO2).status_code == 302
    assert ProxyLibrary.objects.count() == 1


def test_an_editor_who_is_not_staff_gets_403(client, editor_user):
    client.force_login(editor_user)
    assert client.get(URL).status_code == 403
    assert client.post(URL, NEW_CO2).status_code == 403
    assert ProxyLibrary.objects.count() == 1


def test_staff_see_the_form_with_every_proxy_of_the_latest_version(client, staff_user):
    client.force_login(staff_user)
    page = client.get(URL).content.decode()
    assert "Nieuwe versie van de proxybibliotheek" in page and "Nu geldt versie 1" in page
    assert 'name="co2_shadow_price-value"' in page and 'value="0,13"' in page
    assert 'name="note"' in page
    assert "Publiceer versie" not in page  # first see what changes


def test_the_methodology_page_links_staff_to_it(client, staff_user, editor_user):
    client.force_login(editor_user)
    assert URL not in client.get("/methode/").content.decode()
    client.force_login(staff_user)
    assert URL in client.get("/methode/").content.decode()
