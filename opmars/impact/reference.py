"""Load proxy library version 1, the price tables and the catalogue (idempotent).

Connected to post_migrate in ImpactConfig.ready(); also safe to call by hand.
"""

import csv
from datetime import date

from django.db import transaction

from opmars.caching import generation
from opmars.geo.models import SdgTarget
from opmars.geo.shapes import DATA_DIR
from opmars.impact.catalogue import INDICATORS
from opmars.impact.models import ExchangeRate, Indicator, PriceIndex, Proxy, ProxyLibrary

# Proxies whose value we checked against the source cited in the CSV (status "source");
# "secondary" values stay unverified until someone checks the primary PDF.
VERIFIED_STATUS = "source"


def _rows(name):
    with open(DATA_DIR / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _number(text):
    return float(text) if text not in ("", None) else None


def load_impact_reference(**kwargs):
    with transaction.atomic():
        load_prices()
        load_library()
        load_catalogue()
        generation.bump()


def load_prices():
    for row in _rows("cpi_nl.csv"):
        PriceIndex.objects.update_or_create(
            year=int(row["year"]),
            defaults={"cpi": float(row["cpi"]), "base": row["base"], "source": row["source"]},
        )
    for row in _rows("gbp_eur.csv"):
        ExchangeRate.objects.update_or_create(
            year=int(row["year"]),
            defaults={"gbp_per_eur": float(row["gbp_per_eur_avg"]), "source": row["source"]},
        )


def load_library():
    """Version 1 is written once and never changed: a new value means a new version."""
    library, created = ProxyLibrary.objects.get_or_create(
        version=1,
        defaults={
            "released": date(2026, 1, 1),
            "note": "METHODOLOGY.md v0.1, data/financial_proxies.csv",
        },
    )
    if not created and library.proxies.exists():
        return
    Proxy.objects.bulk_create(
        Proxy(
            library=library,
            key=row["key"],
            description=row["description"],
            value=float(row["value"]),
            low=_number(row["low"]),
            high=_number(row["high"]),
            unit=row["unit"],
            currency=row["currency"],
            price_year=int(row["price_year"]),
            source=row["source"],
            status=row["status"],
            verified=row["status"] == VERIFIED_STATUS,
            note=row["note"],
        )
        for row in _rows("financial_proxies.csv")
    )


def load_catalogue():
    if not SdgTarget.objects.exists():
        # post_migrate runs before the geo reference data; the catalogue needs the SDG targets.
        from opmars.geo.reference import load_sdgs

        load_sdgs()
    for position, row in enumerate(INDICATORS):
        (code, theme, name, unit, definition, primary, secondary, relation, un, iris, proxy,
         factor_key, factor, (dw, at, ds), drop_off, duration, group, guidance) = row  # fmt: skip
        indicator, _ = Indicator.objects.update_or_create(
            code=code,
            defaults={
                "theme": theme,
                "name": name,
                "unit": unit,
                "definition": definition,
                "primary_target_id": primary,
                "relation": relation,
                "un_indicator": un,
                "iris_metric": iris,
                "proxy_key": proxy,
                "factor_key": factor_key,
                "factor": factor,
                "deadweight": dw,
                "attribution": at,
                "displacement": ds,
                "drop_off": drop_off,
                "duration": duration,
                "overlap_group": group,
                "evidence_guidance": guidance,
                "position": position,
            },
        )
        indicator.secondary_targets.set(secondary)
