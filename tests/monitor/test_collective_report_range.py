"""The one-page collective PDF prints the shown range of its impact report: P10–P90 widened to
the central value where that lies outside, and says so in the impact page's words (decision
0046). The pure percentiles stay in the data and in the note that explains the widening."""

import pytest
from django.utils import translation

from opmars.impact import actions
from opmars.impact.models import ImpactReport
from opmars.monitor import collective_report
from tests.impact.test_reports import form_data

pytestmark = pytest.mark.django_db


def published(editor_user, collective):
    report = actions.save_report(editor_user, collective, form_data())
    actions.publish_report(editor_user, report)
    return ImpactReport.objects.get(pk=report.pk)


def with_percentiles(report, **percentiles):
    ImpactReport.objects.filter(pk=report.pk).update(**percentiles)
    return ImpactReport.objects.get(pk=report.pk)


def test_a_central_value_above_p90_is_inside_the_printed_range_which_says_it_is_widened(
    make_collective, editor_user
):
    collective = make_collective(name="Zorgcoöperatie Boven")
    report = published(editor_user, collective)
    # The UK loneliness value's central equals its high, so the central value can lie above
    # P90; fix P10 and P90 below it so the test does not lean on the draws.
    central = report.present_value
    report = with_percentiles(report, p10=central * 0.9, p90=central * 0.98)
    assert report.present_value > report.p90

    with translation.override("nl"):  # the note's amounts in Dutch notation (1.234)
        data = collective_report.content(collective, 2024)
    impact = data["impact"]
    shown = impact["range"]
    assert shown["low"] <= impact["present_value"] <= shown["high"]
    assert (shown["low"], shown["high"]) == (round(central * 0.9), round(central))
    assert shown["basis"] == "p10_p90_aangevuld"
    assert shown["text"] == "P10–P90, aangevuld tot de centrale schatting"
    # The pure percentiles are kept and named in the note, as in the page's fold-out.
    assert (impact["p10"], impact["p90"]) == (round(central * 0.9), round(central * 0.98))
    p90_text = f"{round(central * 0.98):,}".replace(",", ".")
    assert f"en €\u00a0{p90_text} (P10–P90)" in shown["note"]
    assert "{basis}" in data["texts"]["value_sentence"]
    assert "10e tot 90e percentiel" not in data["texts"]["value_sentence"]


def test_a_central_value_inside_p10_p90_prints_the_percentiles_without_a_note(
    make_collective, editor_user
):
    collective = make_collective(name="Zorgcoöperatie Binnen")
    report = published(editor_user, collective)
    central = report.present_value
    with_percentiles(report, p10=central * 0.8, p90=central * 1.2)

    shown = collective_report.content(collective, 2024)["impact"]["range"]
    assert (shown["low"], shown["high"]) == (round(central * 0.8), round(central * 1.2))
    assert shown["basis"] == "p10_p90" and shown["text"] == "P10–P90 van de simulaties"
    assert shown["note"] is None


def test_without_percentiles_the_range_is_the_central_value_alone(make_collective, editor_user):
    collective = make_collective(name="Zorgcoöperatie Zonder")
    central = with_percentiles(published(editor_user, collective), p10=None, p90=None).present_value

    shown = collective_report.content(collective, 2024)["impact"]["range"]
    assert shown["low"] == shown["high"] == round(central)
    assert shown["basis"] == "geen_bandbreedte" and shown["note"] is None


def test_the_pdf_of_a_widened_range_compiles(make_collective, editor_user):
    collective = make_collective(name="Zorgcoöperatie PDF")
    report = published(editor_user, collective)
    central = report.present_value
    with_percentiles(report, p10=central * 0.9, p90=central * 0.98)

    pdf = collective_report.pdf(collective_report.content(collective, 2024))
    assert pdf.startswith(b"%PDF")
