"""The open-data dump carries published impact reports and their outcomes, described in the
data dictionary, without drafts and without free text that could name people."""

import csv
import io
import zipfile

import pytest

from opmars.dataio.opendata import (
    DICTIONARY,
    IMPACT_OUTCOME_COLUMNS,
    IMPACT_REPORT_COLUMNS,
    write_dump,
)
from opmars.impact import actions, engine
from opmars.impact.models import ImpactReport
from tests.impact.test_reports import form_data

pytestmark = pytest.mark.django_db


def read(archive, name):
    return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))


def test_published_reports_are_in_the_dump_and_drafts_are_not(make_collective, editor_user):
    shown = make_collective(name="Zorgcoöperatie Gepubliceerd")
    hidden = make_collective(name="Zorgcoöperatie Concept")
    secret = "Gesprek met mevrouw Jansen"
    report = actions.save_report(editor_user, shown, form_data(justification=secret))
    actions.save_report(editor_user, shown, form_data(year=2023))
    actions.publish_report(editor_user, report)
    actions.save_report(editor_user, hidden, form_data())

    out = io.BytesIO()
    write_dump(out)
    with zipfile.ZipFile(out) as archive:
        reports = read(archive, "impact_reports.csv")
        outcomes = read(archive, "impact_outcomes.csv")
        everything = b"".join(archive.read(n) for n in archive.namelist())
    assert [(r["collective"], r["year"]) for r in reports] == [(shown.slug, "2024")]
    assert float(reports[0]["present_value"]) == pytest.approx(report.present_value)
    assert reports[0]["demo"] == "nee" and reports[0]["published"]
    assert [(o["indicator"], o["quantity"], o["unit"]) for o in outcomes] == [
        ("minder-eenzaam", "35.0", "personen")
    ]
    assert secret.encode() not in everything


def test_every_impact_column_is_in_the_data_dictionary():
    for file, columns in (
        ("impact_reports.csv", IMPACT_REPORT_COLUMNS),
        ("impact_outcomes.csv", IMPACT_OUTCOME_COLUMNS),
    ):
        assert columns == [name for f, name, *_rest in DICTIONARY if f == file]


def test_reports_carry_the_shown_range_beside_the_pure_percentiles(make_collective, editor_user):
    """Decision 0046: range_low ≤ present_value ≤ range_high, and range_basis says whether P10–P90
    was widened to hold the central value; p10 and p90 stay the pure percentiles."""
    above = make_collective(name="Zorgcoöperatie Boven")
    inside = make_collective(name="Zorgcoöperatie Binnen")
    report = actions.save_report(editor_user, above, form_data())
    actions.publish_report(editor_user, report)
    other = actions.save_report(editor_user, inside, form_data())
    actions.publish_report(editor_user, other)
    central = report.present_value
    # The central value above its P90, as the UK loneliness value can put it.
    ImpactReport.objects.filter(pk=report.pk).update(p10=central * 0.9, p90=central * 0.98)
    ImpactReport.objects.filter(pk=other.pk).update(p10=central * 0.8, p90=central * 1.2)

    out = io.BytesIO()
    write_dump(out)
    with zipfile.ZipFile(out) as archive:
        rows = {r["collective"]: r for r in read(archive, "impact_reports.csv")}
    widened, plain = rows[above.slug], rows[inside.slug]
    assert float(widened["p90"]) == pytest.approx(central * 0.98)
    assert float(widened["p10"]) == pytest.approx(central * 0.9)
    assert float(widened["range_low"]) == pytest.approx(central * 0.9)
    assert float(widened["range_high"]) == pytest.approx(float(widened["present_value"]))
    assert widened["range_basis"] == engine.RANGE_WIDENED == "p10_p90_aangevuld"
    assert float(plain["range_low"]) == pytest.approx(float(plain["p10"]))
    assert float(plain["range_high"]) == pytest.approx(float(plain["p90"]))
    assert plain["range_basis"] == engine.RANGE_PERCENTILES
    for row in rows.values():
        low, high = float(row["range_low"]), float(row["range_high"])
        assert low <= float(row["present_value"]) <= high


def test_without_percentiles_the_range_is_the_central_value_and_says_so(
    make_collective, editor_user
):
    collective = make_collective(name="Zorgcoöperatie Zonder")
    report = actions.save_report(editor_user, collective, form_data())
    actions.publish_report(editor_user, report)
    ImpactReport.objects.filter(pk=report.pk).update(p10=None, p50=None, p90=None)

    out = io.BytesIO()
    write_dump(out)
    with zipfile.ZipFile(out) as archive:
        (row,) = read(archive, "impact_reports.csv")
    assert row["p10"] == row["p90"] == ""
    assert row["range_low"] == row["range_high"] == row["present_value"]
    assert row["range_basis"] == engine.RANGE_NONE


def test_the_data_dictionary_explains_the_shown_range_and_its_bases():
    meaning = {name: str(m) for f, name, _kind, m in DICTIONARY if f == "impact_reports.csv"}
    assert "p10" in meaning["range_low"] and "present_value" in meaning["range_low"]
    assert "p90" in meaning["range_high"] and "present_value" in meaning["range_high"]
    for basis in (engine.RANGE_PERCENTILES, engine.RANGE_WIDENED, engine.RANGE_NONE):
        assert basis in meaning["range_basis"]
    assert "aangevuld tot de centrale schatting" in meaning["range_basis"]
    # The pure percentiles keep their definition (decision 0046).
    assert meaning["p10"] == "Ondergrens (10e percentiel) van die waarde in euro's."
