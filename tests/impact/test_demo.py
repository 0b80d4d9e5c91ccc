"""Demo impact reports: a third of the demo collectives, published, fictitious, consistent."""

import pytest

from opmars.impact.demo import generate_impact_demo
from opmars.impact.models import ImpactReport
from opmars.impact.query import with_result
from opmars.registry.demo import generate_demo
from opmars.registry.models import Collective

pytestmark = pytest.mark.django_db


def test_demo_reports_are_published_fictitious_and_match_their_full_result():
    generate_demo(300, seed=3)
    generate_impact_demo(seed=3)
    reports = ImpactReport.objects.all()
    share = reports.count() / Collective.objects.count()
    assert 0.2 < share < 0.45
    assert not reports.exclude(status="gepubliceerd").exists()
    assert not reports.filter(is_demo=False).exists()
    for report in reports.exclude(present_value=None)[:15]:
        stored = (report.present_value, report.p10, report.p90, report.inputs_total)
        full = with_result(report).result
        calc = full["calculation"]
        assert calc["present_value"] == pytest.approx(stored[0], rel=1e-9)
        assert full["inputs"]["total"] == pytest.approx(stored[3], rel=1e-9)
        if stored[1] is not None:
            assert calc["p10"] == pytest.approx(stored[1], rel=1e-6)
            assert calc["p90"] == pytest.approx(stored[2], rel=1e-6)
