# ruff: noqa: E501  (demo texts are data; wrapping them would not help reading)
"""Fictitious knowledge items and questions for the demo; every one says 'fictief'."""

import random
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from opmars.caching import generation
from opmars.common.slugs import SlugPool
from opmars.knowledge.actions import RESERVED_SLUGS, search_text_for
from opmars.knowledge.models import (
    HelpedMark,
    KnowledgeItem,
    KnowledgeTag,
    Message,
    Question,
    Reply,
    SharingActivity,
    UsefulMark,
)
from opmars.registry import demo_start
from opmars.registry.models import Collective
from opmars.registry.vocab import Status

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
# fmt: off
QUESTIONS = [
    # (kind, resource, title, body, the asker's kind or None for any)
    ("vraag", "kennis", "Hoe regelen andere coöperaties de ledenadministratie en de ALV online?",
     "Wij zijn een jonge energiecoöperatie en zoeken een eenvoudige manier voor de ledenlijst en digitaal stemmen.",
     "energiecooperatie"),
    ("behoefte", "mensen", "Wie helpt ons met de boekhouding?",
     "We zoeken een vrijwilliger met ervaring in boekhouden.", None),
    ("aanbod", "ruimte", "Vergaderruimte te gebruik in ons buurthuis",
     "Op dinsdagavond is onze zaal vrij voor andere collectieven.", "buurtcooperatie"),
    ("behoefte", "geld", "Startkapitaal voor een deelauto",
     "Wie weet een fonds voor een elektrische deelauto in het dorp?", "dorpsraad"),
    ("aanbod", "materialen", "Partytent en tafels uit te lenen", "Voor buurtfeesten in de regio.", None),
]
# fmt: on
FICTIEF = " (fictief)"
PER_TEMPLATE = 40


# The demo's knowledge sharers answer their messages through this account: the collectives that
# share knowledge are the first peers a question finds, so a message to them reaches an editor.
SHARER_EMAIL = "kennisdeler@opmars.demo"
# Daan (JOURNEYS.md, 4): the chair of a young energy cooperative, who asks how others run their
# member records and an online general meeting. Near his cooperative, three others solved that.
DAAN_EMAIL = "daan@opmars.demo"
# The asker of the earlier question; a demo record without a login.
ASKER_EMAIL = "vraagsteller@opmars.demo"
NEARBY_KM = 20
EARLIER_QUESTION = (
    "Ledenadministratie en ALV online: hoe doen jullie dat?",
    "We willen de ledenlijst op één plek bijhouden en de algemene ledenvergadering online houden, met digitaal stemmen.",
)
ANSWER = (
    "Zo doen wij de ledenadministratie en de online ALV",
    "Een ledenprogramma voor de ledenadministratie en een online ALV met digitaal stemmen.",
    "## Ledenadministratie\n\nWe gebruiken één ledenprogramma. Leden passen zelf hun gegevens aan.\n\n## Online ALV\n\n- De statuten staan digitaal vergaderen en stemmen toe.\n- De oproep gaat vier weken vooraf per e-mail.\n- We testen de stemtool met het bestuur.",
)
THANKS = (
    "Hoe houden jullie de ALV online? Wij willen volgend jaar digitaal laten stemmen.",
    "Wij gebruiken een online stemtool. Stuur de leden vooraf een proefstemming, dan gaat het op de avond goed.",
)


def generate_demo(seed, progress=None):
    from opmars.cli import DEMO_PASSWORD  # the one password of every demo login

    rng = random.Random(seed)
    with transaction.atomic():
        count = _items(rng) + _questions(rng)
        mine, peers, asker = _daans_region() or (None, [], None)
        if mine:
            count += _solved_nearby(peers, asker)
            _daan(DEMO_PASSWORD, mine)
        # After the peers got their knowledge and thanks: their messages reach this editor.
        sharers = _sharer_editor(DEMO_PASSWORD)
        activities = _network_activities(rng)
        _spread_over_the_past(rng)
        # Bulk inserts bypass the service functions (and their audit events).
        generation.bump()
    if progress:
        progress(
            f"{count} fictieve kennisitems en vragen gemaakt; de kennisdeler is redacteur van "
            f"{sharers} collectieven; {activities} kennisdelingen door netwerken vastgelegd"
            + (f"; Daan is voorzitter van '{mine.name}'" if mine else "")
        )


def _daans_region():
    """(Daan's cooperative, the three nearest older ones, a fourth that asked before), or None.

    Daan's is the youngest active, public demo energy cooperative with four older ones
    within NEARBY_KM; ties by id, so the same demo gives the same choice."""
    from opmars.accounts.policy import public_collectives
    from opmars.networks.matching import haversine_km

    energy = list(
        public_collectives()
        .filter(is_demo=True, kind="energiecooperatie", status=Status.ACTIEF)
        .exclude(founded_year=None)
        .exclude(public_lat=None)
        .order_by("-founded_year", "id")
    )
    for mine in energy:
        older = [c for c in energy if c.founded_year < mine.founded_year]
        near = sorted(
            (haversine_km(mine.public_lat, mine.public_lon, c.public_lat, c.public_lon), c.id, c)
            for c in older
        )
        near = [c for km, _id, c in near if km <= NEARBY_KM]
        if len(near) >= 4:
            return mine, near[:3], near[3]
    return None


def _solved_nearby(peers, asker_collective):
    """The start of Daan's journey: an earlier question like his, asked by a neighbour; the
    first peer answered it with a knowledge item, the second shared the library's item on
    member records and online meetings, the third was thanked with 'dit hielp ons'. Returns
    how many questions and items it made."""
    from opmars.accounts.models import User

    answerer, sharer, helper = peers
    title, body = EARLIER_QUESTION
    earlier = Question.objects.create(
        slug=_slug_pool(Question).allocate(title),
        collective=asker_collective,
        kind="vraag",
        resource="kennis",
        title=f"{title}{FICTIEF}",
        body=body,
        is_open=False,  # solved
        is_demo=True,
    )
    _answer(answerer, earlier)
    KnowledgeItem.objects.get(title=f"{ITEMS[0][1]}{FICTIEF}").collectives.add(sharer)
    asker, _new = User.objects.get_or_create(
        email=ASKER_EMAIL, defaults={"username": ASKER_EMAIL, "first_name": "Vraagsteller"}
    )
    asker.set_unusable_password()
    asker.save()
    asker_collective.editors.add(asker)
    asked, answered = THANKS
    message = Message.objects.create(
        sender=asker,
        sender_collective=asker_collective,
        sender_label=asker_collective.name,
        recipient=helper,
        question=earlier,
        body=asked,
        unread_by_recipient=False,
    )
    Reply.objects.create(message=message, from_recipient=True, body=answered)
    HelpedMark.objects.create(
        message=message, helper=helper, helped=asker_collective, question=earlier, marked_by=asker
    )
    return 2  # the earlier question and its answer


def _answer(collective, question):
    title, summary, body = ANSWER
    item = KnowledgeItem(
        slug=_slug_pool(KnowledgeItem).allocate(f"{title} fictief"),
        title=f"{title}{FICTIEF}",
        item_type="les",
        summary=summary,
        body=body + "\n\n*Fictief voorbeeld.*",
        answer_to=question,
        is_demo=True,
    )
    tags = (("kind", "energiecooperatie"), ("domain", "energie"), ("theme", "bestuur"))
    item.search_text = search_text_for(item, [code for _facet, code in tags])
    item.save()
    item.collectives.add(collective)
    KnowledgeTag.objects.bulk_create(
        KnowledgeTag(item=item, facet=facet, code=code) for facet, code in tags
    )


def _daan(password, collective):
    from opmars.accounts.models import User

    daan, _new = User.objects.get_or_create(email=DAAN_EMAIL, defaults={"username": DAAN_EMAIL})
    daan.first_name, daan.last_name = "Daan", "(fictief)"
    daan.set_password(password)
    daan.save()
    collective.editors.add(daan)


def _sharer_editor(password):
    """One demo editor for every collective that shared knowledge or was thanked for help;
    returns how many."""
    from opmars.accounts.models import User

    user, _new = User.objects.get_or_create(email=SHARER_EMAIL, defaults={"username": SHARER_EMAIL})
    user.first_name, user.last_name = "Kim", "Kennisdeler"
    user.set_password(password)
    user.save()
    sharing = Collective.objects.filter(
        Q(knowledge_items__isnull=False) | Q(helped_marks__isnull=False), is_demo=True
    ).distinct()
    user.edited_collectives.add(*sharing)
    # Kim answered for them, and chose to be shown as a knowledge sharer.
    Reply.objects.filter(message__recipient__in=sharing, from_recipient=True, author=None).update(
        author=user
    )
    user.shows_as_sharer = True
    user.save(update_fields=["shows_as_sharer"])
    return sharing.count()


ACTIVITIES = [
    ("lezing", "Zo werven wij nieuwe leden", "ledenavond van de regio"),
    ("werkbezoek", "Rondleiding langs ons buurthuis en zonnedak", "drie dorpsraden uit de buurt"),
    ("workshop", "Subsidie aanvragen in vijf stappen", "startende collectieven in het netwerk"),
    ("advies", "Meedenken over een zorgcoöperatie in oprichting", "een nieuw initiatief"),
]


def _network_activities(rng):
    """Talks, visits and workshops that the demo networks logged for a few of their members."""
    from opmars.networks.models import Membership, Network

    today = timezone.localdate()
    rows = []
    for network in Network.objects.filter(is_demo=True).order_by("id")[:12]:
        members = list(
            Membership.objects.filter(network=network, collective__in=_pool())
            .order_by("collective_id")
            .values_list("collective_id", flat=True)[:200]
        )
        for collective_id in rng.sample(members, min(3, len(members))):
            kind, title, audience = rng.choice(ACTIVITIES)
            rows.append(
                SharingActivity(
                    network=network,
                    collective_id=collective_id,
                    kind=kind,
                    title=f"{title}{FICTIEF}",
                    held_on=today - timedelta(days=rng.randint(10, 500)),
                    audience=audience,
                    is_demo=True,
                )
            )
    SharingActivity.objects.bulk_create(rows)
    return len(rows)


def _pool():
    """The demo collectives that share and ask; the journey's unclaimed buurtcoöperatie has no
    editor to answer, so it stays out (registry.demo_start)."""
    return Collective.objects.filter(is_demo=True).exclude(slug=demo_start.SLUG)


def _sample(kind, n, rng):
    ids = list(_pool().filter(kind=kind).values_list("id", flat=True)[:2000])
    return rng.sample(ids, min(n, len(ids)))


def _items(rng):
    """One item per template, linked to the demo collectives that 'have experience' with it."""
    through = KnowledgeItem.collectives.through
    slugs = _slug_pool(KnowledgeItem)
    for type_, title, summary, body, kind, domain, theme in ITEMS:
        item = KnowledgeItem(
            slug=slugs.allocate(f"{title} fictief"),
            title=f"{title}{FICTIEF}",
            item_type=type_,
            summary=summary,
            body=body + "\n\n*Fictief voorbeeld.*",
            is_demo=True,
        )
        item.search_text = search_text_for(item, [kind, domain, theme])
        item.save()
        through.objects.bulk_create(
            through(knowledgeitem_id=item.id, collective_id=owner)
            for owner in _sample(kind, PER_TEMPLATE, rng)
        )
        KnowledgeTag.objects.bulk_create(
            KnowledgeTag(item=item, facet=facet, code=code)
            for facet, code in (("kind", kind), ("domain", domain), ("theme", theme))
        )
    return len(ITEMS)


def _slug_pool(model):
    return SlugPool([*model.objects.values_list("slug", flat=True), *RESERVED_SLUGS])


def _questions(rng):
    by_kind = {}
    for pk, kind in _pool().values_list("id", "kind")[:5000]:
        by_kind.setdefault(kind, []).append(pk)
    everyone = [pk for pks in by_kind.values() for pk in pks]
    rows, slugs = [], _slug_pool(Question)
    for kind, resource, title, body, asker_kind in QUESTIONS * 20:
        # A question that names the asker's kind comes from a collective of that kind.
        pool = by_kind.get(asker_kind) or everyone
        rows.append(
            Question(
                slug=slugs.allocate(title),
                collective_id=rng.choice(pool),
                kind=kind,
                resource=resource,
                title=f"{title}{FICTIEF}",
                body=body,
                is_demo=True,
            )
        )
    Question.objects.bulk_create(rows)
    return len(rows)


def _spread_over_the_past(rng):
    """The demo's questions, items and marks took place over the last year and a half, not all
    today: a report of last year then has knowledge sharing to show. The asker of the earlier
    question found half of the library useful."""
    from opmars.accounts.models import User

    now = timezone.now()

    def some_day():
        return now - timedelta(days=rng.randint(1, 540), minutes=rng.randint(0, 1440))

    asker = User.objects.filter(email=ASKER_EMAIL).first()
    items = list(KnowledgeItem.objects.filter(is_demo=True).order_by("id"))
    if asker:
        UsefulMark.objects.bulk_create(
            UsefulMark(item=item, user=asker)
            for item in items[::2]
            if not item.collectives.filter(editors=asker).exists()
        )
    for model in (Question, KnowledgeItem, UsefulMark):
        rows = list(model.objects.filter(pk__in=_demo_ids(model)).order_by("pk"))
        for row in rows:
            row.created_at = some_day()
        model.objects.bulk_update(rows, ["created_at"], batch_size=500)


def _demo_ids(model):
    if model is UsefulMark:
        return UsefulMark.objects.filter(item__is_demo=True).values("pk")
    return model.objects.filter(is_demo=True).values("pk")
