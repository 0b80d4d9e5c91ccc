# ruff: noqa: E501  (demo texts are data; wrapping them would not help reading)
"""Fictitious knowledge items and questions for the demo; every one says 'fictief'."""

import random

from django.db import transaction

from opmars.knowledge.actions import search_text_for
from opmars.knowledge.models import KnowledgeItem, KnowledgeTag, Question
from opmars.registry.models import Collective

# (type, title, summary, body, collective kind, domain, theme)
ITEMS = [
    (
        "handleiding",
        "Ledenadministratie en online ALV",
        "Zo regel je de ledenlijst en een digitale algemene ledenvergadering.",
        "## Ledenadministratie\n\nHoud één ledenlijst bij in een gedeeld spreadsheet of een ledenprogramma.\n\n## Online ALV\n\n- Zet in de statuten dat digitaal vergaderen en stemmen mag.\n- Test de stemming vooraf.",
        "energiecooperatie",
        "energie",
        "bestuur",
    ),
    (
        "modeldocument",
        "Modelstatuut voor een energiecoöperatie",
        "Een voorbeeld van statuten voor een coöperatie U.A.",
        "Dit modelstatuut regelt **leden**, de **ALV** en het bestuur.\n\n1. Naam en zetel\n2. Doel\n3. Lidmaatschap",
        "energiecooperatie",
        "energie",
        "juridisch",
    ),
    (
        "les",
        "Vrijwilligers vasthouden in een zorgcoöperatie",
        "Wat werkte bij het werven en behouden van vrijwilligers.",
        "Vraag mensen voor een **kleine, duidelijke taak**. Bedank zichtbaar. Plan vaste koffiemomenten.",
        "zorgcooperatie",
        "zorg_welzijn",
        "leden",
    ),
    (
        "financiering",
        "Buurtbudget bij de gemeente aanvragen",
        "Stappen voor een aanvraag bij het buurtbudget.",
        "Lees de subsidieregeling. Maak een begroting. Vraag steun van buren en **lever op tijd in**.",
        "bewonersinitiatief",
        "leefbaarheid_ontmoeting",
        "gemeente",
    ),
    (
        "hulpmiddel",
        "Impact meten met een eenvoudige teller",
        "Een sjabloon om bereikte mensen en uren bij te houden.",
        "Tel per activiteit de deelnemers en de vrijwilligersuren. Zie ook de methode op Opmars.",
        "buurtcooperatie",
        "zorg_welzijn",
        "impact",
    ),
    (
        "les",
        "Een dorpshuis overnemen van de gemeente",
        "Ervaringen met het uitdaagrecht en de overname van een dorpshuis.",
        "Begin vroeg met het gesprek. Maak een **exploitatieplan** voor vijf jaar.",
        "dorpsraad",
        "leefbaarheid_ontmoeting",
        "gemeente",
    ),
]
QUESTIONS = [
    (
        "vraag",
        "kennis",
        "Hoe regelen andere coöperaties de ledenadministratie en de ALV online?",
        "Wij zijn een jonge energiecoöperatie en zoeken een eenvoudige manier voor de ledenlijst en digitaal stemmen.",
    ),
    (
        "behoefte",
        "mensen",
        "Wie helpt ons met de boekhouding?",
        "We zoeken een vrijwilliger met ervaring in boekhouden.",
    ),
    (
        "aanbod",
        "ruimte",
        "Vergaderruimte te gebruik in ons buurthuis",
        "Op dinsdagavond is onze zaal vrij voor andere collectieven.",
    ),
    (
        "behoefte",
        "geld",
        "Startkapitaal voor een deelauto",
        "Wie weet een fonds voor een elektrische deelauto in het dorp?",
    ),
    ("aanbod", "materialen", "Partytent en tafels uit te lenen", "Voor buurtfeesten in de regio."),
]
FICTIEF = " (fictief)"
PER_TEMPLATE = 40


def generate_demo(seed, progress=None):
    rng = random.Random(seed)
    with transaction.atomic():
        count = _items(rng) + _questions(rng)
    if progress:
        progress(f"{count} fictieve kennisitems en vragen gemaakt")


def _sample(kind, n, rng):
    ids = list(
        Collective.objects.filter(kind=kind, is_demo=True).values_list("id", flat=True)[:2000]
    )
    return rng.sample(ids, min(n, len(ids)))


def _items(rng):
    made = 0
    through = KnowledgeItem.collectives.through
    for type_, title, summary, body, kind, domain, theme in ITEMS:
        owners = _sample(kind, PER_TEMPLATE, rng)
        items = [
            KnowledgeItem(
                slug=f"{_slug(title)}-{i + 1}",
                title=f"{title}{FICTIEF}",
                item_type=type_,
                summary=summary,
                body=body + "\n\n*Fictief voorbeeld.*",
                is_demo=True,
            )
            for i in range(len(owners))
        ]
        for item in items:
            item.search_text = search_text_for(item, [kind, domain, theme])
        items = KnowledgeItem.objects.bulk_create(items)
        through.objects.bulk_create(
            through(knowledgeitem_id=item.id, collective_id=owner)
            for item, owner in zip(items, owners, strict=True)
        )
        KnowledgeTag.objects.bulk_create(
            KnowledgeTag(item=item, facet=facet, code=code)
            for item in items
            for facet, code in (("kind", kind), ("domain", domain), ("theme", theme))
        )
        made += len(items)
    return made


def _slug(text):
    from opmars.text import slugify

    return slugify(text)[:60]


def _questions(rng):
    ids = list(Collective.objects.filter(is_demo=True).values_list("id", "kind")[:5000])
    rows = []
    for n, (kind, resource, title, body) in enumerate(QUESTIONS * 20):
        collective_id = rng.choice(ids)[0]
        if n == 0:  # Daan's question comes from an energy cooperative
            collective_id = next((pk for pk, k in ids if k == "energiecooperatie"), collective_id)
        rows.append(
            Question(
                slug=f"{_slug(title)}-{n + 1}",
                collective_id=collective_id,
                kind=kind,
                resource=resource,
                title=f"{title}{FICTIEF}",
                body=body,
                is_demo=True,
            )
        )
    Question.objects.bulk_create(rows)
    return len(rows)
