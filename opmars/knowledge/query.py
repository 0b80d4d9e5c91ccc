"""Read-side helpers for the knowledge library and questions."""

from collections.abc import Collection
from typing import Any

from django.db.models import Count, QuerySet

from opmars.accounts import policy
from opmars.knowledge.models import HelpedMark, KnowledgeItem, Message, UsefulMark
from opmars.knowledge.search import apply_search
from opmars.registry.models import Collective


def items_with_counts(items: QuerySet[KnowledgeItem] | None = None) -> QuerySet[KnowledgeItem]:
    items = KnowledgeItem.objects.all() if items is None else items
    return items.annotate(useful_count=Count("useful_marks", distinct=True))


def search_items(
    q: str = "",
    item_types: Collection[str] = (),
    collective_kinds: Collection[str] = (),
    domains: Collection[str] = (),
) -> QuerySet[KnowledgeItem]:
    """The library filtered like the API and the page: q (Dutch, stemmed), type and tags."""
    items = KnowledgeItem.objects.all()
    if item_types:
        items = items.filter(item_type__in=item_types)
    for facet, codes in (("kind", collective_kinds), ("domain", domains)):
        if codes:
            items = items.filter(tags__facet=facet, tags__code__in=codes)
    items = items.distinct() if collective_kinds or domains else items
    if q:
        return apply_search(items, q).order_by("-relevance", "id")
    return items.order_by("-created_at", "id")


def recognition(collective: Collective) -> dict[str, Any]:
    """What a collective shared and how it helped: the figures for its page."""
    items = KnowledgeItem.objects.filter(collectives=collective)
    return {
        "items": list(items.order_by("-created_at")[:10]),
        "item_count": items.count(),
        "answers": items.filter(answer_to__isnull=False).count(),
        "useful": UsefulMark.objects.filter(item__in=items).count(),
        "contacted": Message.objects.filter(recipient=collective).count(),
        "helped": HelpedMark.objects.filter(helper=collective).count(),
        "activities": collective.sharing_activities.count(),
    }


def _with_counts(messages: QuerySet[Message]) -> QuerySet[Message]:
    # A query with GROUP BY leaves out Meta.ordering: the newest activity first, said again.
    return (
        messages.select_related("recipient", "question")
        .annotate(replies_count=Count("replies"))
        .order_by("-last_activity_at", "-id")
    )


def inbox(user: Any) -> dict[str, Any]:
    """A user's conversations: received per collective they edit, and the ones they started."""
    received = _with_counts(Message.objects.filter(recipient__in=policy.inbox_collectives(user)))
    sent = _with_counts(Message.objects.filter(sender=user))
    return {
        "received": list(received[:200]),
        "sent": list(sent[:200]),
        "unread": received.filter(unread_by_recipient=True).count()
        + sent.filter(unread_by_sender=True).count(),
    }
