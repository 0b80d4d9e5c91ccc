"""A report section that is one table of a metric is declared once (report.TABLE_SECTIONS):
the page and the PDF draw it by the same loop, so adding one touches no template. Every
figure links to its definition; an unknown figure reads "onbekend", never 0."""

import pytest

from opmars.monitor import metrics, report

pytestmark = pytest.mark.django_db


def reporting_share(area, year, figures):
    return [{"label": "Met jaargegevens", "url": None, "values": [figures["reporting"]]},
            {"label": "Zonder opgave", "url": None, "values": [None]}]  # fmt: skip


EXTRA = report.TableSection(
    "Proeftabel", "reporting", ("Groep", "Collectieven"), reporting_share, "Niets."
)


def test_a_declared_section_appears_on_the_page_and_in_the_pdf(client, monkeypatch, demo_set):
    monkeypatch.setattr(report, "TABLE_SECTIONS", (*report.TABLE_SECTIONS, EXTRA))
    page = client.get("/monitor/gemeenten/GM0363/rapport/?jaar=2024").content.decode()
    assert "<h2>Proeftabel</h2>" in page
    assert '#reporting">Collectieven</a>' in page and "onbekend" in page
    content = report.report_content(metrics.municipality_area("GM0363"), 2024)
    assert report.report_pdf(content, report.report_texts()).startswith(b"%PDF")


def test_the_networks_section_links_each_network(client, demo_set):
    page = client.get("/monitor/gemeenten/GM0363/rapport/?jaar=2024").content.decode()
    assert "<h2>Netwerken in dit gebied</h2>" in page
    assert '#networks">Actieve leden uit dit gebied</a>' in page
    assert 'href="/monitor/netwerken/' in page
