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
from opmars.impact import actions
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
