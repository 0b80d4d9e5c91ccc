"""Read-side helpers for the knowledge library and questions."""

from collections.abc import Collection, Iterable
from typing import Any

from django.db.models import Count, Q, QuerySet

from opmars.accounts.policy import public_collectives
from opmars.knowledge.models import KnowledgeItem, Message, Question, UsefulMark
from opmars.knowledge.search import apply_search
from opmars.networks.models import Membership, Network
from opmars.registry.models import Collective

NETWORK_LIST = 20


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


def for_network(network: Network) -> dict[str, list[Any]]:
    """Knowledge items and open questions of a network's members, for the network page."""
    members = _listed_members(network)
    return {
        "knowledge_items": list(
            KnowledgeItem.objects.filter(collectives__in=members).distinct()[:NETWORK_LIST]
        ),
        "open_questions": list(
            Question.objects.filter(collective__in=members, is_open=True).select_related(
                "collective"
            )[:NETWORK_LIST]
        ),
    }


def _listed_members(network: Network) -> QuerySet[Membership, Any]:
    """Members on the public listing: network pages never name an unlisted collective."""
    listed = network.membership_set.filter(collective__in=public_collectives())
    return listed.values("collective_id")


def shared_counts(collective_ids: Iterable[int]) -> dict[int, int]:
    """{collective id: number of knowledge items it shared}, for matching and recognition."""
    # The plugin does not see the annotation `n` on the auto-created through model.
    rows = (
        KnowledgeItem.collectives.through.objects.filter(  # type: ignore[misc]
            collective_id__in=collective_ids
        )
        .values("collective_id")
        .annotate(n=Count("id"))
        .values_list("collective_id", "n")
    )
    return dict(rows)


def recognition(collective: Collective) -> dict[str, Any]:
    """What a collective shared and how it helped: the figures for its page."""
    items = KnowledgeItem.objects.filter(collectives=collective)
    return {
        "items": list(items.order_by("-created_at")[:10]),
        "item_count": items.count(),
        "answers": items.filter(answer_to__isnull=False).count(),
        "useful": UsefulMark.objects.filter(item__in=items).count(),
        "contacted": Message.objects.filter(recipient=collective).count(),
        "helped": Message.objects.filter(recipient=collective, helped=True).count(),
    }


def sharers(network: Network, year: int) -> list[dict[str, Any]]:
    """Per member collective: what it shared in `year` and how it helped. Best sharers first."""
    members = _listed_members(network)
    items = KnowledgeItem.objects.filter(collectives__in=members, created_at__year=year)
    through = KnowledgeItem.collectives.through
    rows = (
        through.objects.filter(knowledgeitem__in=items, collective_id__in=members)
        .values("collective_id", "collective__slug", "collective__name")
        .annotate(
            items=Count("knowledgeitem", distinct=True),
            answers=Count(
                "knowledgeitem", filter=Q(knowledgeitem__answer_to__isnull=False), distinct=True
            ),
            useful=Count("knowledgeitem__useful_marks", distinct=True),
        )
    )
    contacted = dict(
        Message.objects.filter(recipient_id__in=members, created_at__year=year)
        .values("recipient_id")
        .annotate(n=Count("id"))
        .values_list("recipient_id", "n")
    )
    result = [{**r, "contacted": contacted.get(r["collective_id"], 0)} for r in rows]
    return sorted(result, key=lambda r: (-r["items"], -r["useful"], r["collective__name"]))
