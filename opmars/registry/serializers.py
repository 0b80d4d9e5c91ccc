"""Collectives as API dicts. Only public fields: never the contact address, the postcode letters
or the private coordinates (DESIGN.md, location privacy)."""

from django.urls import reverse

from opmars.api.schemas import code_name
from opmars.registry.schemas import (
    FACTS_OUT,
    PUBLIC,
    Characteristics,
    CollectiveDetail,
    CollectiveItem,
)

# The answers' fields in the schemas' order; the declared ones read the field they name.
ITEM_FIELDS = [name for name in CollectiveItem.model_fields if name != "distance_km"]
DETAIL_FIELDS = [n for n in CollectiveDetail.model_fields if n not in CollectiveItem.model_fields]


def collective_path(slug):
    """The collective's public web page, /collectieven/<slug>/ (the web UI's own route)."""
    return reverse("collective", args=[slug])


# Answer fields that are not a stored value as it is.
SHAPED = {
    "municipality": lambda c: code_name(c.municipality),
    "province": lambda c: code_name(c.municipality.province),
    "domains": lambda c: sorted(d.domain for d in c.domains.all()),
    "url": lambda c: collective_path(c.slug),
    "works_in": lambda c: [code_name(m) for m in c.works_in.all()],
    "characteristics": lambda c: {code: getattr(c, code) for code in Characteristics.model_fields},
    "networks": lambda c: [{"slug": n.slug, "name": n.name} for n in c.networks.all()],
    "facts": lambda c: [yearly_facts(f) for f in c.facts.all()],
    "possibly_outdated": lambda c: c.possibly_outdated,
}


def _answer(collective, names):
    return {
        name: SHAPED[name](collective) if name in SHAPED else getattr(collective, PUBLIC[name].name)
        for name in names
    }


def collective_item(collective, with_distance=False):
    """The list fields. Needs municipality__province selected and domains prefetched."""
    item = _answer(collective, ITEM_FIELDS)
    if with_distance:
        item["distance_km"] = round(collective.distance_km, 1)
    return item


def yearly_facts(facts):
    return {name: getattr(facts, field.name) for name, field in FACTS_OUT.items()}


def collective_detail(collective):
    """The full public profile. Needs works_in, networks and facts prefetched."""
    return {**collective_item(collective), **_answer(collective, DETAIL_FIELDS)}


def life_event(event):
    return {
        "id": event.pk,
        "kind": event.kind,
        "label": str(event.get_kind_display()),
        "date": event.date.isoformat(),
        "precision": event.precision,
        "source": event.source,
        "reconstructed": event.reconstructed,
        "detail": event.detail,
        "corrections": [
            {"at": c["at"], "was": c["from"], "to": c["to"]} for c in event.corrections
        ],
    }
