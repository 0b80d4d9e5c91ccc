"""Read-side helpers for networks: region, members without any network, aggregate figures, what
the members share in the knowledge library."""

import functools
import operator
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opmars.accounts.policy import public_collectives, unlisted_collectives
from opmars.knowledge.models import KnowledgeItem, Message, Question
from opmars.networks.models import Membership, Network, NetworkKind
from opmars.registry import history
from opmars.registry.models import Collective, YearlyFacts

SOURCE = _("opgave van de collectieven op Opmars (jaarcijfers)")
NETWORK_LIST = 20


def last_complete_year() -> int:
    return timezone.now().year - 1


def region_collectives(
    network: Network, collectives: QuerySet[Collective] | None = None
) -> QuerySet[Collective]:
    """Collectives whose seat lies in the network's region (the whole country for national ones)."""
    collectives = public_collectives() if collectives is None else collectives
    municipality_codes = list(network.region.values_list("code", flat=True))
    if municipality_codes:
        return collectives.filter(municipality_id__in=municipality_codes)
    if network.province_id:
        return collectives.filter(municipality__province_id=network.province_id)
    if network.kind == NetworkKind.NATIONAL:
        return collectives
    return collectives.none()


def without_network(collectives: QuerySet[Collective]) -> QuerySet[Collective]:
    """Collectives that are a member of no network at all."""
    return collectives.exclude(id__in=Membership.objects.values("collective_id"))


def membership_filters(year: int | None, network: Network | None = None) -> list[tuple[Q, str]]:
    """Filters on collectives for being in a network on 31 December of `year` (None, or this
    year: now), one per kind of membership: a current one begun by then or of unknown start,
    and one that ended after that day (PastMembership). Each comes with the relation it joins,
    whose `network` its rows can be grouped by. With a `network`: of that network only."""
    of = {"network": network} if network else {"isnull": False}
    current = Q(**{f"membership__{k}": v for k, v in of.items()})
    if year is None or year >= timezone.localdate().year:
        return [(current, "membership")]
    current &= Q(membership__since__lte=year) | Q(membership__since__isnull=True)
    ended = Q(**{f"past_memberships__{k}": v for k, v in of.items()})
    ended &= Q(past_memberships__until__gt=year) & (
        Q(past_memberships__since__lte=year) | Q(past_memberships__since__isnull=True)
    )
    return [(current, "membership"), (ended, "past_memberships")]


def in_a_network(year: int | None, network: Network | None = None) -> Q:
    """In at least one network (or in `network`) on 31 December of `year` (membership_filters)."""
    filters = membership_filters(year, network)
    return functools.reduce(operator.or_, (member for member, _joined in filters))


def member_collectives(
    network: Network, collectives: QuerySet[Collective] | None = None
) -> QuerySet[Collective]:
    """The members among `collectives` (default: the public listing, as counts and figures use)."""
    collectives = public_collectives() if collectives is None else collectives
    return collectives.filter(membership__network=network)


def figures(network: Network, year: int | None = None) -> dict[str, Any]:
    """Members and volunteers of the network's members in one year, each with its definition."""
    year = year or last_complete_year()
    members = member_collectives(network)
    # Members on 31 December of the year, whose facts count as the monitor's do: only for a
    # year they were active in (decision 0045).
    members_then = public_collectives().filter(in_a_network(year, network)).values("id")
    facts = (
        YearlyFacts.counted()
        .filter(history.active_during(year), collective__in=members_then, year=year)
        .aggregate(reporting=Count("id"), members=Sum("members"), volunteers=Sum("volunteers"))
    )
    return {
        "year": year,
        "collectives": members.count(),
        "reporting": facts["reporting"],
        "rows": [
            {
                "code": "collectives",
                "label": _("Aangesloten collectieven"),
                "value": members.count(),
                "unit": _("collectieven"),
                "definition": _("Collectieven die nu lid zijn van dit netwerk op Opmars."),
                "year": timezone.now().year,
                "source": _("ledenlijst van het netwerk op Opmars"),
            },
            {
                "code": "members",
                "label": _("Leden van de collectieven"),
                "value": facts["members"],
                "unit": _("personen"),
                "definition": _(
                    "Som van het aantal leden dat de collectieven die op 31 december van het jaar "
                    "lid waren voor dat jaar hebben opgegeven, als ze dat jaar actief waren. "
                    "Collectieven zonder opgave tellen niet mee."
                ),
                "year": year,
                "source": SOURCE,
            },
            {
                "code": "volunteers",
                "label": _("Vrijwilligers"),
                "value": facts["volunteers"],
                "unit": _("personen"),
                "definition": _(
                    "Som van het aantal vrijwilligers dat de collectieven die op 31 december van "
                    "het jaar lid waren voor dat jaar hebben opgegeven, als ze dat jaar actief "
                    "waren. Collectieven zonder opgave tellen niet mee."
                ),
                "year": year,
                "source": SOURCE,
            },
        ],
    }


def networks_with_counts(networks: QuerySet[Network]) -> list[Network]:
    """The networks, each with `member_count`: its members on the public listing, counted as
    every membership less those of unlisted collectives (two index reads: 10 ms for 61,000
    memberships at 100,000 collectives, where checking each member took 70 ms)."""
    found = list(networks)
    memberships = Membership.objects.filter(network__in=[n.pk for n in found]).order_by()
    every = _per_network(memberships)
    hidden = _per_network(memberships.filter(collective__in=unlisted_collectives()))
    for network in found:
        network.member_count = every.get(network.pk, 0) - hidden.get(network.pk, 0)
    return found


def _per_network(memberships: QuerySet[Membership]) -> dict[int, int]:
    return dict(memberships.values_list("network_id").annotate(n=Count("id")))


# --- the knowledge library ---------------------------------------------------------------------


def member_knowledge(network: Network) -> dict[str, list[Any]]:
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
