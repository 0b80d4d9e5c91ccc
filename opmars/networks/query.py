"""Read-side helpers for networks: region, members without any network, aggregate figures."""

from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opmars.accounts.policy import public_collectives
from opmars.networks.models import Membership, Network, NetworkKind
from opmars.registry.models import Collective, YearlyFacts

SOURCE = _("opgave van de collectieven op Opmars (jaarcijfers)")


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
    facts = (
        YearlyFacts.counted()
        .filter(collective__in=members, year=year)
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
                    "Som van het aantal leden dat de aangesloten collectieven voor dit jaar "
                    "hebben opgegeven. Collectieven zonder opgave tellen niet mee."
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
                    "Som van het aantal vrijwilligers dat de aangesloten collectieven voor dit "
                    "jaar hebben opgegeven. Collectieven zonder opgave tellen niet mee."
                ),
                "year": year,
                "source": SOURCE,
            },
        ],
    }


def networks_with_counts(networks: QuerySet[Network]) -> QuerySet[Network]:
    listed = Q(membership__collective__in=public_collectives())
    return networks.annotate(member_count=Count("membership", filter=listed, distinct=True))
