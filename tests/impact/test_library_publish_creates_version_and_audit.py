"""Publishing from the page makes the next version through the one service function: the
changed proxy with its new source (unchecked again), every other proxy copied, an audit event
with actor, reason and changes. It publishes exactly what was previewed."""

import pytest

from opmars.accounts.models import AuditEvent
from opmars.impact.models import ProxyLibrary

pytestmark = pytest.mark.django_db

URL = "/impact/bibliotheek/"
FORM = {"co2_shadow_price-value": "0,26", "co2_shadow_price-high": "0,32",
        "co2_shadow_price-source": "CE Delft, Handboek Milieuprijzen 2026",
        "note": "Nieuwe CO2-prijs"}  # fmt: skip


def previewed(client):
    page = client.post(URL, {**FORM, "action": "preview"}).content.decode()
    return page.split('name="previewed" value="', 1)[1].split('"', 1)[0]


def test_publish_after_preview_makes_version_2_and_audits_it(client, staff_user):
    client.force_login(staff_user)
    response = client.post(URL, {**FORM, "action": "publish", "previewed": previewed(client)})
    assert response.status_code == 302 and response["Location"] == URL

    library = ProxyLibrary.objects.get(version=2)
    assert library.note == "Nieuwe CO2-prijs"
    co2 = library.proxies.get(key="co2_shadow_price")
    assert (co2.value, co2.low, co2.high) == (0.26, 0.05, 0.32)
    assert co2.source == "CE Delft, Handboek Milieuprijzen 2026" and not co2.verified
    assert library.proxies.count() == ProxyLibrary.objects.get(version=1).proxies.count()

    event = AuditEvent.objects.get(action="impact.library.new_version")
    assert event.changes["note"] == "Nieuwe CO2-prijs" and event.changes["from_version"] == 1
    assert event.changes["changes"]["co2_shadow_price"]["value"] == 0.26
    assert "via" not in event.changes  # made by a person on the site, not the command line

    page = client.get(URL).content.decode()
    assert "Versie 2 van de proxybibliotheek is gepubliceerd" in page
    assert "Nu geldt versie 2" in page and 'value="0,26"' in page


def test_a_change_typed_after_the_preview_is_previewed_again_not_published(client, staff_user):
    client.force_login(staff_user)
    digest = previewed(client)
    changed = {**FORM, "co2_shadow_price-value": "0,27", "action": "publish", "previewed": digest}
    page = client.post(URL, changed).content.decode()
    assert "Je hebt iets veranderd nadat je het overzicht bekeek" in page
    assert "Publiceer versie 2" in page
    assert ProxyLibrary.objects.count() == 1
