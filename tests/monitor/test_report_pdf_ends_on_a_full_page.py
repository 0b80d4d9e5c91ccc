"""The report PDF never ends on a nearly empty page: the four asks stay together, and when the
roomy layout would leave its last page less than half full, the charts are drawn smaller."""

import pytest

from opmars.monitor import metrics, report


def test_the_first_layout_whose_last_page_is_full_enough_is_chosen():
    assert report._best_layout({"roomy": 0.8, "compact": 0.4}.get) == "roomy"
    assert report._best_layout({"roomy": 0.2, "compact": 0.7}.get) == "compact"


def test_without_a_full_enough_layout_the_fullest_last_page_wins():
    assert report._best_layout({"roomy": 0.3, "compact": 0.1}.get) == "roomy"
    assert report._best_layout({"roomy": 0.1, "compact": 0.3}.get) == "compact"


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["GM0363", "GM0150", "GM0307"])
def test_a_municipalitys_report_ends_at_least_half_way_down_its_last_page(
    code, demo_set, monkeypatch
):
    fills = {}

    def measured(main, root, layout):
        fills[layout] = measure(main, root, layout)
        return fills[layout]

    measure = report._last_page_fill
    monkeypatch.setattr(report, "_last_page_fill", measured)
    content = report.report_content(metrics.municipality_area(code), 2024)
    assert report.report_pdf(content, report.report_texts()).startswith(b"%PDF")
    assert max(fills.values()) >= report.MIN_LAST_PAGE_FILL, fills
