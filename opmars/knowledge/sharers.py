"""Knowledge-sharing credit: who shared what, and what the others said it was worth.

Counted per collective, from what the receiving side did (docs/knowledge-sharers.md):
- `helped`: conversations its asker marked "dit hielp ons" (once per conversation, never by
  the collective's own people — actions.mark_helped);
- `useful`: "nuttig" marks on knowledge items it has experience with, by people who are not its
  editors and did not write the item (a self-mark never counts, even one from before the rule);
- `answers`: knowledge items written as an answer to another collective's question;
- `activities`: talks, visits and workshops a network logged (SharingActivity);
- `items`: knowledge items it has experience with (what it offers, not yet what it gave).
No weights: the figures stand side by side, and whoever rewards them chooses how to weigh them.
People appear by name only with their consent (User.shows_as_sharer)."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from opmars.accounts.models import User
from opmars.knowledge.models import (
    HelpedMark,
    KnowledgeItem,
    Message,
    Question,
    SharingActivity,
    UsefulMark,
)
from opmars.registry.models import Collective

FIGURES = ("helped", "useful", "answers", "activities", "items")


@dataclass
class Sharer:
    """The credit of one collective or one consenting person, in one period."""

    name: str
    url: str
    figures: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIGURES, 0))
    municipality: str = ""
    slug: str = ""
    is_demo: bool = False

    @property
    def total(self) -> int:
        """Acts of sharing the other side confirmed or a network logged (items excluded)."""
        return sum(self.figures[name] for name in FIGURES if name != "items")


def _in_year(rows: QuerySet[Any], path: str, year: int | None) -> QuerySet[Any]:
    return rows if year is None else rows.filter(**{f"{path}__year": year})


def _fair_useful_marks() -> QuerySet[UsefulMark]:
    """Marks by someone other than the item's writer; the editors are left out per collective."""
    return UsefulMark.objects.exclude(item__created_by=F("user"))


def _counts(rows: QuerySet[Any], key: str) -> dict[int, int]:
    return dict(rows.order_by().values_list(key).annotate(n=Count("id", distinct=True)))


def _tally(pairs: Iterable[tuple[int, Any]]) -> dict[int, int]:
    """{collective: how many} over distinct (collective, what it is counted for) pairs."""
    return Counter(collective for collective, _counted in set(pairs))


def collective_credit(collectives: QuerySet[Collective], year: int | None = None) -> list[Sharer]:
    """Each collective with any credit in `year` (every year when None), most confirmed first."""
    ids = collectives.values("id")
    items = _in_year(KnowledgeItem.objects, "created_at", year).filter(collectives__in=ids)
    useful = _in_year(_fair_useful_marks(), "created_at", year).filter(item__collectives__in=ids)
    counted = {
        "helped": _counts(
            _in_year(HelpedMark.objects.filter(helper__in=ids), "created_at", year), "helper"
        ),
        "answers": _tally(
            (c, item)
            for c, item, asker in items.filter(answer_to__isnull=False).values_list(
                "collectives", "id", "answer_to__collective"
            )
            if c != asker
        ),
        "activities": _counts(
            _in_year(SharingActivity.objects.filter(collective__in=ids), "held_on", year),
            "collective",
        ),
        "items": _tally(items.values_list("collectives", "id")),
    }
    # An editor's mark on their own collective's item is a self-mark too.
    editors = Collective.editors.through.objects.filter(collective__in=ids)
    own = set(editors.values_list("collective_id", "user_id"))
    counted["useful"] = _tally(
        (c, (item, user))
        for c, item, user in useful.values_list("item__collectives", "item", "user")
        if (c, user) not in own
    )
    credited = {pk for per_collective in counted.values() for pk in per_collective}
    rows = Collective.objects.filter(pk__in=credited).select_related("municipality")
    sharers = [
        Sharer(
            name=c.name,
            url=c.get_absolute_url(),
            municipality=c.municipality.name,
            slug=c.slug,
            is_demo=c.is_demo,
            figures={name: counted[name].get(c.pk, 0) for name in FIGURES},
        )
        for c in rows
    ]
    return _ranked(sharers)


def _ranked(sharers: Iterable[Sharer]) -> list[Sharer]:
    return sorted(sharers, key=lambda s: (-s.total, -s.figures["items"], s.name))


def consenting_people(collectives: QuerySet[Collective], year: int | None = None) -> list[Sharer]:
    """People who chose to be shown, with what they wrote for these collectives' knowledge and
    the conversations they answered that the asker marked as helpful."""
    people = User.objects.filter(shows_as_sharer=True, is_active=True)
    ids = collectives.values("id")
    written = _in_year(KnowledgeItem.objects, "created_at", year).filter(
        created_by__in=people, collectives__in=ids
    )
    marks = _in_year(HelpedMark.objects, "created_at", year).filter(helper__in=ids)
    counted = {
        "items": _counts(written.annotate(person=F("created_by")), "person"),
        "answers": _counts(
            written.filter(answer_to__isnull=False).annotate(person=F("created_by")), "person"
        ),
        "useful": _counts(
            _in_year(_fair_useful_marks(), "created_at", year)
            .filter(item__in=written)
            .annotate(person=F("item__created_by")),
            "person",
        ),
        "helped": _counts(
            marks.filter(
                Q(message__replies__author__in=people) & Q(message__replies__from_recipient=True)
            ).annotate(person=F("message__replies__author")),
            "person",
        ),
    }
    credited = {pk for per_person in counted.values() for pk in per_person}
    sharers = [
        Sharer(
            name=str(person),
            url=reverse("knowledge_sharer_person", args=[person.pk]),
            figures={name: counted.get(name, {}).get(person.pk, 0) for name in FIGURES},
        )
        for person in people.filter(pk__in=credited)
        if person.get_full_name()  # a person without a name has nothing to be shown by
    ]
    return _ranked(sharers)


@dataclass(frozen=True)
class Evidence:
    """One figure of the knowledge asks in a report: what it counts is its definition."""

    key: str
    label: str
    value: int
    definition: str


def platform_use(collectives: QuerySet[Collective], year: int) -> list[Evidence]:
    """How the area's collectives used the platform in `year` (ask 1): what they asked, what
    got answered, whom they contacted, which knowledge they drew on."""
    ids = collectives.values("id")
    asked = Question.objects.filter(collective__in=ids, created_at__year=year)
    answered = asked.filter(
        Q(knowledge__isnull=False) | Q(message__replies__from_recipient=True)
    ).distinct()
    contacts = Message.objects.filter(sender_collective__in=ids, created_at__year=year)
    editors = User.objects.filter(edited_collectives__in=ids)
    drawn_on = KnowledgeItem.objects.filter(
        Q(answer_to__in=asked)
        | Q(useful_marks__user__in=editors, useful_marks__created_at__year=year)
    ).distinct()
    return [
        Evidence(
            "questions",
            _("vragen gesteld"),
            asked.count(),
            _(
                "Vragen, behoeften en aanbod die collectieven uit dit gebied in het jaar op Opmars "
                "zetten."
            ),
        ),
        Evidence(
            "answered",
            _("daarvan beantwoord"),
            answered.count(),
            _(
                "Van die vragen: met een kennisitem als antwoord, of met een antwoord in een "
                "gesprek."
            ),
        ),
        Evidence(
            "contacts",
            _("contacten met andere collectieven"),
            contacts.count(),
            _(
                "Gesprekken die collectieven uit dit gebied via Opmars met een ander collectief "
                "begonnen."
            ),
        ),
        Evidence(
            "drawn_on",
            _("kennisitems gebruikt"),
            drawn_on.count(),
            _(
                "Verschillende kennisitems die een vraag van hier beantwoordden of die redacteuren "
                "van hier nuttig noemden."
            ),
        ),
    ]


def sharing_in(collectives: QuerySet[Collective], year: int) -> list[Evidence]:
    """The area's knowledge sharers in `year` (ask 2), summed over its collectives."""
    credit = collective_credit(collectives, year)
    people = consenting_people(collectives, year)

    def summed(name: str) -> int:
        return sum(sharer.figures[name] for sharer in credit)

    return [
        Evidence(
            "sharers",
            _("collectieven die kennis deelden"),
            sum(1 for sharer in credit if sharer.total),
            _("Collectieven met minstens één bevestigde kennisdeling in het jaar (zie hieronder)."),
        ),
        Evidence(
            "helped",
            _("keer 'dit hielp ons'"),
            summed("helped"),
            _("Gesprekken waarvan de vrager zei dat het hielp; nooit door het eigen collectief."),
        ),
        Evidence(
            "useful",
            _("keer 'nuttig' genoemd"),
            summed("useful"),
            _("Markeringen van kennisitems door anderen dan de schrijver en de eigen redacteuren."),
        ),
        Evidence(
            "activities",
            _("lezingen en bezoeken"),
            summed("activities"),
            _("Lezingen, werkbezoeken, workshops en adviezen die een netwerk vastlegde."),
        ),
        Evidence(
            "people",
            _("mensen zichtbaar als kennisdeler"),
            len(people),
            _("Mensen die zelf kozen om met hun naam als kennisdeler te worden getoond."),
        ),
    ]
