"""Income by source per kind of collective: each sum with how many collectives reported it,
beside how many of that kind were active; a source nobody of the kind reported is unknown."""

import pytest

from opmars.monitor import finance_figures, metrics
from opmars.registry.models import YearlyFacts

YEAR = metrics.last_complete_year()


@pytest.fixture
def zuilen(make_collective):
    energy = make_collective(name="Energie Zuilen", kind="energiecooperatie", municipality="GM0344")
    other = make_collective(name="Zon op Zuilen", kind="energiecooperatie", municipality="GM0344")
    make_collective(name="Zorg Zuilen", kind="zorgcooperatie", municipality="GM0344")
    YearlyFacts.objects.create(
        collective=energy, year=YEAR, income_sales=12000, income_grants=3000, income_loans=0
    )
    YearlyFacts.objects.create(collective=other, year=YEAR, income_sales=8000)
    return metrics.municipality_area("GM0344")


def row_of(rows, code):
    return next(row for row in rows if row["code"] == code)


def source(row, key):
    return next(s for s in row["sources"] if s["key"] == key)


@pytest.mark.django_db
def test_sums_per_kind_say_how_many_reported(zuilen):
    rows = finance_figures.income_by_kind(zuilen, YEAR)
    energy = row_of(rows, "energiecooperatie")
    assert energy["active_during_year"] == 2 and energy["reporting"] == 2
    assert source(energy, "income_sales") == {
        "key": "income_sales",
        "label": "verkoop en diensten",
        "value": 20000,
        "reported": 2,
    }
    assert source(energy, "income_grants")["value"] == 3000
    assert source(energy, "income_grants")["reported"] == 1
    # A reported 0 is a known 0; an unreported source is unknown.
    assert source(energy, "income_loans") == {**source(energy, "income_loans"), "value": 0}
    assert source(energy, "income_donations")["value"] is None
    assert source(energy, "income_donations")["reported"] == 0
    assert energy["total"]["value"] == 23000


@pytest.mark.django_db
def test_a_kind_without_facts_is_unknown_throughout_not_zero(zuilen):
    care = row_of(finance_figures.income_by_kind(zuilen, YEAR), "zorgcooperatie")
    assert care["active_during_year"] == 1 and care["reporting"] == 0
    assert all(s["value"] is None and s["reported"] == 0 for s in care["sources"])
    assert care["total"]["value"] is None


@pytest.mark.django_db
def test_the_last_row_is_all_kinds_together(zuilen):
    rows = finance_figures.income_by_kind(zuilen, YEAR)
    together = rows[-1]
    assert together["code"] == "" and together["active_during_year"] == 3
    assert together["reporting"] == 2
    assert source(together, "income_sales")["value"] == 20000
    assert source(together, "income_donations")["value"] is None


@pytest.mark.django_db
def test_the_monitor_page_shows_the_table_with_onbekend(client, zuilen):
    page = client.get(f"/monitor/gemeenten/GM0344/?jaar={YEAR}").content.decode()
    table = page.split('id="inkomsten-per-soort"', 1)[1].split("</table>", 1)[0]
    assert "20.000" in table and "onbekend" in table
    assert "/monitor/definities/#income_by_kind" in table
