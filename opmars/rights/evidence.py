"""What the local rights register says about an area: counts per right and status, the entries
with their sources, and the cases. For the rights pages, the API and the reports (ask 4).

A municipality without an entry for a right counts as "onbekend", exactly like an entry that
says "onbekend": unknown is never counted as "nee"."""

from collections import Counter

from django.db.models import Max
from django.utils.translation import gettext as _

from opmars.geo.models import Municipality, Province
from opmars.rights.models import LocalRight, Right, RightCase, Status

DEFINITION = (
    "Per recht het aantal gemeenten in het gebied waarvan het register van lokale rechten zegt "
    "dat hun regels (meestal de participatieverordening) het recht bevatten (ja), uitdrukkelijk "
    "niet (nee), of waarvan het niet bekend is (onbekend, ook: geen vermelding). Eenheid: "
    "aantal gemeenten (indeling 2024)."
)
SOURCE = (
    "Register van lokale rechten in Opmars; elke vermelding met brondocument en de datum "
    "waarop het is nagekeken."
)


def entry_row(entry):
    return {
        "municipality_code": entry.municipality_id,
        "municipality_name": entry.municipality.name,
        "right": entry.right,
        "right_label": str(Right(entry.right).label),
        "status": entry.status,
        "status_label": str(Status(entry.status).label),
        "since": entry.since,
        "instrument": entry.instrument,
        "source_url": entry.source_url,
        "source_date": entry.source_date,
        "last_checked": entry.last_checked,
        "note": entry.note,
        "demo": entry.is_demo,
        "pk": entry.pk,
    }


def case_row(case):
    return {
        "municipality_code": case.municipality_id,
        "municipality_name": case.municipality.name,
        "right": case.right,
        "right_label": str(Right(case.right).label),
        "collective_name": case.collective.name if case.collective else case.collective_name,
        "collective_slug": case.collective.slug if case.collective else "",
        "year": case.year,
        "subject": case.subject,
        "outcome": case.outcome,
        "outcome_label": str(case.get_outcome_display()),
        "source_url": case.source_url,
        "source_date": case.source_date,
        "note": case.note,
        "demo": case.is_demo,
        "pk": case.pk,
    }


def status_counts(codes):
    """{right: {"ja", "nee", "onbekend", "no_entry"}} over the municipality codes given;
    "onbekend" includes the municipalities without an entry (also counted apart in no_entry)."""
    codes = set(codes)
    stored = Counter(
        (right, status)
        for right, status in LocalRight.objects.filter(municipality_id__in=codes).values_list(
            "right", "status"
        )
    )
    result = {}
    for right in Right.values:
        yes, no = stored[(right, Status.JA)], stored[(right, Status.NEE)]
        result[right] = {
            "ja": yes,
            "nee": no,
            "onbekend": len(codes) - yes - no,
            "no_entry": len(codes) - yes - no - stored[(right, Status.ONBEKEND)],
        }
    return result


def municipality_codes(area):
    """The CBS codes of the municipalities an Area is about; None for a scope without them."""
    if area.scope == "national":
        return list(Municipality.objects.values_list("code", flat=True))
    if area.scope == "province":
        return list(
            Municipality.objects.filter(province_id=area.code).values_list("code", flat=True)
        )
    if area.scope == "municipality":
        return [area.code] if Municipality.objects.filter(code=area.code).exists() else []
    if area.scope == "network":
        # The municipalities where its (publicly listed) members are seated.
        return sorted(
            {
                code
                for code in area.selected.order_by().values_list("municipality_id", flat=True)
                if code
            }
        )
    return None


def rights_for_area(area):
    """The local rights evidence for a monitor Area (national, province, municipality or
    network); None for another scope (a kind of collective has no municipalities).

    {
      "municipalities": number of municipalities in the area,
      "rights": [{"code", "label", "ja", "nee", "onbekend", "no_entry"}] one per right,
      "entries": [entry_row …] every stored entry in the area (with source and dates),
      "cases": [case_row …] the cases in the area's municipalities, newest first,
      "demo": True when any entry or case shown is a fictitious example,
      "as_of": the latest last_checked date of the entries (None without entries),
      "definition", "source": texts to print with the figures,
    }"""
    codes = municipality_codes(area)
    if codes is None:
        return None
    counts = status_counts(codes)
    entries = [
        entry_row(e)
        for e in LocalRight.objects.filter(municipality_id__in=codes)
        .select_related("municipality")
        .order_by("municipality__name", "right")
    ]
    cases = [
        case_row(c)
        for c in RightCase.objects.filter(municipality_id__in=codes).select_related(
            "municipality", "collective"
        )
    ]
    as_of = LocalRight.objects.filter(municipality_id__in=codes).aggregate(d=Max("last_checked"))
    return {
        "municipalities": len(codes),
        "rights": [
            {"code": right.value, "label": str(right.label), **counts[right.value]}
            for right in Right
        ],
        "entries": entries,
        "cases": cases,
        "demo": any(e["demo"] for e in entries) or any(c["demo"] for c in cases),
        "as_of": as_of["d"],
        "definition": _(DEFINITION),
        "source": _(SOURCE),
    }


def municipality_rights(municipality):
    """One row per right for a municipality's page and the API: its entry, or unknown."""
    stored = {e.right: e for e in LocalRight.objects.filter(municipality=municipality)}
    rows = []
    for right in Right:
        entry = stored.get(right.value)
        if entry is None:
            rows.append(
                {
                    "right": right.value,
                    "right_label": str(right.label),
                    "status": Status.ONBEKEND.value,
                    "status_label": str(Status.ONBEKEND.label),
                    "since": None,
                    "instrument": "",
                    "source_url": "",
                    "source_date": None,
                    "last_checked": None,
                    "note": "",
                    "demo": False,
                    "pk": None,
                    "stored": False,
                }
            )
        else:
            entry.municipality = municipality
            rows.append(entry_row(entry) | {"stored": True})
    return rows


def municipality_cases(municipality):
    return [
        case_row(c)
        for c in RightCase.objects.filter(municipality=municipality).select_related(
            "municipality", "collective"
        )
    ]


def province_table():
    """Per province: municipalities, and per right the counts of ja / nee / onbekend."""
    by_province = {}
    for code, province in Municipality.objects.values_list("code", "province_id"):
        by_province.setdefault(province, []).append(code)
    rows = []
    for province in Province.objects.order_by("name"):
        codes = by_province.get(province.code, [])
        counts = status_counts(codes)
        rows.append(
            {
                "code": province.code,
                "name": province.name,
                "municipalities": len(codes),
                "rights": [{"code": r.value, **counts[r.value]} for r in Right],
            }
        )
    return rows
