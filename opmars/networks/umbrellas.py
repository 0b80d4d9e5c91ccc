"""The eight national umbrella organisations behind the manifesto: real reference entries.

They exist in every installation (not only the demo), so imports and the API can refer to them
by slug. Created after every migrate; existing rows are left as they are.
"""

from django.utils.translation import gettext_noop

UMBRELLAS = [
    ("cooplink", "Cooplink"),
    ("lvkk", "Landelijke Vereniging voor Kleine Kernen"),
    ("lsa", "Landelijk Samenwerkingsverband Actieve bewoners"),
    ("lokale-fondsen-nederland", "Lokale Fondsen Nederland"),
    ("maex", "MAEX"),
    ("nlzve", "Nederland Zorgt Voor Elkaar"),
    ("ncr", "Nationale Coöperatieve Raad"),
    ("energie-samen", "Energie Samen"),
]

DESCRIPTION = gettext_noop(
    "Een van de acht landelijke organisaties achter het manifest "
    "'Burgercollectieven: opmars in de maatschappij' (2020)."
)


def ensure_umbrellas(sender=None, using="default", **kwargs):
    """Create the umbrellas if missing; returns {slug: Network}."""
    from opmars.networks.models import Network, NetworkKind

    networks = {}
    for slug, name in UMBRELLAS:
        networks[slug], _created = Network.objects.using(using).get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": NetworkKind.NATIONAL,
                "description": DESCRIPTION,
                "is_reference": True,
            },
        )
    return networks
