"""Finance that fits (the third ask): income by source per kind of collective, from the yearly
facts, and grants by funder type (METHODOLOGY.md §8: municipality, province, national
government, funds, other), from the published impact reports. Every sum says how many
collectives or reports it comes from; a sum nobody reported is None ('onbekend'), never 0."""

from typing import TypedDict

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from opmars.impact.models import ImpactReport, ReportStatus
from opmars.monitor import metrics, summaries
from opmars.monitor.models import AreaYear, ReportYear
from opmars.registry.models import ActivePeriod
from opmars.registry.vocab import Kind

INCOME_SOURCES = {
    "income_grants": _("subsidies"),
    "income_contributions": _("ledenbijdragen"),
    "income_donations": _("giften"),
    "income_sales": _("verkoop en diensten"),
    "income_loans": _("leningen"),
    "income_other": _("overig"),
}
FUNDER_TYPES = dict(
    zip(
        ImpactReport.GRANT_FIELDS,
        (_("gemeente"), _("provincie"), _("Rijk"), _("fondsen"), _("overig")),
        strict=True,
    )
)


class Sourced(TypedDict):
    key: str
    label: str
    value: int | None  # euro; None when nobody reported it
    reported: int  # collectives (income) or reports (grants) the sum comes from


class IncomeRow(TypedDict):
    code: str  # a Kind value, or "" for all kinds together
    label: str
    active_during_year: int  # collectives of the kind active during part of the year
    reporting: int  # of those, with yearly facts over the year
    sources: list[Sourced]
    total: Sourced  # the sum of every source that was reported


class GrantRow(TypedDict):
    code: str
    label: str
    active_during_year: int
    reports: int  # published impact reports over the year
    funders: list[Sourced]
    total: Sourced


def _active_during(area: metrics.Area, year: int) -> dict[str, int]:
    """{kind: collectives active during at least part of `year`} in the area."""
    if summaries.usable(area, year):
        kept = summaries.of_kinds(AreaYear, area, year, "active_during")
        return {kind: row["active_during"] for kind, row in kept.items() if row["active_during"]}
    during = ActivePeriod.objects.filter(start_year__lte=year, end_year__gte=year)
    return dict(
        metrics.history_of(area, during)
        .values_list("collective__kind")
        .annotate(n=Count("collective_id", distinct=True))
    )


def _rounded(value: float | None) -> int | None:
    return None if value is None else round(value)


def _all_kinds(rows: list, fields: dict, counted: str, name: str) -> dict:
    """The row of all kinds together: sums of the kinds' sums (None stays None when no kind
    had any report of that source)."""
    sums = []
    for key, label in fields.items():
        known = [s["value"] for row in rows for s in row[name] if s["key"] == key]
        known = [v for v in known if v is not None]
        reported = sum(s["reported"] for row in rows for s in row[name] if s["key"] == key)
        sums.append(
            {
                "key": key,
                "label": str(label),
                "value": sum(known) if known else None,
                "reported": reported,
            }
        )
    return {
        "code": "",
        "label": str(_("Alle soorten")),
        "active_during_year": sum(row["active_during_year"] for row in rows),
        counted: sum(row[counted] for row in rows),
        name: sums,
        "total": _total(sums, sum(row[counted] for row in rows)),
    }


def _total(sums: list[Sourced], reported: int) -> Sourced:
    known = [s["value"] for s in sums if s["value"] is not None]
    return {
        "key": "total",
        "label": str(_("totaal (van wat gemeld is)")),
        "value": sum(known) if known else None,
        "reported": reported,
    }


def income_by_kind(area: metrics.Area, year: int) -> list[IncomeRow]:
    """Per kind with collectives active during `year` (and last, all kinds together): income
    by source over `year` from the yearly facts that count, with how many collectives reported
    each source. `total` adds the reported sources; `reported` there is the collectives with
    yearly facts."""
    facts = _income_sums(area, year)
    during = _active_during(area, year)
    rows: list[IncomeRow] = []
    for kind in Kind:
        if not during.get(kind.value) and kind.value not in facts:
            continue
        found = facts.get(kind.value, {})
        sources: list[Sourced] = [
            {
                "key": key,
                "label": str(label),
                "value": _rounded(found.get(f"sum_{key}")),
                "reported": found.get(f"n_{key}", 0),
            }
            for key, label in INCOME_SOURCES.items()
        ]
        reporting = found.get("reporting", 0)
        rows.append(
            {
                "code": kind.value,
                "label": str(kind.label),
                "active_during_year": during.get(kind.value, 0),
                "reporting": reporting,
                "sources": sources,
                "total": _total(sources, reporting),
            }
        )
    return [*rows, _all_kinds(rows, INCOME_SOURCES, "reporting", "sources")] if rows else []


def _income_sums(area: metrics.Area, year: int) -> dict[str, dict]:
    """{kind: {reporting, sum_<source>, n_<source>}} over the counted yearly facts (kinds with
    facts only); a sum nobody reported is None."""
    if summaries.usable(area, year):
        columns = [f"{key}_{part}" for key in INCOME_SOURCES for part in ("sum", "reported")]
        kept = summaries.of_kinds(AreaYear, area, year, "reporting", *columns)
        return {
            kind: {
                "reporting": row["reporting"],
                **{
                    f"sum_{key}": row[f"{key}_sum"] if row[f"{key}_reported"] else None
                    for key in INCOME_SOURCES
                },
                **{f"n_{key}": row[f"{key}_reported"] for key in INCOME_SOURCES},
            }
            for kind, row in kept.items()
            if row["reporting"]
        }
    aggregates = {"reporting": Count("id")}
    for key in INCOME_SOURCES:
        aggregates[f"sum_{key}"] = Sum(key)
        aggregates[f"n_{key}"] = Count(key)
    return {
        row.pop("collective__kind"): row
        for row in metrics.counted_facts(area, year)
        .order_by()
        .values("collective__kind")
        .annotate(**aggregates)
    }


def _grant_sums(area: metrics.Area, year: int) -> dict[str, dict]:
    """{kind: {reports, sum_<funder>}} over the published reports of `year` (kinds with one
    or more only)."""
    if summaries.usable(area, year):
        kept = summaries.of_kinds(ReportYear, area, year, "published", *FUNDER_TYPES)
        return {
            kind: {"reports": row["published"], **{f"sum_{key}": row[key] for key in FUNDER_TYPES}}
            for kind, row in kept.items()
            if row["published"]
        }
    published = Q(impact_reports__status=ReportStatus.PUBLISHED, impact_reports__year=year)
    aggregates = {"reports": Count("impact_reports__id", filter=published)}
    for key in FUNDER_TYPES:
        aggregates[f"sum_{key}"] = Sum(f"impact_reports__{key}", filter=published)
    return {
        row.pop("kind"): row
        for row in metrics.collectives(area)
        .order_by()
        .filter(published)
        .values("kind")
        .annotate(**aggregates)
    }


def grants_by_funder(area: metrics.Area, year: int) -> list[GrantRow]:
    """Per kind (and last, all kinds together): grants by funder type over `year` from the
    published impact reports of the area's collectives. A published report states each funder
    type (0 there is a reported nothing); a kind without reports has None, not 0. `reports` is
    the coverage: published reports against `active_during_year` collectives."""
    found = _grant_sums(area, year)
    during = _active_during(area, year)
    rows: list[GrantRow] = []
    for kind in Kind:
        if not during.get(kind.value) and kind.value not in found:
            continue
        row = found.get(kind.value, {})
        reports = row.get("reports", 0)
        funders: list[Sourced] = [
            {
                "key": key,
                "label": str(label),
                "value": _rounded(row.get(f"sum_{key}")) if reports else None,
                "reported": reports,
            }
            for key, label in FUNDER_TYPES.items()
        ]
        rows.append(
            {
                "code": kind.value,
                "label": str(kind.label),
                "active_during_year": during.get(kind.value, 0),
                "reports": reports,
                "funders": funders,
                "total": _total(funders, reports),
            }
        )
    return [*rows, _all_kinds(rows, FUNDER_TYPES, "reports", "funders")] if rows else []
