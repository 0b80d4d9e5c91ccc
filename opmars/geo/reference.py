"""Load the reference data shipped in opmars/data into the database (idempotent)."""

import csv
from collections import Counter, defaultdict
from datetime import date

from django.db import transaction

from opmars.caching import generation
from opmars.geo.models import (
    HistoricMunicipality,
    Municipality,
    Postcode,
    Province,
    SdgGoal,
    SdgTarget,
)
from opmars.geo.shapes import DATA_DIR, municipality_code_at
from opmars.text import name_key

# A successor must hold at least this share of a former municipality's postcodes; smaller
# shares are geocoding noise near borders, not a split.
MIN_SUCCESSOR_SHARE = 0.1
# Known defects in the 2014 names of pc4_centroids.csv (see SOURCES.md): 9790-9798 say "Glas",
# but they lay in the former municipality of Ten Boer.
CORRECTED_2014_NAMES = {"Glas": "Ten Boer"}


def read_csv(name):
    with open(DATA_DIR / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@transaction.atomic
def load_reference_data():
    load_provinces_and_municipalities()
    pc4_rows = load_postcodes()
    load_history(pc4_rows)
    load_sdgs()
    generation.bump()


def load_provinces_and_municipalities():
    for row in read_csv("provincies.csv"):
        Province.objects.update_or_create(
            code=row["provinciecode"],
            defaults={
                "name": row["provincienaam"],
                "iso_code": row["iso_3166_2"],
                "population": int(row["inwoners_2024_01_01"]),
            },
        )
    for row in read_csv("gemeenten.csv"):
        Municipality.objects.update_or_create(
            code=row["gemeentecode"],
            defaults={
                "name": row["gemeentenaam"],
                "province_id": row["provinciecode"],
                "population": int(row["inwoners_2024_01_01"]),
                "centroid_lat": float(row["centroid_lat"]),
                "centroid_lon": float(row["centroid_lon"]),
            },
        )


def load_postcodes():
    """Each PC4 gets the 2024 municipality its point lies in; the 2014 names are not trusted."""
    rows = read_csv("pc4_centroids.csv")
    Postcode.objects.all().delete()
    postcodes = []
    for row in rows:
        lat, lon = float(row["latitude"]), float(row["longitude"])
        row["municipality_code"] = municipality_code_at(lat, lon)
        if row["municipality_code"] is None:
            continue
        postcodes.append(
            Postcode(
                pc4=int(row["postcode"]),
                place=row["woonplaats"],
                lat=lat,
                lon=lon,
                municipality_id=row["municipality_code"],
            )
        )
    Postcode.objects.bulk_create(postcodes, batch_size=1000)
    return rows


def load_history(pc4_rows):
    current_codes = set(Municipality.objects.values_list("code", flat=True))
    by_2014_name = defaultdict(Counter)
    by_place = defaultdict(Counter)
    # PO-box postcodes have no area of their own (SOURCES.md), and an address postcode geocoded
    # onto a PO box's exact point was placed by a fallback: neither says anything about borders.
    po_box_points = {(r["latitude"], r["longitude"]) for r in pc4_rows if r["soort"] == "Postbus"}
    for row in pc4_rows:
        if row["municipality_code"] and (row["latitude"], row["longitude"]) not in po_box_points:
            name_2014 = CORRECTED_2014_NAMES.get(row["gemeente_2014"], row["gemeente_2014"])
            by_2014_name[name_key(name_2014)][row["municipality_code"]] += 1
            by_place[name_key(row["woonplaats"])][row["municipality_code"]] += 1

    HistoricMunicipality.objects.all().delete()
    for row in read_csv("gemeenten_historie.csv"):
        historic = HistoricMunicipality.objects.create(
            code=row["gemeentecode"],
            name=row["gemeentenaam"],
            province_name=row["provincienaam"],
            begin=date.fromisoformat(row["begindatum"]),
            end=date.fromisoformat(row["einddatum"]) if row["einddatum"] else None,
        )
        if historic.code in current_codes:
            historic.successors.set([historic.code])
            continue
        key = name_key(historic.name)
        historic.successors.set(successor_codes(by_2014_name.get(key) or by_place.get(key)))


def successor_codes(counts):
    if not counts:
        return []
    total = sum(counts.values())
    return sorted(code for code, n in counts.items() if n / total >= MIN_SUCCESSOR_SHARE)


def load_sdgs():
    for row in read_csv("sdg_goals.csv"):
        SdgGoal.objects.update_or_create(
            number=int(row["goal"]),
            defaults={
                "short_title_en": row["short_title_en"],
                "short_title_nl": row["short_title_nl"],
                "title_en": row["title_en"],
                "color": row["color_hex"],
            },
        )
    for position, row in enumerate(read_csv("sdg_targets.csv")):
        SdgTarget.objects.update_or_create(
            code=row["target"],
            defaults={
                "goal_id": int(row["goal"]),
                "position": position,
                "target_type": row["target_type"],
                "title_en": row["title_en"],
            },
        )
