"""From an impact report to the engine and back: proxies of the pinned library, price indexing,
PM items, and the summary stored on the report (and shown on the page and in the API)."""

from opmars.impact import engine
from opmars.impact.models import ExchangeRate, PriceIndex, Proxy

VOLUNTEER_PROXY = "minimum_wage_hour_2025"
LOW_EVIDENCE = (1, 2)  # §8: grades 1–2


def price_tables():
    cpi = dict(PriceIndex.objects.values_list("year", "cpi"))
    gbp = dict(ExchangeRate.objects.values_list("year", "gbp_per_eur"))
    return cpi, gbp


def library_proxies(library):
    return {proxy.key: proxy for proxy in Proxy.objects.filter(library=library)}


def indexed(proxy, year, tables):
    cpi, gbp = tables
    return engine.index_price(proxy.value, proxy.currency, proxy.price_year, year, cpi, gbp)


def unit_value(indicator, proxies, year, tables):
    """Euros per unit of the indicator in prices of ``year``, with the range and how it was made."""
    proxy = proxies.get(indicator.proxy_key)
    if proxy is None:
        return None
    price = indexed(proxy, year, tables)
    scale = price.value / proxy.value if proxy.value else 0.0
    factor = indicator.factor
    factor_proxy = proxies.get(indicator.factor_key) if indicator.factor_key else None
    if factor_proxy is not None:
        factor *= factor_proxy.value
    value = price.value * factor
    # min/max: a range end equal to the central value may differ from it by rounding.
    low = min(proxy.low * scale * factor, value) if proxy.low is not None else None
    high = max(proxy.high * scale * factor, value) if proxy.high is not None else None
    return {
        "value": value,
        "low": low,
        "high": high,
        "proxy_key": proxy.key,
        "proxy_description": proxy.description,
        "proxy_value": proxy.value,
        "proxy_unit": proxy.unit,
        "currency": price.currency,
        "price_year": proxy.price_year,
        "index_year": price.index_year,
        "cpi_base": price.cpi_base,
        "cpi_report": price.cpi_report,
        "exchange_rate": price.exchange_rate,
        "benefit_transfer": price.benefit_transfer,
        "beyond_last_cpi_year": price.beyond_last_cpi_year,
        "factor": factor,
        "factor_key": factor_proxy.key if factor_proxy else "",
        "source": proxy.source,
        "status": proxy.status,
        "verified": proxy.verified,
    }


def volunteer_value(report, proxies, tables):
    if report.volunteer_hour_value is not None:
        return report.volunteer_hour_value
    proxy = proxies.get(VOLUNTEER_PROXY)
    return indexed(proxy, report.year, tables).value if proxy else 0.0


def report_inputs(report, proxies, tables):
    return engine.Inputs(
        grants=report.grants,
        member_contributions=report.member_contributions,
        donations=report.donations,
        in_kind=report.in_kind,
        volunteer_hours=report.volunteer_hours,
        volunteer_hour_value=volunteer_value(report, proxies, tables),
    )


def pm_reason(outcome):
    if not outcome.indicator.is_valued:
        return "geen_proxy"
    if not outcome.adjustments_confirmed:
        return "niet_bevestigd"
    return None


def summarise(
    report,
    outcomes,
    simulations=engine.DEFAULT_SIMULATIONS,
    seed=engine.DEFAULT_SEED,
    *,
    proxies=None,
    tables=None,
    monte_carlo=True,
):
    """Compute the report; returns the dict stored in ``ImpactReport.result``.

    ``proxies`` (key → Proxy) replaces the pinned library's, for a preview of a library version
    not yet made; ``tables`` saves reading the price tables again for many reports."""
    proxies = library_proxies(report.library_id) if proxies is None else proxies
    tables = price_tables() if tables is None else tables
    inputs = report_inputs(report, proxies, tables)
    valued, rows, pm = [], [], []
    for outcome in outcomes:
        row = _physical_row(outcome)
        reason = pm_reason(outcome)
        price = None if reason else unit_value(outcome.indicator, proxies, report.year, tables)
        if price is None:
            row["pm_reason"] = reason or "geen_proxy"
            pm.append(row)
            continue
        row["price"] = price
        rows.append(row)
        valued.append(_engine_outcome(outcome, price))
    summary = {
        "library_version": report.library.version,
        "year": report.year,
        "inputs": _inputs_dict(inputs),
        "valued": rows,
        "pm_items": pm,
        "physical": [_physical_row(o) for o in outcomes],
        "sdg_targets": _targets(outcomes),
        "last_cpi_year": max(tables[0]) if tables[0] else None,
    }
    if not valued:
        summary["calculation"] = None
        return summary
    result = engine.calculate(
        valued,
        inputs,
        report.discount_rate,
        simulations=simulations,
        seed=seed,
        monte_carlo=monte_carlo,
    )
    summary["calculation"] = result.as_dict()
    summary["top_outcomes"] = engine.top_outcomes(result)
    summary["low_evidence_share"] = _low_evidence_share(rows, result)
    return summary


def _engine_outcome(outcome, price):
    return engine.Outcome(
        quantity=outcome.quantity,
        proxy_value=price["value"],
        deadweight=outcome.deadweight / 100,
        attribution=outcome.attribution / 100,
        displacement=outcome.displacement / 100,
        drop_off=outcome.drop_off / 100,
        duration=outcome.duration,
        quantity_low=outcome.quantity_low,
        quantity_high=outcome.quantity_high,
        proxy_low=price["low"],
        proxy_high=price["high"],
        name=outcome.indicator.name,
        overlap_group=outcome.indicator.overlap_group or None,
    )


def _physical_row(outcome):
    indicator = outcome.indicator
    return {
        "indicator": indicator.code,
        "name": indicator.name,
        "unit": indicator.unit,
        "definition": indicator.definition,
        "description": outcome.description,
        "quantity": outcome.quantity,
        "quantity_low": outcome.quantity_low,
        "quantity_high": outcome.quantity_high,
        "evidence_grade": outcome.evidence_grade,
        "evidence_source": outcome.evidence_source,
        "deadweight": outcome.deadweight,
        "attribution": outcome.attribution,
        "displacement": outcome.displacement,
        "drop_off": outcome.drop_off,
        "duration": outcome.duration,
        "justification": outcome.justification,
        "relation": indicator.relation,
    }


def _inputs_dict(inputs):
    return {
        "grants": inputs.grants,
        "member_contributions": inputs.member_contributions,
        "donations": inputs.donations,
        "in_kind": inputs.in_kind,
        "volunteer_hours": inputs.volunteer_hours,
        "volunteer_hour_value": inputs.volunteer_hour_value,
        "volunteer_value": inputs.volunteer_value,
        "total": inputs.total,
    }


def _targets(outcomes):
    codes = []
    for outcome in outcomes:
        indicator = outcome.indicator
        for code in [indicator.primary_target_id, *_secondary(indicator)]:
            if code not in codes:
                codes.append(code)
    return codes


def _secondary(indicator):
    # Prefetched when the caller prefetched; tags filter, they never multiply (§5 rule 3).
    return [target.code for target in indicator.secondary_targets.all()]


def _low_evidence_share(rows, result):
    if result.present_value <= 0:
        return None
    low = sum(
        item["counted_value"]
        for row, item in zip(rows, result.outcomes, strict=True)
        if row["evidence_grade"] in LOW_EVIDENCE
    )
    return low / result.present_value


def apply_summary(report, summary):
    """Copy the headline numbers to columns, so areas can sum them in SQL."""
    calc = summary.get("calculation") or {}
    report.result = summary
    report.present_value = calc.get("present_value")
    report.inputs_total = summary["inputs"]["total"]
    report.sroi_ratio = calc.get("sroi_ratio")
    report.p10 = calc.get("p10")
    report.p50 = calc.get("p50")
    report.p90 = calc.get("p90")
