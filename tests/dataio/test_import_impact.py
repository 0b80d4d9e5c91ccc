"""Impact outcomes per collective and year: validated by the impact editor's own rules, a dry
run first, errors per row and column, upsert of draft reports, published reports left alone."""

import pytest

from opmars.accounts.models import AuditEvent
from opmars.dataio.importing import CREATE, ERROR, SKIP, UNCHANGED, UPDATE
from opmars.impact import actions
from opmars.impact.models import ImpactReport
from tests.dataio.helpers import run, write

pytestmark = pytest.mark.django_db

HEADER = (
    "Slug;Jaar;Indicator;Aantal;Laagste schatting;Hoogste schatting;Bewijskracht;"
    "Vrijwilligersuren;Subsidie gemeente\r\n"
)


def impact_csv(slug, rows):
    return HEADER + "".join(f"{slug};{row}\r\n" if row else "\r\n" for row in rows)


GOOD = [
    "2024;minder-eenzaam;35;25;45;3;1200;4.000,00",
    "2024;zorguren;1.250,5;;;2;;",
    "",
]


def test_dry_run_then_import_creates_one_draft_report_per_year(make_collective, tmp_path):
    collective = make_collective()
    path = write(tmp_path, impact_csv(collective.slug, GOOD))
    dry = run(path, kind="impact", dry_run=True)
    assert dry.counts[CREATE] == 2 and not dry.errors and not ImpactReport.objects.exists()

    report = run(path, kind="impact")
    assert report.imported
    saved = ImpactReport.objects.get(collective=collective, year=2024)
    assert saved.status == "concept" and saved.volunteer_hours == 1200
    assert saved.grant_municipality == 4000 and saved.inputs_total > 4000  # calculated
    assert [o.quantity for o in saved.outcomes.all()] == [35, 1250.5]
    assert AuditEvent.objects.filter(action="impact.report.save").count() == 1
    assert AuditEvent.objects.filter(action="impact.import").exists()


def test_reimport_changes_nothing_and_a_new_figure_updates_the_draft(make_collective, tmp_path):
    collective = make_collective()
    path = write(tmp_path, impact_csv(collective.slug, GOOD))
    run(path, kind="impact")
    again = run(path, kind="impact")
    assert again.counts[UNCHANGED] == 2 and again.counts[CREATE] == 0
    changed = write(tmp_path, impact_csv(collective.slug, [GOOD[0].replace(";35;", ";40;")]))
    assert run(changed, kind="impact").counts[UPDATE] == 1
    outcomes = ImpactReport.objects.get(collective=collective).outcomes.all()
    assert [o.quantity for o in outcomes] == [40]


def test_a_published_report_is_left_alone(make_collective, editor_user, tmp_path):
    collective = make_collective()
    path = write(tmp_path, impact_csv(collective.slug, GOOD))
    run(path, kind="impact")
    actions.publish_report(editor_user, ImpactReport.objects.get())
    changed = write(tmp_path, impact_csv(collective.slug, [GOOD[0].replace(";35;", ";40;")]))
    report = run(changed, kind="impact")
    assert report.counts[SKIP] == 1 and "gepubliceerd" in report.rows[0].notes[0]
    assert [o.quantity for o in ImpactReport.objects.get().outcomes.all()] == [35, 1250.5]


def test_errors_name_row_column_and_reason_in_dutch(make_collective, tmp_path):
    collective = make_collective()
    rows = [
        "2024;geen-indicator;10;;;2;;",  # unknown indicator
        "2024;zorguren;veel;;;2;;",  # not a number
        "2024;zorguren;10;20;5;2;;",  # range the wrong way round
        "2099;zorguren;10;;;2;;",  # a year in the future
        ";zorguren;10;;;2;;",  # no year
    ]
    path = write(tmp_path, impact_csv(collective.slug, rows) + "onbekend;2024;zorguren;1;;;2;;\r\n")
    report = run(path, kind="impact")
    assert not report.imported and not ImpactReport.objects.exists()
    by_row = {e.row: e for e in report.errors}
    assert by_row[2].column == "Indicator" and by_row[2].value == "geen-indicator"
    assert by_row[3].column == "Aantal" and by_row[3].value == "veel"
    assert by_row[4].column == "Laagste schatting" and "onder het aantal" in by_row[4].message
    assert "toekomst" in by_row[5].message
    assert by_row[6].column == "Jaar" and "Vul het jaar in" in by_row[6].message
    assert "staat niet in Opmars" in by_row[7].message
    assert report.counts[ERROR] == 6


def test_valid_only_imports_the_good_reports(make_collective, tmp_path):
    first, second = make_collective(name="Zorgcoöperatie Een"), make_collective(name="Twee")
    text = impact_csv(first.slug, GOOD[:2]) + f"{second.slug};2024;zorguren;abc;;;2;;\r\n"
    report = run(write(tmp_path, text), kind="impact", valid_only=True)
    assert report.imported and report.counts[CREATE] == 2 and report.counts[ERROR] == 1
    assert list(ImpactReport.objects.values_list("collective", flat=True)) == [first.pk]
