"""After a new library version, a report published earlier keeps its version and its figures;
its page and the API say that a newer version exists, and which one it was computed with. A
report made afterwards uses the new version and says nothing."""

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from opmars.impact import actions
from tests.impact.test_reports import form_data

pytestmark = pytest.mark.django_db

CO2 = {"indicator": "co2-vermeden", "quantity": "10", "quantity_low": "", "quantity_high": ""}


def test_an_old_report_keeps_version_1_and_says_version_2_exists(
    client, make_collective, editor_user, staff_user
):
    collective = make_collective()
    old = actions.publish_report(
        editor_user, actions.save_report(editor_user, collective, form_data(**CO2))
    )
    figures = (old.present_value, old.p10, old.p90, old.library_id)
    url = f"/collectieven/{collective.slug}/impact/"
    api = f"/api/v1/collectives/{collective.slug}/impact"
    assert "nieuwere versie" not in client.get(url).content.decode()
    assert client.get(api).json()["reports"][0]["newer_library"] is None

    changes = {"co2_shadow_price": {"value": 0.26, "high": 0.32, "source": "CE Delft 2026"}}
    actions.new_library_version(staff_user, changes, note="Nieuwe CO2-prijs")

    old.refresh_from_db()
    assert (old.present_value, old.p10, old.p90, old.library_id) == figures
    today = date_format(timezone.now().date(), "j F Y")
    page = client.get(url).content.decode()
    assert (
        f"Er is een nieuwere versie van de proxybibliotheek (versie 2, {today}); "
        "deze rapportage is berekend met versie 1." in page
    )
    item = client.get(api).json()["reports"][0]
    assert item["library_version"] == 1
    assert item["newer_library"] == {"version": 2, "released": timezone.now().date().isoformat()}
    assert item["present_value"] == pytest.approx(figures[0])

    new = actions.publish_report(
        editor_user, actions.save_report(editor_user, collective, form_data(2023, **CO2))
    )
    assert new.library.version == 2
    assert new.result["valued"][0]["price"]["proxy_value"] == 0.26
    assert old.result["valued"][0]["price"]["proxy_value"] == 0.13
    items = {i["year"]: i for i in client.get(api).json()["reports"]}
    assert items[2023]["newer_library"] is None and items[2024]["newer_library"]["version"] == 2
