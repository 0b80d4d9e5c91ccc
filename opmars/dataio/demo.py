"""The start of the staff and network journeys (JOURNEYS.md 2 and 7) in the demo:

- registrations to verify: collectives people registered on the site themselves, and verified
  ones whose editors changed them since (the verification queue of registry.views);
- duplicate pairs planted on purpose: the same name in the same municipality, imported by two
  different fictitious networks (a provincial one and a national one). Each record carries an
  identifier of scheme PLANTED_SCHEME, "<pair>a" and "<pair>b", so the duplicate search can
  report how many of them it finds (duplicates.planted_recall);
- two village councils in Noord-Brabant that are in no network, whose near namesakes the
  network coordinator's list brings in (then he merges them).

Fixed records, not drawn from the seed: the journey tests look them up by name.
"""

from opmars.accounts.audit import AuditAction, record
from opmars.caching import generation
from opmars.dataio.models import ExternalId
from opmars.geo.models import Municipality
from opmars.networks.models import Membership, Network, NetworkKind
from opmars.registry import history
from opmars.registry.location import public_point
from opmars.registry.models import Collective
from opmars.registry.vocab import Kind, LegalForm
from opmars.text import slugify, stemmed

PLANTED_SCHEME = "opmars-demo-dubbel"
NATIONAL_NETWORK = "Vereniging Dorpshuizen Nederland (fictief)"
NATIONAL_SLUG = "dorpshuizen-nederland-fictief"
IMPORTED_ON = "2026-02-20"

# (name, municipality): each is imported twice, once by the province's kleine-kernen network
# and once by the national network above. The first is the one Gerda's journey resolves.
PLANTED = [
    ("Dorpshuis De Schakel", "Westerkwartier"),
    ("Dorpshuis De Linde", "Het Hogeland"),
    ("Dorpsbelang Koudum-Noord", "Súdwest-Fryslân"),
    ("Dorpshuis It Mienskipshûs", "De Fryske Marren"),
    ("Dorpshuis De Brink", "Tynaarlo"),
    ("Dorpshuis De Klinker", "Westerveld"),
    ("Kulturhus Markelo-Oost", "Hof van Twente"),
    ("Dorpshuis De Kamp", "Dinkelland"),
    ("Dorpshuis 't Zand", "Berkelland"),
    ("Dorpsraad Zieuwent-Oost", "Oost Gelre"),
    ("Dorpshuis De Lange Jammer", "Noordoostpolder"),
    ("Dorpshuis De Boomgaard", "Stichtse Vecht"),
    ("Dorpshuis De Nieuwe Wierde", "Hollands Kroon"),
    ("Dorpshuis Het Ankerpunt", "Krimpenerwaard"),
    ("Dorpshuis De Zeeuwse Schuur", "Schouwen-Duiveland"),
    ("Dorpsraad Kessel-Eik", "Peel en Maas"),
]

# Village councils in the network coordinator's province that no network has yet.
WITHOUT_NETWORK = [("Dorpsraad Sterksel", "Heeze-Leende"), ("Dorpsbelang Handel", "Gemert-Bakel")]

# (name, municipality, kind, description): registered on the site, not yet verified.
REGISTERED = [
    ("Buurtkracht Zuiderpark (fictief)", "'s-Gravenhage", Kind.BEWONERSINITIATIEF,
     "Bewoners houden samen het Zuiderpark schoon en organiseren een buurtmaaltijd."),
    ("Energiecoöperatie Zonnig Zeewolde (fictief)", "Zeewolde", Kind.ENERGIECOOPERATIE,
     "Zonnepanelen op de daken van de sporthal en de basisschool, voor en door het dorp."),
    ("Zorgcoöperatie Samen Ouder Worden (fictief)", "Oldambt", Kind.ZORGCOOPERATIE,
     "Vrijwilligers helpen ouderen in het dorp met vervoer, klussen en gezelschap."),
    ("Voedselbos De Eetbare Wijk (fictief)", "Nijmegen", Kind.VOEDSELCOLLECTIEF,
     "Een voedselbos op een braakliggend terrein, met een oogstdag per maand."),
    ("Wijkbedrijf Kanaleneiland (fictief)", "Utrecht", Kind.BEWONERSBEDRIJF,
     "Bewoners doen betaald werk in de eigen wijk: groenonderhoud en een klussendienst."),
]  # fmt: skip

# (name, municipality, kind, description before, description after): verified, then changed.
CHANGED = [
    ("Dorpscoöperatie Ons Dorp (fictief)", "Westerwolde", Kind.DORPSRAAD,
     "Een coöperatie die de dorpswinkel draait.",
     "Een coöperatie die de dorpswinkel en sinds dit jaar ook de bibliotheek draait."),
    ("Buurtfonds De Pijp (fictief)", "Amsterdam", Kind.LOKAAL_FONDS,
     "Een fonds voor kleine bewonersplannen in De Pijp.",
     "Een fonds voor kleine bewonersplannen in De Pijp en de Rivierenbuurt."),
]  # fmt: skip


def create_staff_journey_start():
    """All of the above; nothing when it exists already. Returns a line for the progress."""
    if ExternalId.objects.filter(scheme=PLANTED_SCHEME).exists():
        return None
    places = _municipalities()
    national = _national_network()
    for number, (name, place) in enumerate(PLANTED, start=1):
        municipality = places[place]
        provincial = Network.objects.get(
            is_demo=True, kind=NetworkKind.PROVINCIAL, province_id=municipality.province_id
        )
        for suffix, network in (("a", provincial), ("b", national)):
            collective = _collective(name, municipality, Kind.DORPSRAAD, _imported(network))
            Membership.objects.create(network=network, collective=collective, since=2026)
            ExternalId.objects.create(
                scheme=PLANTED_SCHEME, value=f"{number}{suffix}", collective=collective
            )
            history.record_new([collective], f"{history.SOURCE_IMPORT}: {network.name}")
    for name, place in WITHOUT_NETWORK:
        _demo_record(_collective(name, places[place], Kind.DORPSRAAD))
    for name, place, kind, description in REGISTERED:
        _register(name, places[place], kind, description)
    for name, place, kind, before, after in CHANGED:
        _changed(name, places[place], kind, before, after)
    generation.bump()
    return (
        f"{len(PLANTED)} fictieve dubbele paren uit twee netwerken, {len(REGISTERED)} nieuwe "
        f"en {len(CHANGED)} gewijzigde aanmeldingen om te verifiëren gemaakt"
    )


def _municipalities():
    names = {place for _n, place, *_rest in [*PLANTED, *WITHOUT_NETWORK, *REGISTERED, *CHANGED]}
    found = {m.name: m for m in Municipality.objects.filter(name__in=names)}
    missing = names - found.keys()
    assert not missing, f"gemeenten niet gevonden: {sorted(missing)}"
    return found


def _national_network():
    network, _made = Network.objects.get_or_create(
        slug=NATIONAL_SLUG,
        defaults={
            "name": NATIONAL_NETWORK,
            "kind": NetworkKind.NATIONAL,
            "is_demo": True,
            "description": "Fictief voorbeeld van een landelijk netwerk van dorpshuizen.",
        },
    )
    return network


def _imported(network):
    # The importer's wording (dataio.importing), without its "bron:" that the page already says.
    return f"import door {network.name}, {IMPORTED_ON}"


def _collective(name, municipality, kind, source=""):
    lat, lon, precision = public_point(municipality)
    return Collective.objects.create(
        slug=_free_slug(name),
        name=name,
        kind=kind,
        legal_form=LegalForm.VERENIGING,
        municipality=municipality,
        public_lat=lat,
        public_lon=lon,
        location_precision=precision,
        source=source,
        is_demo=True,
        search_text=stemmed(f"{name} {municipality.name} {Kind(kind).label}"),
    )


def _free_slug(name):
    base = slugify(name)
    slug, number = base, 1
    while Collective.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _demo_record(collective):
    history.record_new([collective], history.SOURCE_DEMO)


def _register(name, municipality, kind, description):
    """As the registration form leaves it: unverified, with its audit event."""
    collective = _collective(name, municipality, kind)
    collective.description = description
    collective.save(update_fields=["description"])
    history.record_new([collective], history.SOURCE_FORM)
    record(None, AuditAction.COLLECTIVE_CREATE, collective, {"name": name})
    return collective


def _changed(name, municipality, kind, before, after):
    """Registered, verified by Opmars, and then changed by its editors."""
    collective = _register(name, municipality, kind, before)
    collective.is_verified = True
    collective.save(update_fields=["is_verified"])
    record(None, AuditAction.COLLECTIVE_VERIFY, collective, {"is_verified": [False, True]})
    collective.description = after
    collective.save(update_fields=["description"])
    record(None, AuditAction.COLLECTIVE_UPDATE, collective, {"description": [before, after]})
