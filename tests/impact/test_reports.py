"""Impact reports: the editor, actions with policy and audit, the public page and the API."""

import pytest

from opmars.accounts.models import AuditEvent
from opmars.impact import actions
from opmars.impact.models import ImpactReport
from opmars.impact.query import aggregate
from opmars.registry.forms import current_year

pytestmark = pytest.mark.django_db


def form_data(year=2024, **outcome):
    data = {
        "year": str(year),
        "outcome_count": "1",
        "grant_municipality": "4000",
        "volunteer_hours": "1200",
        "u-0-indicator": "minder-eenzaam",
        "u-0-quantity": "35",
        "u-0-quantity_low": "25",
        "u-0-quantity_high": "45",
        "u-0-evidence_grade": "3",
        "u-0-deadweight": "25",
        "u-0-attribution": "50",
        "u-0-displacement": "0",
        "u-0-adjustments_confirmed": "on",
        "u-0-justification": "Vragenlijst bij begin en eind.",
        "u-0-duration": "1",
        "u-0-drop_off": "0",
    }
    data.update({f"u-0-{k}": v for k, v in outcome.items()})
    return data


def test_editor_saves_publishes_and_audits(make_collective, editor_user):
    collective = make_collective()
    report = actions.save_report(editor_user, collective, form_data())
    assert report.status == "concept" and report.library.version == 1
    # Inputs: 4,000 + 1,200 h × (14.06 × CPI 2024/2025 = 13.6241) = 20,348.95.
    assert report.inputs_total == pytest.approx(4000 + 1200 * 14.06 * 96.90 / 100)
    # 35 × (9,900 / 0.8897 × 96.90 / 79.94) × 0.75 × 0.5.
    assert report.present_value == pytest.approx(35 * 9900 / 0.88970 * 96.90 / 79.94 * 0.375)
    assert report.p10 < report.present_value < report.p90
    actions.publish_report(editor_user, report)
    assert AuditEvent.objects.filter(action="impact.report.publish").exists()
    assert AuditEvent.objects.filter(action="impact.report.save").exists()


def test_others_may_not_edit(make_collective, other_user, staff_user):
    collective = make_collective()
    with pytest.raises(actions.PermissionDenied):
        actions.save_report(other_user, collective, form_data())
    assert actions.save_report(staff_user, collective, form_data()).pk


def test_unconfirmed_outcome_is_a_pm_item(make_collective, editor_user):
    data = form_data()
    del data["u-0-adjustments_confirmed"]
    report = actions.save_report(editor_user, make_collective(), data)
    assert report.present_value is None
    assert report.result["pm_items"][0]["pm_reason"] == "niet_bevestigd"


def test_empty_ladder_takes_the_catalogue_default_unconfirmed(make_collective, editor_user):
    data = form_data(deadweight="", attribution="", displacement="")
    del data["u-0-adjustments_confirmed"]
    report = actions.save_report(editor_user, make_collective(), data)
    outcome = report.outcomes.get()
    assert (outcome.deadweight, outcome.attribution, outcome.displacement) == (25, 50, 0)
    assert not outcome.adjustments_confirmed


def test_zero_deadweight_needs_a_justification(make_collective, editor_user):
    with pytest.raises(actions.ActionError) as error:
        actions.save_report(editor_user, make_collective(), form_data(deadweight="0",
                                                                     justification=""))  # fmt: skip
    assert "u-0-justification" in [e["field"] for e in error.value.errors] or any(
        e["code"] == "toelichting_nodig" for e in error.value.errors
    )


def test_editor_page_and_public_page(client, make_collective, editor_user):
    collective = make_collective()
    client.force_login(editor_user)
    assert client.get(f"/collectieven/{collective.slug}/impact/nieuw/").status_code == 200
    response = client.post(
        f"/collectieven/{collective.slug}/impact/nieuw/", {**form_data(), "action": "publish"}
    )
    assert response.status_code == 302
    html = client.get(f"/collectieven/{collective.slug}/impact/").content.decode()
    assert "Mensen minder eenzaam" in html and "SDG 3.4" in html and "P10" in html
    assert "benefit transfer" in html
    preview = client.post(f"/collectieven/{collective.slug}/impact/voorbeeld/", form_data(2023))
    assert "euro waarde per euro inbreng" in preview.content.decode()


def test_other_users_cannot_open_the_editor(client, make_collective, other_user):
    collective = make_collective()
    client.force_login(other_user)
    assert client.get(f"/collectieven/{collective.slug}/impact/nieuw/").status_code == 403


def test_api_shows_only_published_reports(client, make_collective, editor_user):
    collective = make_collective()
    report = actions.save_report(editor_user, collective, form_data())
    url = f"/api/v1/collectives/{collective.slug}/impact"
    assert client.get(url).json()["reports"] == []
    actions.publish_report(editor_user, report)
    item = client.get(url).json()["reports"][0]
    assert item["year"] == 2024 and item["library_version"] == 1
    assert item["present_value"] == pytest.approx(report.present_value)
    assert item["sdg_targets"][0] == "3.4"


def test_aggregate_is_sum_over_sum(make_collective, editor_user):
    first = actions.save_report(editor_user, make_collective(), form_data())
    second = actions.save_report(editor_user, make_collective(), form_data(quantity="70",
                                 quantity_low="60", quantity_high="80"))  # fmt: skip
    for report in (first, second):
        actions.publish_report(editor_user, report)
    total = aggregate(ImpactReport.objects.all())
    pv = first.present_value + second.present_value
    assert total["sroi_ratio"] == pytest.approx(pv / (first.inputs_total + second.inputs_total))
    assert total["lower_bound"] == pytest.approx(first.p10 + second.p10)


def test_preview_explains_why_it_cannot_compute(client, make_collective, editor_user):
    collective = make_collective()
    client.force_login(editor_user)
    html = client.post(
        f"/collectieven/{collective.slug}/impact/voorbeeld/", form_data(quantity="")
    ).content.decode()
    assert "Nog niet te berekenen" in html and "Vul een aantal in." in html


def test_new_report_proposes_a_free_year(client, make_collective, editor_user):
    collective = make_collective()
    last_year = current_year() - 1
    actions.save_report(editor_user, collective, form_data(year=last_year))
    client.force_login(editor_user)
    html = client.get(f"/collectieven/{collective.slug}/impact/nieuw/").content.decode()
    assert f'value="{last_year - 1}"' in html


def test_methodology_page_shows_the_national_sum_with_bounds(client, make_collective, editor_user):
    report = actions.save_report(editor_user, make_collective(), form_data())
    actions.publish_report(editor_user, report)
    html = client.get("/methode/").content.decode()
    assert "Alle gepubliceerde rapportages over 2024 samen" in html
    assert "geen percentielen" in html
