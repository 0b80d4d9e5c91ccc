"""Fictitious but plausible demo collectives, deterministic for a seed, fast enough for 100,000.

Every record made here is marked is_demo and says so in its source; no real collective is named.
"""

import random
from collections import defaultdict
from datetime import date, timedelta

from django.db import transaction

from opmars.caching import generation
from opmars.common.slugs import SlugPool
from opmars.geo.models import Municipality, Postcode
from opmars.networks.models import Membership, Network
from opmars.registry.actions import RESERVED_SLUGS
from opmars.registry.location import public_point
from opmars.registry.models import Collective, CollectiveDomain, YearlyFacts
from opmars.registry.vocab import Domain, Kind
from opmars.text import slugify, stemmed

DEMO_SOURCE = "Fictief voorbeeld (gegenereerd door Opmars)"
LAST_FACTS_YEAR = 2025
FACTS_YEARS = 10
BATCH = 2000

# kind: (weight, extra weight in small municipalities, legal forms, domains, name patterns)
KINDS = {
    Kind.BEWONERSINITIATIEF: (
        24,
        0,
        ["informeel", "stichting", "vereniging"],
        ["leefbaarheid_ontmoeting", "natuur_groen", "cultuur", "sport"],
        [
            "Bewonersinitiatief {place}",
            "Samen {place}",
            "Buurtkamer {place}",
            "Wijkinitiatief {place}",
        ],
    ),
    Kind.BUURTCOOPERATIE: (
        6,
        0,
        ["cooperatie_ua", "vereniging"],
        ["zorg_welzijn", "leefbaarheid_ontmoeting", "werk_economie"],
        ["Buurtcoöperatie {place}", "Wijkcoöperatie {place}"],
    ),
    Kind.BEWONERSBEDRIJF: (
        3,
        0,
        ["stichting", "cooperatie_ua", "bv"],
        ["werk_economie", "leefbaarheid_ontmoeting"],
        ["Bewonersbedrijf {place}", "Wijkbedrijf {place}"],
    ),
    Kind.LOKAAL_FONDS: (
        4,
        0,
        ["stichting"],
        ["financiering"],
        ["Fonds {place}", "Dorpsfonds {place}"],
    ),
    Kind.ENERGIECOOPERATIE: (
        10,
        3,
        ["cooperatie_ua"],
        ["energie"],
        ["Energiecoöperatie {place}", "{place} Energie", "Zon op {place}", "{place} Duurzaam"],
    ),
    Kind.ZORGCOOPERATIE: (
        11,
        3,
        ["cooperatie_ua", "vereniging", "stichting"],
        ["zorg_welzijn"],
        ["Zorgcoöperatie {place}", "Zorgzaam {place}", "Samen Zorgen {place}"],
    ),
    Kind.DORPSRAAD: (
        8,
        14,
        ["vereniging", "stichting"],
        ["leefbaarheid_ontmoeting", "wonen"],
        ["Dorpsraad {place}", "Dorpsbelang {place}", "Vereniging Plaatselijk Belang {place}"],
    ),
    Kind.WOONCOOPERATIE: (
        2,
        0,
        ["cooperatie_ua", "vereniging"],
        ["wonen"],
        ["Wooncoöperatie {place}", "Woongemeenschap {place}"],
    ),
    Kind.VOEDSELCOLLECTIEF: (
        5,
        1,
        ["cooperatie_ua", "stichting", "informeel"],
        ["voedsel", "natuur_groen"],
        ["Voedselcoöperatie {place}", "Moestuin {place}", "Voedselbos {place}"],
    ),
    Kind.NATUURCOLLECTIEF: (
        5,
        2,
        ["stichting", "vereniging", "informeel"],
        ["natuur_groen"],
        ["Groen {place}", "Natuurwerkgroep {place}", "Tiny Forest {place}"],
    ),
    Kind.MOBILITEITSCOLLECTIEF: (
        2,
        1,
        ["cooperatie_ua", "stichting"],
        ["mobiliteit"],
        ["Buurtbus {place}", "Deelauto {place}"],
    ),
    Kind.SOCIALE_ONDERNEMING: (
        5,
        0,
        ["bv", "stichting", "cooperatie_ua"],
        ["werk_economie"],
        ["Leerwerkbedrijf {place}", "Repair Café {place}", "Kringloop {place}"],
    ),
    Kind.OVERIG: (
        2,
        0,
        ["stichting", "vereniging", "overig"],
        ["cultuur", "onderwijs", "sport"],
        ["Collectief {place}"],
    ),
}

ACTIVITIES = {
    Kind.ENERGIECOOPERATIE: [
        "legt zonnepanelen op daken van scholen en boerderijen",
        "beheert een zonnepark en een windmolen",
        "helpt bewoners hun huis te isoleren",
        "organiseert energiecafés en warmtescans",
    ],
    Kind.ZORGCOOPERATIE: [
        "regelt vervoer naar de huisarts",
        "organiseert maaltijden en ontmoeting voor ouderen",
        "ondersteunt mantelzorgers",
        "zet vrijwilligers in voor hulp in en om het huis",
    ],
    Kind.DORPSRAAD: [
        "behartigt de belangen van het dorp bij de gemeente",
        "beheert het dorpshuis",
        "organiseert de dorpsagenda en het jaarlijkse dorpsfeest",
    ],
    Kind.BUURTCOOPERATIE: [
        "biedt klussen, zorg en ontmoeting in de wijk",
        "runt een buurtkamer en een klussendienst",
    ],
    Kind.LOKAAL_FONDS: [
        "steunt lokale initiatieven met kleine bijdragen",
        "beheert een dorpsfonds voor projecten",
    ],
}
GENERIC = [
    "brengt buren met elkaar in contact",
    "organiseert activiteiten voor jong en oud",
    "zorgt voor een groenere en schonere buurt",
    "werkt samen met de gemeente en andere collectieven",
]


def _weighted_kinds(small):
    kinds = list(KINDS)
    weights = [KINDS[k][0] + (KINDS[k][1] if small else 0) for k in kinds]
    return kinds, weights


def _founded_year(rng, kind):
    # Growth over time: most collectives are young; dorpsraden and funds are older on average.
    start = 1945 if kind == Kind.DORPSRAAD else 1975
    span = LAST_FACTS_YEAR - start
    year = start + int(span * (1 - rng.random() ** 0.45))
    return min(year, LAST_FACTS_YEAR)


def _status(rng, founded):
    roll = rng.random()
    if roll < 0.06:
        return "gestopt", rng.randint(max(founded, 2010), LAST_FACTS_YEAR)
    if roll < 0.11:
        return "slapend", rng.randint(max(founded, 2018), LAST_FACTS_YEAR)
    return "actief", None


def _facts(rng, collective, kind):
    first = max(collective.founded_year, LAST_FACTS_YEAR - FACTS_YEARS + 1)
    last = collective.status_year if collective.status == "gestopt" else LAST_FACTS_YEAR
    size = rng.lognormvariate(3.6 if kind == Kind.ENERGIECOOPERATIE else 3.2, 0.9)
    members = size
    rows = []
    for year in range(first, last + 1):
        members *= 1 + rng.uniform(-0.03, 0.12)
        n_members = int(members)
        volunteers = max(1, int(n_members * rng.uniform(0.08, 0.35)))
        paid = int(n_members / 400 * rng.random())
        grants = int(rng.choice([0, 0, 500, 2000, 5000, 15000]) * (1 + n_members / 500))
        rows.append(
            YearlyFacts(
                collective=collective,
                year=year,
                members=n_members,
                volunteers=volunteers,
                paid_staff=paid,
                people_reached=int(n_members * rng.uniform(1.5, 6)),
                income_grants=grants,
                income_contributions=n_members * rng.choice([0, 10, 25, 50]),
                income_donations=int(rng.random() * 2000),
                income_sales=int(n_members * rng.uniform(0, 120))
                if kind in (Kind.ENERGIECOOPERATIE, Kind.SOCIALE_ONDERNEMING, Kind.BEWONERSBEDRIJF)
                else 0,
                income_loans=None,
                income_other=None,
            )
        )
    return rows


def _municipality_weights(municipalities):
    # Roughly by population, with a floor so every municipality has a chance of a collective.
    return [max(m.population, 15000) ** 0.9 for m in municipalities]


def _places(rng):
    places = defaultdict(list)
    for pc in Postcode.objects.all().order_by("pc4"):
        places[pc.municipality_id].append(pc)
    return places


def _build(rng, municipality, postcodes, neighbours, names, verified_before):
    small = municipality.population < 40000
    kinds, weights = _weighted_kinds(small)
    kind = rng.choices(kinds, weights)[0]
    _w, _s, legal_forms, domain_pool, patterns = KINDS[kind]
    postcode = rng.choice(postcodes) if postcodes else None
    place = postcode.place.title() if postcode and postcode.place else municipality.name
    name = rng.choice(patterns).format(place=place)
    founded = _founded_year(rng, kind)
    status, status_year = _status(rng, founded)
    domains = sorted(
        {domain_pool[0], *rng.sample(domain_pool, k=min(len(domain_pool), rng.randint(0, 2)))}
    )
    if rng.random() < 0.15:
        domains = sorted({*domains, rng.choice(Domain.values)})
    activity = rng.choice(ACTIVITIES.get(kind, GENERIC))
    description = (
        f"{name} {activity} in {place}. Opgericht in {founded} door bewoners; "
        f"{rng.choice(GENERIC)}. Dit is een fictief voorbeeld."
    )
    pc_text = (
        f"{postcode.pc4} {rng.choice('ABCDEFGHJKLMNPRSTVWXZ')}{rng.choice('ABCDEFGHJKLMNPRSTVWXZ')}"
        if postcode
        else ""
    )
    public_address = postcode is not None and rng.random() < 0.12
    lat = postcode.lat + rng.uniform(-0.004, 0.004) if postcode else None
    lon = postcode.lon + rng.uniform(-0.006, 0.006) if postcode else None
    c = Collective(
        slug=names.allocate(name),
        name=name,
        kind=kind,
        legal_form=rng.choice(legal_forms),
        municipality=municipality,
        postcode=pc_text,
        lat=lat,
        lon=lon,
        address_is_public=public_address,
        founded_year=founded,
        status=status,
        status_year=status_year,
        description=description,
        website="",
        source=DEMO_SOURCE,
        is_demo=True,
        last_verified=verified_before - timedelta(days=rng.randint(0, 900)),
        is_verified=rng.random() < 0.6,
        is_open=rng.random() < 0.93,
        is_democratic=rng.random() < 0.85,
    )
    c.public_lat, c.public_lon, c.location_precision = _public(c, postcode)
    c.search_text = stemmed(
        " ".join(
            [
                name,
                description,
                municipality.name,
                str(kind.label),
                *[str(Domain(d).label) for d in domains],
            ]
        )
    )
    works_in = (
        rng.sample(neighbours, k=min(len(neighbours), rng.randint(1, 2)))
        if rng.random() < 0.15
        else []
    )
    return c, domains, works_in


def _public(c, postcode):
    if c.address_is_public:
        return round(c.lat, 5), round(c.lon, 5), "adres"
    if postcode:
        return round(postcode.lat, 3), round(postcode.lon, 3), "postcode"
    return public_point(c.municipality)


def demo_networks():
    """The national umbrellas (real reference entries) and a fictitious network per province."""
    from opmars.geo.models import Province
    from opmars.networks.models import NetworkKind
    from opmars.networks.umbrellas import ensure_umbrellas

    networks = ensure_umbrellas()
    for province in Province.objects.all():
        slug = f"kleine-kernen-{slugify(province.name)}"
        networks[province.code], _ = Network.objects.get_or_create(
            slug=slug,
            defaults={
                "name": f"Netwerk Kleine Kernen {province.name} (fictief)",
                "kind": NetworkKind.PROVINCIAL,
                "province": province,
                "is_demo": True,
                "description": "Fictief voorbeeld van een provinciaal netwerk.",
            },
        )
    return networks


UMBRELLA_BY_KIND = {
    Kind.ENERGIECOOPERATIE: ["energie-samen", "ncr"],
    Kind.ZORGCOOPERATIE: ["nlzve"],
    Kind.DORPSRAAD: ["lvkk"],
    Kind.BUURTCOOPERATIE: ["cooplink", "lsa"],
    Kind.BEWONERSBEDRIJF: ["lsa"],
    Kind.LOKAAL_FONDS: ["lokale-fondsen-nederland"],
    Kind.BEWONERSINITIATIEF: ["lsa", "maex"],
}


def _memberships(rng, collective, networks):
    slugs = [s for s in UMBRELLA_BY_KIND.get(collective.kind, []) if rng.random() < 0.45]
    rows = [Membership(network=networks[s], collective=collective) for s in slugs]
    if collective.kind == Kind.DORPSRAAD and rng.random() < 0.6:
        rows.append(
            Membership(network=networks[collective.municipality.province_id], collective=collective)
        )
    return rows


def generate_demo(count, seed=1, progress=None):
    rng = random.Random(seed)
    municipalities = list(Municipality.objects.select_related("province").order_by("code"))
    weights = _municipality_weights(municipalities)
    places = _places(rng)
    by_province = defaultdict(list)
    for m in municipalities:
        by_province[m.province_id].append(m)
    networks = demo_networks()
    names = SlugPool([*Collective.objects.values_list("slug", flat=True), *RESERVED_SLUGS])
    verified_before = date(2026, 10, 1)
    done = 0
    while done < count:
        size = min(BATCH, count - done)
        _generate_batch(
            rng,
            size,
            municipalities,
            weights,
            places,
            by_province,
            networks,
            names,
            verified_before,
        )
        done += size
        if progress and (done % 20000 == 0 or done == count):
            progress(f"{done} van {count} fictieve collectieven gemaakt")
    # Bulk inserts bypass the service functions (and their audit events).
    generation.bump()


@transaction.atomic
def _generate_batch(
    rng, size, municipalities, weights, places, by_province, networks, names, verified_before
):
    chosen = rng.choices(municipalities, weights, k=size)
    built = [
        _build(rng, m, places.get(m.code, []), by_province[m.province_id], names, verified_before)
        for m in chosen
    ]
    collectives = Collective.objects.bulk_create([b[0] for b in built])
    domains, works_in, facts, memberships = [], [], [], []
    through = Collective.works_in.through
    for collective, (_c, domain_codes, neighbours) in zip(collectives, built, strict=True):
        domains += [CollectiveDomain(collective=collective, domain=d) for d in domain_codes]
        works_in += [
            through(collective_id=collective.id, municipality_id=n.code)
            for n in neighbours
            if n.code != collective.municipality_id
        ]
        facts += _facts(rng, collective, collective.kind)
        memberships += _memberships(rng, collective, networks)
    CollectiveDomain.objects.bulk_create(domains)
    through.objects.bulk_create(works_in, ignore_conflicts=True)
    YearlyFacts.objects.bulk_create(facts)
    Membership.objects.bulk_create(memberships)


def _demo_user(email, password, **flags):
    from opmars.accounts.models import User

    user, _ = User.objects.get_or_create(email=email, defaults={"username": email})
    for name, value in flags.items():
        setattr(user, name, value)
    user.set_password(password)
    user.save()
    return user


def create_demo_accounts(staff_email, editor_email, password):
    """A staff account and an editor of one demo collective; returns that collective."""
    _demo_user(staff_email, password, is_staff=True, is_superuser=True)
    editor = _demo_user(editor_email, password)
    collective = editor.edited_collectives.first() or (
        Collective.objects.filter(is_demo=True, kind=Kind.BUURTCOOPERATIE).order_by("id").first()
        or Collective.objects.order_by("id").first()
    )
    if collective:
        collective.editors.add(editor)
    return collective


def create_role_demo_accounts(admin_email, viewer_email, password, collective):
    """An admin of a fictitious network that `collective` belongs to, and an officer of its
    municipality, which the collective lets see its draft impact figures. Returns both."""
    from opmars.accounts.models import MunicipalityViewer

    admin = _demo_user(admin_email, password)
    viewer = _demo_user(viewer_email, password)
    network = Network.objects.filter(is_demo=True, membership__collective=collective).first()
    if network is None:
        # The fictitious network of the collective's province, which the collective then joins,
        # so the admin sees a member with an editor, drafts and an audit trail.
        network = Network.objects.filter(
            is_demo=True, province_id=collective.municipality.province_id
        ).first()
        if network:
            Membership.objects.get_or_create(network=network, collective=collective)
    if network:
        network.admins.add(admin)
    Collective.objects.filter(pk=collective.pk).update(shares_drafts_with_municipality=True)
    MunicipalityViewer.objects.get_or_create(user=viewer, municipality=collective.municipality)
    return network, collective.municipality
