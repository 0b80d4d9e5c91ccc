"""Published figures the platform's counts are set against: churches, unions and parties (the
"nieuwe zuil" claim) and the sector's own monitors (coverage). Read from the package's copy of
reference_figures.csv; each figure keeps its unit, date and source."""

import csv
import functools
from pathlib import Path

from django.utils.translation import gettext_lazy as _

FIGURES_CSV = Path(__file__).resolve().parent.parent / "data" / "reference_figures.csv"

# Dutch labels for the subjects the CSV names in English.
SUBJECT_LABELS = {
    "Rooms-Katholieke Kerk": _("Rooms-Katholieke Kerk"),
    "Protestantse Kerk in Nederland": _("Protestantse Kerk in Nederland"),
    "Trade unions (all)": _("Vakbonden (alle)"),
    "FNV": _("FNV"),
    "Political parties (all)": _("Politieke partijen (alle)"),
    "Energy cooperatives": _("Energiecoöperaties"),
    "Energy cooperative members": _("Leden van energiecoöperaties"),
    "Local energy collectives": _("Lokale energiecollectieven"),
    "Zorgzame gemeenschappen (care communities)": _("Zorgzame gemeenschappen"),
    "Village and village-hall organisations supported by LVKK": _(
        "Dorps- en dorpshuisorganisaties die LVKK ondersteunt"
    ),
    "People active in the village movement": _("Mensen actief in de dorpenbeweging"),
    "Burgercollectieven (lower bound)": _("Burgercollectieven (ondergrens)"),
    "Economically active cooperatives (all kinds)": _(
        "Economisch actieve coöperaties (alle soorten)"
    ),
    "Initiatives registered on MAEX": _("Initiatieven op MAEX"),
}
UNIT_LABELS = {
    "members": _("leden"),
    "registered members": _("ingeschreven leden"),
    "collectives": _("collectieven"),
    "organisations": _("organisaties"),
    "people": _("mensen"),
}


@functools.cache
def reference_figures():
    with FIGURES_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [
        {
            "key": row["key"],
            "group": row["group"],
            "subject": row["subject"],
            "value": int(row["value"]),
            "unit": row["unit"],
            "date": row["reference_date"] or None,
            "source": row["source"],
            "source_url": row["source_url"],
            "note": row["note"],
        }
        for row in rows
    ]


def labelled(figure):
    """The figure with Dutch subject and unit labels for pages and reports."""
    return {
        **figure,
        "subject_label": str(SUBJECT_LABELS.get(figure["subject"], figure["subject"])),
        "unit_label": str(UNIT_LABELS.get(figure["unit"], figure["unit"])),
    }


def pillar_figures():
    """Church, union and party membership, largest first."""
    rows = [labelled(f) for f in reference_figures() if f["group"] == "comparison"]
    return sorted(rows, key=lambda f: -f["value"])


def energy_cooperatives_by_year():
    """{year: figure} of the Lokale Energie Monitor's count of energy collectives."""
    return {
        int(f["date"][:4]): labelled(f)
        for f in reference_figures()
        if f["key"].startswith(("energy_coops_", "energy_collectives_")) and f["date"]
    }


def coverage_rows(platform_active_by_year):
    """Published energy-collective counts next to the platform's count at the end of that year."""
    rows = []
    for year, figure in sorted(energy_cooperatives_by_year().items()):
        counted = platform_active_by_year.get(year)
        rows.append(
            {
                "year": year,
                "published": figure["value"],
                "source": figure["source"],
                "source_url": figure["source_url"],
                "date": figure["date"],
                "counted": counted,
                "coverage": round(counted / figure["value"], 3) if counted is not None else None,
            }
        )
    return rows


def movement_figures():
    return [labelled(f) for f in reference_figures() if f["group"] == "movement"]
