"""Reading impact data: the catalogue, published reports, and the area aggregate."""

from django.db.models import Count, Prefetch, Sum
from django.db.models.functions import Coalesce, Greatest, Least

from opmars.caching import store
from opmars.impact import compute, engine
from opmars.impact.models import ImpactReport, Indicator, ReportOutcome, ReportStatus


def catalogue():
    return Indicator.objects.select_related("primary_target").prefetch_related("secondary_targets")


def report_outcomes(report):
    return list(
        report.outcomes.select_related("indicator").prefetch_related("indicator__secondary_targets")
    )


def with_result(report):
    """Demo reports are stored without the full result; compute it where it is shown, and keep
    it in the cache for this data generation (a read writes nothing to the database). Same
    inputs, same seed: the numbers equal the stored columns."""
    if not report.result:
        summary = store.cached(
            "impact-result",
            report.pk,
            compute=lambda: compute.summarise(report, report_outcomes(report)),
        )
        compute.apply_summary(report, summary)
    return report


def published_reports(collective):
    reports = (
        collective.impact_reports.filter(status=ReportStatus.PUBLISHED)
        .select_related("library")
        .prefetch_related(
            Prefetch("outcomes", queryset=ReportOutcome.objects.select_related("indicator"))
        )
        .order_by("-year")
    )
    return [with_result(r) for r in reports]


def aggregate(reports=None, year=None):
    """Σ PV / Σ I over published reports that have a value; bounds: the sums of each report's
    shown range (§8 with decision 0046: P10 … P90, widened to the report's central value), as
    engine.shown_range makes it, here in SQL.

    Reports without a valued outcome have no PV (null, not 0) and are left out of both sums.
    A report without ranges counts its central value at both bounds.
    """
    reports = ImpactReport.objects.all() if reports is None else reports
    reports = reports.filter(status=ReportStatus.PUBLISHED, present_value__isnull=False)
    if year is not None:
        reports = reports.filter(year=year)
    totals = reports.aggregate(
        count=Count("pk"),
        pv=Sum("present_value"),
        inputs=Sum("inputs_total"),
        # A report without ranges has no percentiles: its central value is both ends.
        p10=Sum(Least(Coalesce("p10", "present_value"), "present_value")),
        p90=Sum(Greatest(Coalesce("p90", "present_value"), "present_value")),
    )
    pv, inputs = totals["pv"] or 0.0, totals["inputs"] or 0.0
    return {
        "count": totals["count"],
        "present_value": pv,
        "inputs": inputs,
        "sroi_ratio": engine.ratio(pv, inputs),
        "lower_bound": totals["p10"],
        "upper_bound": totals["p90"],
    }


def latest_published_year():
    return (
        ImpactReport.objects.filter(status=ReportStatus.PUBLISHED)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
