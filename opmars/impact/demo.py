"""Fictitious published impact reports for about a third of the demo collectives.

Fast at 100,000 collectives: a few dozen report templates per kind are computed in full
(Monte Carlo included); each collective gets a template scaled by a factor k. PV, inputs and
the percentiles are linear in k (quantities and inputs both scale; the triangular draws of
the same seed scale too), so the stored columns are exact; the full result is computed where a
page shows it (impact.query.with_result), never written back by that read.
"""

import random

from django.db import transaction

from opmars.caching import generation
from opmars.impact import compute
from opmars.impact.models import (
    ImpactReport,
    Indicator,
    ProxyLibrary,
    ReportOutcome,
    ReportStatus,
)
from opmars.registry import demo_start
from opmars.registry.models import Collective

YEAR = 2025
SHARE = 1 / 3
TEMPLATES_PER_PROFILE = 4
BATCH = 5000
JUSTIFICATION = "Fictief: standaardwaarde uit de catalogus."

# kind -> [(indicator, low, high)] quantities for a mid-sized collective.
COMMUNITY = [
    ("activiteiten", 10, 120),
    ("deelnemers", 200, 3000),
    ("bereikte-bewoners", 50, 800),
    ("minder-eenzaam", 3, 20),
    ("zorguren", 200, 4000),
]
PROFILES = {
    "energiecooperatie": [
        ("hernieuwbare-kwh", 150_000, 3_000_000),
        ("kwh-bespaard", 10_000, 200_000),
        ("bereikte-bewoners", 100, 2000),
    ],
    "zorgcooperatie": [
        ("zorguren", 2000, 20000),
        ("mantelzorg-ontlast", 300, 5000),
        ("minder-eenzaam", 5, 30),
        ("huisartsbezoek-vermeden", 20, 300),
    ],
    "lokaal_fonds": [("euros-toegekend", 5000, 100_000), ("projecten-gefinancierd", 3, 40)],
    "natuurcollectief": [("groen-m2", 500, 50_000), ("bomen", 10, 500), ("welzijn-punt", 2, 10)],
    "voedselcollectief": [
        ("lokaal-voedsel", 1000, 40_000),
        ("deelnemers", 100, 2000),
        ("minder-eenzaam", 2, 12),
    ],
    "mobiliteitscollectief": [("deelauto-km", 20_000, 400_000), ("co2-vermeden", 2, 40)],
    "wooncooperatie": [
        ("woningen-geisoleerd", 5, 80),
        ("kwh-bespaard", 5000, 80_000),
        ("minder-eenzaam", 2, 10),
    ],
    "sociale_onderneming": [
        ("werkervaringsplaatsen", 2, 30),
        ("banen", 1, 15),
        ("welzijn-punt", 2, 12),
    ],
}


def generate_impact_demo(seed=1, progress=None, share=SHARE):
    """``share`` of the demo collectives without a report get one (the benchmark asks for 1)."""
    rng = random.Random(seed * 7919 + 3)
    library, indicators = _catalogue()
    templates = {}
    # The journey's buurtcoöperatie has none: its volunteer fills in the first (demo_start).
    chosen = [
        (pk, kind)
        for pk, kind in Collective.objects.filter(is_demo=True, impact_reports__isnull=True)
        .exclude(slug=demo_start.SLUG)
        .order_by("pk")
        .values_list("pk", "kind")
        if rng.random() < share
    ]
    for start in range(0, len(chosen), BATCH):
        _create_batch(rng, chosen[start : start + BATCH], library, indicators, templates)
    # Bulk inserts bypass the service functions (and their audit events).
    generation.bump()
    if progress:
        progress(f"{len(chosen)} fictieve impactrapportages gemaakt")


@transaction.atomic
def create_draft_report(collective, seed=1):
    """A fictitious draft report over the year after the published ones, for the demo editor's
    collective: the municipality viewer then sees what the editors' consent shows them, and the
    editor has a draft to finish. Nothing when the collective already has a report that year."""
    year = YEAR + 1
    if collective.impact_reports.filter(year=year).exists():
        return None
    library, indicators = _catalogue()
    rng = random.Random(seed * 7919 + collective.pk)
    template, outcomes, summary = _make_template(rng, collective.kind, library, indicators)
    report = _scaled_report(template, summary, 1)
    report.collective, report.year, report.status = collective, year, ReportStatus.DRAFT
    report.save()
    ReportOutcome.objects.bulk_create(_scaled_outcome(report, outcome, 1) for outcome in outcomes)
    generation.bump()  # a bulk write, past the service functions
    return report


def _catalogue():
    """The proxy library the demo reports use, and the indicators by code."""
    library = ProxyLibrary.objects.get(version=1)
    return library, {i.code: i for i in Indicator.objects.prefetch_related("secondary_targets")}


def _template(rng, kind, library, indicators, templates):
    variants = templates.setdefault(kind, [])
    if len(variants) < TEMPLATES_PER_PROFILE:
        variants.append(_make_template(rng, kind, library, indicators))
    return rng.choice(variants)


def _make_template(rng, kind, library, indicators):
    report = ImpactReport(library=library, year=YEAR, discount_rate=0.0225)
    report.grant_municipality = rng.choice([0, 2000, 5000, 10_000, 25_000])
    report.grant_funds = rng.choice([0, 0, 1500, 5000])
    report.member_contributions = rng.choice([500, 2500, 8000, 20_000])
    report.donations = rng.choice([0, 250, 1000])
    report.in_kind = rng.choice([0, 500, 2000])
    report.volunteer_hours = rng.choice([300, 800, 1500, 4000])
    outcomes = []
    for position, (code, low, high) in enumerate(PROFILES.get(kind, COMMUNITY)):
        indicator = indicators[code]
        quantity = float(round(rng.uniform(low, high)))
        ranged = rng.random() < 0.6
        outcomes.append(
            ReportOutcome(
                indicator=indicator,
                quantity=quantity,
                quantity_low=round(quantity * 0.8) if ranged else None,
                quantity_high=round(quantity * 1.2) if ranged else None,
                evidence_grade=rng.choice([2, 2, 3, 4]),
                evidence_source="Fictief: eigen registratie",
                deadweight=indicator.deadweight,
                attribution=indicator.attribution,
                displacement=indicator.displacement,
                adjustments_confirmed=rng.random() < 0.9,
                justification=JUSTIFICATION,
                drop_off=indicator.drop_off,
                duration=indicator.duration,
                position=position,
            )
        )
    summary = compute.summarise(report, outcomes)
    return report, outcomes, summary


@transaction.atomic
def _create_batch(rng, chosen, library, indicators, templates):
    reports, plans = [], []
    for pk, kind in chosen:
        template, outcomes, summary = _template(rng, kind, library, indicators, templates)
        k = round(rng.lognormvariate(0, 0.6), 2) or 0.01
        report = _scaled_report(template, summary, k)
        report.collective_id = pk
        reports.append(report)
        plans.append((outcomes, k))
    ImpactReport.objects.bulk_create(reports)
    ReportOutcome.objects.bulk_create(
        _scaled_outcome(report, outcome, k)
        for report, (outcomes, k) in zip(reports, plans, strict=True)
        for outcome in outcomes
    )


def _scaled_report(template, summary, k):
    calc = summary.get("calculation") or {}
    fields = [
        "grant_municipality",
        "grant_funds",
        "member_contributions",
        "donations",
        "in_kind",
        "volunteer_hours",
    ]
    report = ImpactReport(
        library_id=template.library_id,
        year=YEAR,
        status=ReportStatus.PUBLISHED,
        discount_rate=template.discount_rate,
        is_demo=True,
        result={},
        inputs_total=summary["inputs"]["total"] * k,
        sroi_ratio=calc.get("sroi_ratio"),
        **{name: getattr(template, name) * k for name in fields},
    )
    for name in ("present_value", "p10", "p50", "p90"):
        value = calc.get(name)
        setattr(report, name, value * k if value is not None else None)
    return report


def _scaled_outcome(report, outcome, k):
    def scaled(value):
        return value * k if value is not None else None

    return ReportOutcome(
        report=report,
        indicator=outcome.indicator,
        quantity=outcome.quantity * k,
        quantity_low=scaled(outcome.quantity_low),
        quantity_high=scaled(outcome.quantity_high),
        evidence_grade=outcome.evidence_grade,
        evidence_source=outcome.evidence_source,
        deadweight=outcome.deadweight,
        attribution=outcome.attribution,
        displacement=outcome.displacement,
        adjustments_confirmed=outcome.adjustments_confirmed,
        justification=outcome.justification,
        drop_off=outcome.drop_off,
        duration=outcome.duration,
        position=outcome.position,
    )
