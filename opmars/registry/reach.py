"""Whether a message through Opmars reaches a collective, and where the relay sends it.

The relay sends to the collective's contact address; without one, to the e-mail addresses of its
editors. Neither is ever shown to the sender. A collective with neither cannot be messaged: the
pages say so and point to what does work (its website, its networks).
"""

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q, QuerySet

from opmars.registry.models import Collective


def _editor_addresses(collective_ids: Iterable[int]) -> QuerySet:
    editors = Collective.editors.through.objects.filter(  # type: ignore[misc]
        collective_id__in=list(collective_ids),
        user__is_active=True,
        user__email_confirmed=True,
    ).exclude(user__email="")
    return editors.values_list("collective_id", "user__email")


def relay_addresses(collective: Collective) -> list[str]:
    """Where a relayed message goes: the contact address, else the editors' addresses."""
    if collective.contact_email:
        return [collective.contact_email]
    return sorted({email for _pk, email in _editor_addresses([collective.pk])})


def reachable_ids(collective_ids: Iterable[int]) -> set[int]:
    """Of these collectives, the ones a message through Opmars reaches."""
    ids = list(collective_ids)
    with_contact = Collective.objects.filter(pk__in=ids).exclude(contact_email="")
    found = set(with_contact.values_list("pk", flat=True))
    return found | {pk for pk, _email in _editor_addresses(set(ids) - found)}


def reachable(collectives: QuerySet[Collective]) -> QuerySet[Collective]:
    """The collectives of this queryset that a message reaches (for lists of links)."""
    editors = Collective.editors.through.objects.filter(  # type: ignore[misc]
        collective_id=OuterRef("pk"), user__is_active=True, user__email_confirmed=True
    ).exclude(user__email="")
    return collectives.filter(~Q(contact_email="") | Exists(editors))
