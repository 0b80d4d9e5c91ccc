"""Proxy library v1, price tables and indicator catalogue, loaded after migrate."""

import pytest

from opmars.impact import compute
from opmars.impact.models import Indicator, Proxy, ProxyLibrary
from opmars.impact.reference import load_impact_reference

pytestmark = pytest.mark.django_db


def test_library_and_catalogue_are_loaded_idempotently():
    load_impact_reference()
    load_impact_reference()
    library = ProxyLibrary.objects.get(version=1)
    assert library.proxies.count() == 10
    assert Indicator.objects.count() >= 20
    themes = set(Indicator.objects.values_list("theme", flat=True))
    assert {"energie", "zorg", "leefbaarheid", "werk", "natuur", "voedsel", "mobiliteit"} <= themes
    for indicator in Indicator.objects.all():
        assert indicator.unit and indicator.definition and indicator.evidence_guidance
        assert indicator.primary_target_id
        if indicator.proxy_key:
            assert library.proxies.filter(key=indicator.proxy_key).exists()


def test_every_proxy_has_value_unit_year_and_source():
    for proxy in Proxy.objects.all():
        assert proxy.unit and proxy.price_year and proxy.source
    assert Proxy.objects.get(key="loneliness_severe_2020").currency == "GBP"
    assert Proxy.objects.get(key="wellby_2019").verified is False  # secondary source


def test_kwh_is_valued_as_avoided_co2_in_report_year_prices():
    # €0.13/kg (2021) × 0.374 kg/kWh × CPI 2024 / CPI 2021 = 0.04862 × 96.90 / 82.08 = €0.057399.
    indicator = Indicator.objects.get(code="hernieuwbare-kwh")
    proxies = compute.library_proxies(ProxyLibrary.objects.get(version=1))
    price = compute.unit_value(indicator, proxies, 2024, compute.price_tables())
    assert price["value"] == pytest.approx(0.13 * 0.374 * 96.90 / 82.08)
    assert price["low"] == pytest.approx(0.05 * 0.374 * 96.90 / 82.08)
    assert price["cpi_base"] == 82.08 and price["index_year"] == 2024


def test_uk_proxy_is_converted_and_marked_as_benefit_transfer():
    # £9,900 (2020) ÷ 0.88970 GBP/EUR = €11,127.34 × CPI 2024 / CPI 2020 (96.90 / 79.94).
    indicator = Indicator.objects.get(code="minder-eenzaam")
    proxies = compute.library_proxies(ProxyLibrary.objects.get(version=1))
    price = compute.unit_value(indicator, proxies, 2024, compute.price_tables())
    assert price["value"] == pytest.approx(9900 / 0.88970 * 96.90 / 79.94)
    assert price["benefit_transfer"] and price["exchange_rate"] == 0.88970


def test_report_year_beyond_the_last_cpi_year_says_so():
    indicator = Indicator.objects.get(code="zorguren")
    proxies = compute.library_proxies(ProxyLibrary.objects.get(version=1))
    price = compute.unit_value(indicator, proxies, 2027, compute.price_tables())
    assert price["index_year"] == 2025 and price["beyond_last_cpi_year"]
    assert price["value"] == pytest.approx(18.8 * 100 / 90.29)
