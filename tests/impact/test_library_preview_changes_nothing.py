"""The preview of a new library version shows which published reports use a changed value and
how their central value would move, and writes nothing: no version, no audit event, no report
changed."""

import pytest

from opmars.accounts.models import AuditEvent
from opmars.impact import actions
from opmars.impact.models import ImpactReport, ProxyLibrary
from tests.impact.test_reports import form_data

pytestmark = pytest.mark.django_db

URL = "/impact/bibliotheek/"
CO2 = {"indicator": "co2-vermeden", "quantity": "10", "quantity_low": "", "quantity_high": ""}
NEW_CO2 = {"co2_shadow_price": {"value": 0.26, "high": 0.32, "source": "CE Delft 2026"}}


def published(editor_user, collective, data):
    report = actions.save_report(editor_user, collective, data)
    return actions.publish_report(editor_user, report)


def test_the_preview_lists_the_reports_a_new_co2_price_would_change(
    make_collective, editor_user, staff_user
):
    co2 = published(editor_user, make_collective(name="Zon op Zuid"), form_data(**CO2))
    lonely = published(editor_user, make_collective(name="Samen Sterk"), form_data())
    before = {r.pk: (r.present_value, r.p10, r.p90, r.updated_at) for r in (co2, lonely)}

    preview = actions.preview_library_version(staff_user, NEW_CO2, note="Nieuwe CO2-prijs")

    assert preview.version == 2
    assert [(c.key, c.old.value, c.new.value) for c in preview.changes] == [
        ("co2_shadow_price", 0.13, 0.26)
    ]
    [row] = preview.changed_reports  # the loneliness report uses no CO2 price
    assert row.report == co2
    assert row.new_present_value == pytest.approx(2 * co2.present_value)  # price doubled
    assert row.difference == pytest.approx(co2.present_value)
    assert row.relative == pytest.approx(1.0)

    assert (
        ProxyLibrary.objects.count() == 1
        and not AuditEvent.objects.filter(action="impact.library.new_version").exists()
    )
    for report in ImpactReport.objects.all():
        assert (report.present_value, report.p10, report.p90, report.updated_at) == before[
            report.pk
        ]


def test_the_page_shows_the_preview_and_only_then_offers_to_publish(
    client, make_collective, editor_user, staff_user
):
    published(editor_user, make_collective(name="Zon op Zuid"), form_data(**CO2))
    client.force_login(staff_user)
    page = client.post(
        URL,
        {"co2_shadow_price-value": "0,26", "co2_shadow_price-high": "0,32",
         "co2_shadow_price-source": "CE Delft 2026", "note": "Nieuwe CO2-prijs",
         "action": "preview"},
    ).content.decode()  # fmt: skip
    assert "Wat versie 2 verandert" in page and "Nog niets opgeslagen." in page
    assert "1 gepubliceerde rapportage gebruikt een veranderde waarde." in page
    assert "samen €\u00a0" in page and " hoger zijn." in page
    assert "Zon op Zuid" in page and "+100,0 %" in page
    assert "Publiceer versie 2" in page
    assert ProxyLibrary.objects.count() == 1
