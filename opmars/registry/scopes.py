"""Which scopes of the data a write about collectives touches (caching/generation.py): the
collectives themselves and the areas they are in — municipality, province, networks — and,
when a write moved one, the areas it left (decision 0057).

The areas a collective is in now are read when the write is recorded. The ones it left are
only known while the write happens, so the model signals below renew them then, in the write's
own transaction: a save that changes its municipality, a deleted record, a membership made or
ended. Writes that bypass the models (bulk imports, demo data) name no scope, and all answers
follow them.

Each area also has a listing scope, which lists of the collectives in it follow: a write that
changes only a collective's figures leaves those lists valid (decision 0059)."""

import contextlib
import contextvars

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from opmars.caching import digests, generation
from opmars.geo.models import Municipality, Province
from opmars.networks.models import Membership, Network
from opmars.registry.models import Collective, CollectiveDomain, LifeEvent, YearlyFacts

_caller_renews_every_area = contextvars.ContextVar("opmars_caller_renews_areas", default=False)


@contextlib.contextmanager
def every_area_renewed_by_caller():
    """Within the block the receivers below name nothing: the caller renews every area itself,
    in the same transaction (changes.mark_all), as an undo of a large import does — one bump
    instead of two queries per deleted record and membership."""
    token = _caller_renews_every_area.set(True)
    try:
        yield
    finally:
        _caller_renews_every_area.reset(token)


def of_collectives(pks, listed=True) -> list[str]:
    """The scopes a write about these collectives touches as they are now, in two queries
    however many they are; `listed`: the write changed what lists of collectives show of them,
    not only their figures (decision 0059)."""
    pks = sorted(set(pks))
    seats = (
        Collective.objects.filter(pk__in=pks)
        .order_by()
        .values_list("municipality_id", "municipality__province")
    )
    networks = (
        Membership.objects.filter(collective_id__in=pks)
        .order_by()
        .values_list("network__slug", flat=True)
    )
    areas = {generation.area_scope("network", slug) for slug in networks}
    for municipality, province in seats.distinct():
        areas |= {_municipality(municipality), _province(province)}
    in_order = sorted(areas)
    collectives = [generation.collective_scope(pk) for pk in pks]
    return [*collectives, *(_with_listings(in_order) if listed else in_order)]


def _with_listings(areas):
    """What a change to the listing of collectives in these areas renews: the areas, their
    listing scopes and the country's."""
    return [*areas, generation.LISTING, *(generation.listing_scope(area) for area in areas)]


def of_query(query) -> list[str]:
    """The listing scopes of the areas that hold every collective a directory query matches:
    those of its municipality, network or province filter (the first given of these; the others
    and every other filter only narrow it down), or none when it has none of them."""
    for kind, codes in (
        ("municipality", query.municipality),
        ("network", query.network),
        ("province", query.province),
    ):
        if codes:
            return [generation.listing_scope(generation.area_scope(kind, code)) for code in codes]
    return []


def _municipality(code):
    return generation.area_scope("municipality", code)


def _province(code):
    return generation.area_scope("province", code)


def _seat_scopes(municipality_code):
    """A seat left or emptied: its areas, and their lists of collectives."""
    province = Municipality.objects.filter(pk=municipality_code).values_list("province", flat=True)
    province = province.first()
    return _with_listings(
        [_municipality(municipality_code)] + ([_province(province)] if province else [])
    )


@receiver(post_save, sender=Collective, dispatch_uid="registry.scopes.moved")
def _renew_the_seat_it_left(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw or _caller_renews_every_area.get():
        return
    if update_fields is not None and "municipality" not in update_fields:
        return
    loaded = getattr(instance, "loaded_municipality_id", None)
    instance.loaded_municipality_id = instance.municipality_id  # for a next save of it
    if created:
        return
    if loaded is None:  # not read whole before (deferred, or made by hand): any area it left
        generation.bump_scopes([generation.AREAS], using=kwargs.get("using"))
    elif loaded != instance.municipality_id:
        generation.bump_scopes(_seat_scopes(loaded), using=kwargs.get("using"))


@receiver(post_delete, sender=Collective, dispatch_uid="registry.scopes.deleted")
def _renew_the_seat_of_a_deleted_record(sender, instance, using=None, **kwargs):
    if _caller_renews_every_area.get():
        return
    generation.bump_scopes(_seat_scopes(instance.municipality_id), using=using)


@receiver(post_save, sender=Membership, dispatch_uid="registry.scopes.joined")
@receiver(post_delete, sender=Membership, dispatch_uid="registry.scopes.left")
def _renew_the_network(sender, instance, raw=False, using=None, update_fields=None, **kwargs):
    if raw or _caller_renews_every_area.get():
        return
    # Whether the network may write the member's facts changes no list (decision 0059).
    if update_fields is not None and set(update_fields) <= {"network_writes_facts"}:
        return
    slug = Network.objects.filter(pk=instance.network_id).values_list("slug", flat=True).first()
    if slug:
        network = generation.area_scope("network", slug)
        generation.bump_scopes(_with_listings([network]), using=using)


# What one collective's page and its API answer are made from (caching/digests.py, decision
# 0066): its record, its seat and province, the municipalities it also works in, its domains,
# networks, yearly facts, life events and editors. A test compares these tables with those the
# two answers read.
COLLECTIVE = "collective"
_OF_THE_SLUG = "c.slug = %s"
_ITS_ROWS = "{alias}.collective_id = (SELECT id FROM registry_collective WHERE slug = %s)"
digests.define(
    COLLECTIVE,
    digests.Rows(Collective, "c", _OF_THE_SLUG),
    digests.Rows(
        Municipality,
        "m",
        _OF_THE_SLUG,
        "JOIN registry_collective c ON c.municipality_id = m.code",
    ),
    digests.Rows(
        Province,
        "p",
        _OF_THE_SLUG,
        "JOIN geo_municipality m ON m.province_id = p.code "
        "JOIN registry_collective c ON c.municipality_id = m.code",
    ),
    digests.Rows(Collective.works_in.through, "i", _ITS_ROWS.format(alias="i")),
    digests.Rows(
        Municipality,
        "w",
        _ITS_ROWS.format(alias="i"),
        "JOIN registry_collective_works_in i ON i.municipality_id = w.code",
    ),
    digests.Rows(CollectiveDomain, "d", _ITS_ROWS.format(alias="d")),
    digests.Rows(Membership, "s", _ITS_ROWS.format(alias="s")),
    digests.Rows(
        Network,
        "n",
        _ITS_ROWS.format(alias="s"),
        "JOIN networks_membership s ON s.network_id = n.id",
    ),
    digests.Rows(YearlyFacts, "f", _ITS_ROWS.format(alias="f")),
    digests.Rows(LifeEvent, "e", _ITS_ROWS.format(alias="e")),
    digests.Rows(Collective.editors.through, "r", _ITS_ROWS.format(alias="r")),
)
