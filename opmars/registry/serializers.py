"""Collectives as API dicts. Only public fields: never the contact address, the postcode letters
or the private coordinates (DESIGN.md, location privacy)."""

from django.urls import reverse

from opmars.api.schemas import code_name
from opmars.registry.models import YearlyFacts
from opmars.registry.vocab import CHARACTERISTICS


def collective_path(slug):
    """The collective's public web page, /collectieven/<slug>/ (the web UI's own route)."""
    return reverse("collective", args=[slug])


def collective_item(collective, with_distance=False):
    """The list fields. Needs municipality__province selected and domains prefetched."""
    item = {
        "slug": collective.slug,
        "name": collective.name,
        "kind": collective.kind,
        "legal_form": collective.legal_form,
        "municipality": code_name(collective.municipality),
        "province": code_name(collective.municipality.province),
        "lat": collective.public_lat,
        "lon": collective.public_lon,
        "location_precision": collective.location_precision,
        "founded_year": collective.founded_year,
        "status": collective.status,
        "status_year": collective.status_year,
        "domains": sorted(d.domain for d in collective.domains.all()),
        "demo": collective.is_demo,
        "url": collective_path(collective.slug),
    }
    if with_distance:
        item["distance_km"] = round(collective.distance_km, 1)
    return item


def yearly_facts(facts):
    row = {name: getattr(facts, name) for name in ["year", *YearlyFacts.COUNT_FIELDS]}
    row.update({name: getattr(facts, name) for name in YearlyFacts.INCOME_FIELDS})
    row["income_total"] = facts.income_total
    return row


def collective_detail(collective):
    """The full public profile. Needs works_in, networks and facts prefetched."""
    return {
        **collective_item(collective),
        "description": collective.description,
        "website": collective.website,
        "works_in": [code_name(m) for m in collective.works_in.all()],
        "characteristics": {code: getattr(collective, code) for code, *_rest in CHARACTERISTICS},
        "networks": [{"slug": n.slug, "name": n.name} for n in collective.networks.all()],
        "facts": [yearly_facts(f) for f in collective.facts.all()],
        "source": collective.source,
        "last_verified": collective.last_verified,
        "possibly_outdated": collective.possibly_outdated,
        "is_verified": collective.is_verified,
    }
