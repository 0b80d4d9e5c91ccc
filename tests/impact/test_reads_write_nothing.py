"""Showing impact reports writes nothing: a demo report stored without its full result gets it
computed for the page, not saved by the read."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opmars.impact.demo import create_draft_report
from opmars.impact.models import ImpactReport, ReportStatus

pytestmark = pytest.mark.django_db
WRITES = ("INSERT", "UPDATE", "DELETE")


def test_the_impact_page_of_a_report_without_its_result_writes_nothing(client, make_collective):
    collective = make_collective()
    report = create_draft_report(collective)
    ImpactReport.objects.filter(pk=report.pk).update(status=ReportStatus.PUBLISHED)
    assert ImpactReport.objects.get(pk=report.pk).result == {}
    with CaptureQueriesContext(connection) as queries:
        page = client.get(f"/collectieven/{collective.slug}/impact/")
    assert page.status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
    assert writes == []
    assert ImpactReport.objects.get(pk=report.pk).result == {}
    shown = page.context["reports"][0]
    assert shown["summary"]["year"] == report.year and shown["valued"]  # computed for the page
