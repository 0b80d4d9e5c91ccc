"""An unclaimed collective's page says at the top that nobody keeps it, where its data came
from, and how to become its editor; a kept one does not."""

import pytest

pytestmark = pytest.mark.django_db


def notice(client, collective):
    html = client.get(collective.get_absolute_url()).content.decode()
    start = html.find('<p class="notice">')
    return html[start : html.find("</p>", start)] if start >= 0 else None


def test_unclaimed_page_names_its_source_and_the_claim(client, make_collective, editor_user):
    collective = make_collective(source="import door Netwerk Voorbeeld (fictief), 2026-03-12")
    collective.editors.clear()
    shown = notice(client, collective)
    assert "Niemand houdt deze gegevens nu bij" in shown
    assert "Netwerk Voorbeeld (fictief)" in shown
    assert f"/collectieven/{collective.slug}/claimen/" in shown


def test_a_kept_page_has_no_claim_notice(client, make_collective):
    collective = make_collective()
    assert collective.editors.exists()
    assert notice(client, collective) is None
