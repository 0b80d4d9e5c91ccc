"""Income by source in a report: a source nobody reported is "onbekend", never €0, and every
sum says how many collectives reported it (METHODOLOGY: missing is null)."""

import pytest

from opmars.monitor import metrics, report
from opmars.registry.models import YearlyFacts

pytestmark = pytest.mark.django_db


def test_an_unreported_source_is_unknown_and_each_sum_counts_its_reporters(client, make_collective):
    first, second = make_collective(name="Een"), make_collective(name="Twee")
    YearlyFacts.objects.create(collective=first, year=2024, income_grants=1000, income_sales=0)
    YearlyFacts.objects.create(collective=second, year=2024, income_grants=500)
    code = first.municipality.code
    rows = {r["key"]: r for r in report.income(metrics.municipality_area(code), 2024)}
    assert (rows["income_grants"]["value"], rows["income_grants"]["reported"]) == (1500, 2)
    assert (rows["income_sales"]["value"], rows["income_sales"]["reported"]) == (0, 1)
    assert (rows["income_loans"]["value"], rows["income_loans"]["reported"]) == (None, 0)

    page = client.get(f"/monitor/gemeenten/{code}/rapport/?jaar=2024").content.decode()
    loans = page[page.index('<th scope="row">leningen') :][:200]
    assert '<td class="num">onbekend</td><td class="num">0</td>' in loans
    assert "Opgegeven door (collectieven)" in page
