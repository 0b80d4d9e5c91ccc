"""The demo's API user (Farid's journey, JOURNEYS.md 6): the admin of a fictitious national
umbrella whose members let it write their yearly facts, so a script with a write token can
post the figures of its members as an umbrella gathers them in its own member survey."""

import random

from django.db import transaction

from opmars.caching import generation
from opmars.networks.models import Membership, Network, NetworkKind
from opmars.registry.models import Collective
from opmars.registry.vocab import Kind, Status

UMBRELLA_ADMIN_EMAIL = "koepel@opmars.demo"
UMBRELLA_SLUG = "koepel-energiecooperaties"
UMBRELLA_MEMBERS = 80


def generate_demo(seed, progress=None):
    from opmars.cli import DEMO_PASSWORD  # the one password of every demo login

    with transaction.atomic():
        umbrella = _umbrella()
        members = _add_members(umbrella, random.Random(seed))
        _admin(umbrella, DEMO_PASSWORD)
        # Bulk inserts bypass the service functions (and their audit events).
        generation.bump()
    if progress:
        progress(f"{umbrella}: {members} leden laten de koepel hun jaarcijfers bijwerken")


def _umbrella():
    umbrella, _new = Network.objects.get_or_create(
        slug=UMBRELLA_SLUG,
        defaults={
            "name": "Koepel Energiecoöperaties (fictief)",
            "kind": NetworkKind.NATIONAL,
            "is_demo": True,
            "description": "Fictief voorbeeld van een landelijke koepel.",
        },
    )
    return umbrella


def _add_members(umbrella, rng):
    """Active energy cooperatives across the country, each of which allowed the umbrella to
    write its yearly facts; returns how many."""
    candidates = list(
        Collective.objects.filter(is_demo=True, kind=Kind.ENERGIECOOPERATIE, status=Status.ACTIEF)
        .order_by("id")
        .values_list("id", flat=True)
    )
    chosen = rng.sample(candidates, min(UMBRELLA_MEMBERS, len(candidates)))
    Membership.objects.bulk_create(
        [
            Membership(network=umbrella, collective_id=pk, network_writes_facts=True)
            for pk in sorted(chosen)
        ],
        ignore_conflicts=True,
    )
    return umbrella.membership_set.filter(network_writes_facts=True).count()


def _admin(umbrella, password):
    from opmars.accounts.models import User

    user, _new = User.objects.get_or_create(
        email=UMBRELLA_ADMIN_EMAIL, defaults={"username": UMBRELLA_ADMIN_EMAIL}
    )
    user.first_name, user.last_name = "Farid", "Koepel"
    user.set_password(password)
    user.save()
    umbrella.admins.add(user)
