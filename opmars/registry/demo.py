"""Fictitious but plausible demo collectives, deterministic for a seed, fast enough for 100,000.

Every record made here is marked is_demo and says so in its source; no real collective is named.
The national curves follow the sector's published series in shape (docs/demo.md): foundings in
every year, growth in most, stops and dormant spells recorded as life-cycle events, a share with
paid staff that rises, and facts left blank where real collectives leave them blank.
"""

import math
import random
from collections import defaultdict
from datetime import date, timedelta
from itertools import accumulate
from typing import NamedTuple

from django.db import transaction

from opmars.caching import generation
from opmars.common.slugs import SlugPool
from opmars.geo.models import Municipality, Postcode
from opmars.monitor.comparison import energy_cooperatives_by_year
from opmars.networks.models import Membership, Network
from opmars.registry import history
from opmars.registry.actions import RESERVED_SLUGS
from opmars.registry.location import public_point
from opmars.registry.models import Collective, CollectiveDomain, LifeEvent, YearlyFacts
from opmars.registry.vocab import DatePrecision, Domain, EventKind, Kind, Status
from opmars.text import slugify, stemmed

DEMO_SOURCE = "Fictief voorbeeld (gegenereerd door Opmars)"
# The last complete year: foundings, life-cycle events and yearly facts run to it.
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


# Active collectives at the end of a year, relative, per curve: an S-curve (logistic) through
# (first year, midpoint, years per e-fold). Assumed shapes (docs/demo.md); the energy curve
# takes the Lokale Energie Monitor's published counts (reference_figures.csv) from their first
# year on, and stays flat after their last.
CURVES = {
    "energie": (1985, 2016, 2.5),
    "zorg": (1990, 2020, 5),
    "dorp": (1900, 1975, 18),
    "buurt": (1960, 2027, 11),
}
# kind: (curve, chance a year of stopping, how likely it takes on paid staff: 1 = average).
LIFE = {
    Kind.BEWONERSINITIATIEF: ("buurt", 0.022, 0.15),
    Kind.BUURTCOOPERATIE: ("buurt", 0.012, 1.6),
    Kind.BEWONERSBEDRIJF: ("buurt", 0.012, 3.0),
    Kind.LOKAAL_FONDS: ("buurt", 0.008, 0.6),
    Kind.ENERGIECOOPERATIE: ("energie", 0.008, 1.6),
    Kind.ZORGCOOPERATIE: ("zorg", 0.012, 2.2),
    Kind.DORPSRAAD: ("dorp", 0.006, 0.1),
    Kind.WOONCOOPERATIE: ("buurt", 0.008, 0.8),
    Kind.VOEDSELCOLLECTIEF: ("buurt", 0.02, 0.6),
    Kind.NATUURCOLLECTIEF: ("buurt", 0.015, 0.3),
    Kind.MOBILITEITSCOLLECTIEF: ("buurt", 0.015, 0.6),
    Kind.SOCIALE_ONDERNEMING: ("buurt", 0.015, 3.5),
    Kind.OVERIG: ("buurt", 0.015, 0.5),
}
# The register knows few collectives that stopped long before it existed: stops and dormant
# spells are rare in HISTORY_FROM and reach their full rate HISTORY_RAMP years later.
HISTORY_FROM, HISTORY_RAMP = 2000, 10
DORMANT_RATE = 0.012  # a year, of the active collectives
COVID_YEARS = (2020, 2021)  # twice the dormant rate
BACK_NEXT_YEAR = 0.45  # of those fallen dormant: active again the next year
STOP_WHILE_DORMANT = 0.25  # a year, of those dormant for longer
# When the curve falls, foundings go on at least at this share of what leaves.
MIN_REPLACEMENT = 0.5
# The chance a year that an active collective takes on its first paid staff member (average
# kind), from PAID_FROM on: rises by PAID_RISE a year.
PAID_FROM, PAID_START, PAID_RISE = 1995, 0.004, 0.0011
# Members of a grown collective (log-normal mu, sigma 0.9); a young one starts at 30% and catches
# up. Set so the averages come near the sector's (reference_figures.csv): ~150 members per energy
# cooperative in 2019 rising to ~180 in 2023, ~90 members and ~50 volunteers per care community.
SIZE = {Kind.ENERGIECOOPERATIE: 4.9, Kind.ZORGCOOPERATIE: 4.3, Kind.DORPSRAAD: 4.2}
GROWN_AT = 8  # years
SALES_KINDS = (Kind.ENERGIECOOPERATIE, Kind.SOCIALE_ONDERNEMING, Kind.BEWONERSBEDRIJF)
# Kinds with three times the paid staff of others their size.
STAFF_KINDS = (Kind.SOCIALE_ONDERNEMING, Kind.BEWONERSBEDRIJF)


def _published_energy():
    """{year: count} of the Lokale Energie Monitor's energy cooperatives."""
    return {year: f["value"] for year, f in energy_cooperatives_by_year().items()}


def _curve(name):
    """({year: relative active count} from the curve's first year on, the measured years)."""
    first, midpoint, width = CURVES[name]
    years = range(first, LAST_FACTS_YEAR + 1)
    values = {year: 1 / (1 + math.exp((midpoint - year) / width)) for year in years}
    published = _published_energy() if name == "energie" else {}
    if published:
        start, end = min(published), max(published)
        scale = values[start] / published[start]
        values.update({year: published[year] * scale for year in published})
        values.update({year: published[end] * scale for year in years if year > end})
    return values, set(published)


def _recall(year):
    """How much of a year's stops and dormant spells the register knows of, 0 to 1."""
    return min(max(year - HISTORY_FROM, 0) / HISTORY_RAMP, 1.0)


def _dormant_rate(year):
    return DORMANT_RATE * (2 if year in COVID_YEARS else 1)


def founding_weights():
    """{kind: (years, cumulative weights)}: foundings that, after the stops and the dormant
    spells that do not end the next year, leave an active count that follows the kind's curve.
    A measured curve shows the COVID years' dip already; an assumed one is left to show it."""
    weights = {}
    for kind, (curve_name, stop_rate, _paid) in LIFE.items():
        curve, measured = _curve(curve_name)
        years = sorted(curve)[1:]
        per_year = []
        for year in years:
            before = curve[year - 1]
            dormant = _dormant_rate(year) if year in measured else DORMANT_RATE
            leaving = (stop_rate + dormant * (1 - BACK_NEXT_YEAR)) * _recall(year) * before
            per_year.append(max(curve[year] - before + leaving, MIN_REPLACEMENT * leaving))
        weights[kind] = (years, list(accumulate(per_year)))
    return weights


class Life(NamedTuple):
    """What happened to a collective after its founding, as the demo drew it."""

    events: list  # [(status event kind, year)] after the founding
    active_years: list  # years active during at least part of
    first_paid: int | None  # the year of the first paid staff member


def _life(rng, kind, founded):
    """The status events after the founding, [(event kind, year)], oldest first: at most one a
    year. A dormant spell ends the next year or not at all (stopped, or dormant still)."""
    stop_rate = LIFE[kind][1]
    events = []
    dormant_since = None
    for year in range(max(founded + 1, HISTORY_FROM + 1), LAST_FACTS_YEAR + 1):
        roll = rng.random()
        if dormant_since is None:
            recall = _recall(year)
            if roll < stop_rate * recall:
                events.append((EventKind.GESTOPT, year))
                break
            if roll < (stop_rate + _dormant_rate(year)) * recall:
                events.append((EventKind.SLAPEND, year))
                dormant_since = year
        elif year == dormant_since + 1:
            if roll < BACK_NEXT_YEAR:
                events.append((EventKind.HERACTIVEERD, year))
                dormant_since = None
        elif roll < STOP_WHILE_DORMANT:
            events.append((EventKind.GESTOPT, year))
            break
    return events


def _active_years(founded, events):
    """The years the collective was active during at least part of, as its periods say."""
    years, start = [], founded
    for kind, year in events:
        if kind == EventKind.HERACTIVEERD:
            start = year
        elif start is not None:
            years += range(start, year + 1)
            start = None
    if start is not None:
        years += range(start, LAST_FACTS_YEAR + 1)
    return years


def _first_paid_year(rng, kind, active_years, changed):
    """The year of the first paid staff member, or None. Never in a year of a status change:
    both events would be dated 1 January, and which came first would be anyone's guess."""
    factor = LIFE[kind][2]
    for year in active_years:
        if year < PAID_FROM or year in changed:
            continue
        if rng.random() < factor * (PAID_START + PAID_RISE * (year - PAID_FROM)):
            return year
    return None


def _unknown(rng, value, share):
    """`value`, or None (left blank) with chance `share`."""
    return None if rng.random() < share else value


def _facts(rng, collective, life):
    """Yearly facts over the last FACTS_YEARS years the collective was active in (part of)."""
    kind = collective.kind
    first = LAST_FACTS_YEAR - FACTS_YEARS + 1
    years = [y for y in life.active_years if y >= first]
    if not years:
        return []
    founded = collective.founded_year
    size = rng.lognormvariate(SIZE.get(kind, 3.2), 0.9)
    size *= min(1.0, 0.3 + (years[0] - founded) / GROWN_AT)
    cap = max(collective.municipality.population // 5, 30)
    # An informal collective often keeps no accounts of what its participants pay.
    no_accounts = collective.legal_form == "informeel" and rng.random() < 0.5
    volunteer_share = (0.3, 0.85) if kind == Kind.ZORGCOOPERATIE else (0.08, 0.35)
    rows = []
    for year in years:
        size *= 1 + rng.uniform(-0.03, 0.12) + (0.7 / GROWN_AT if year - founded < GROWN_AT else 0)
        members = min(int(size), cap)
        volunteers = max(1, int(members * rng.uniform(*volunteer_share)))
        paid = 0
        if life.first_paid is not None and year >= life.first_paid:
            staff_scale = 3 if kind in STAFF_KINDS else 1
            paid = 1 + int(rng.random() * (0.5 + members / 150) * staff_scale)
        grants = int(rng.choice([0, 0, 500, 2000, 5000, 15000]) * (1 + members / 500))
        contributions = members * rng.choice([0, 10, 25, 50])
        rows.append(
            YearlyFacts(
                collective=collective,
                year=year,
                members=members,
                volunteers=volunteers,
                # Known in the year of the first paid staff member: its event says so.
                paid_staff=paid if year == life.first_paid else _unknown(rng, paid, 0.05),
                people_reached=int(members * rng.uniform(1.5, 6)),
                income_grants=_unknown(rng, grants, 0.08),
                income_contributions=None if no_accounts else _unknown(rng, contributions, 0.05),
                income_donations=_unknown(rng, int(rng.random() * 2000), 0.15),
                income_sales=int(members * rng.uniform(0, 120))
                if kind in SALES_KINDS
                else _unknown(rng, 0, 0.6),
                income_loans=int(members * rng.uniform(50, 400))
                if kind == Kind.ENERGIECOOPERATIE and rng.random() < 0.15
                else None,
                income_other=_unknown(rng, int(rng.random() * 1500), 0.7),
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


def _lived(rng, kind, founding_years):
    """(founding year, Life): when it began and what happened since."""
    years, cumulative = founding_years[kind]
    founded = rng.choices(years, cum_weights=cumulative)[0]
    events = _life(rng, kind, founded)
    active_years = _active_years(founded, events)
    first_paid = _first_paid_year(rng, kind, active_years, {year for _k, year in events})
    return founded, Life(events, active_years, first_paid)


def _build(rng, municipality, postcodes, neighbours, names, verified_before, founding_years):
    small = municipality.population < 40000
    kinds, weights = _weighted_kinds(small)
    kind = rng.choices(kinds, weights)[0]
    _w, _s, legal_forms, domain_pool, patterns = KINDS[kind]
    postcode = rng.choice(postcodes) if postcodes else None
    place = postcode.place.title() if postcode and postcode.place else municipality.name
    name = rng.choice(patterns).format(place=place)
    founded, life = _lived(rng, kind, founding_years)
    # The record's status is the latest word of its events (history._follow).
    status, status_year = Status.ACTIEF, None
    if life.events:
        last_kind, status_year = life.events[-1]
        status = history.STATUS_AFTER[last_kind]
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
    return c, domains, works_in, life


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


class World(NamedTuple):
    """What every batch draws from."""

    municipalities: list
    weights: list
    places: dict
    by_province: dict
    networks: dict
    names: SlugPool
    verified_before: date
    founding_years: dict


def generate_demo(count, seed=1, progress=None):
    rng = random.Random(seed)
    municipalities = list(Municipality.objects.select_related("province").order_by("code"))
    by_province = defaultdict(list)
    for m in municipalities:
        by_province[m.province_id].append(m)
    world = World(
        municipalities=municipalities,
        weights=_municipality_weights(municipalities),
        places=_places(rng),
        by_province=by_province,
        networks=demo_networks(),
        names=SlugPool([*Collective.objects.values_list("slug", flat=True), *RESERVED_SLUGS]),
        verified_before=date(2026, 10, 1),
        founding_years=founding_weights(),
    )
    done = 0
    while done < count:
        size = min(BATCH, count - done)
        _generate_batch(rng, size, world)
        done += size
        if progress and (done % 20000 == 0 or done == count):
            progress(f"{done} van {count} fictieve collectieven gemaakt")
    # Bulk inserts bypass the service functions (and their audit events).
    generation.bump()


@transaction.atomic
def _generate_batch(rng, size, world):
    chosen = rng.choices(world.municipalities, world.weights, k=size)
    built = [
        _build(
            rng,
            m,
            world.places.get(m.code, []),
            world.by_province[m.province_id],
            world.names,
            world.verified_before,
            world.founding_years,
        )
        for m in chosen
    ]
    collectives = Collective.objects.bulk_create([b[0] for b in built])
    domains, works_in, facts, memberships = [], [], [], []
    through = Collective.works_in.through
    for collective, (_c, domain_codes, neighbours, life) in zip(collectives, built, strict=True):
        domains += [CollectiveDomain(collective=collective, domain=d) for d in domain_codes]
        works_in += [
            through(collective_id=collective.id, municipality_id=n.code)
            for n in neighbours
            if n.code != collective.municipality_id
        ]
        facts += _facts(rng, collective, life)
        memberships += _memberships(rng, collective, world.networks)
    CollectiveDomain.objects.bulk_create(domains)
    through.objects.bulk_create(works_in, ignore_conflicts=True)
    YearlyFacts.objects.bulk_create(facts)
    Membership.objects.bulk_create(memberships)
    _record_history(collectives, [b[3] for b in built])


def _record_history(collectives, lives):
    """The life-cycle events the bulk insert bypassed, and the active periods they make: the
    founding and the current status (history.record_new), then the dormant spells, returns and
    stops before the last status event, and the first paid staff member (jaar precision)."""
    history.record_new(collectives, history.SOURCE_DEMO)
    extra, spelled = [], []
    for collective, life in zip(collectives, lives, strict=True):
        # record_new recorded the last status event unless it left the collective active.
        earlier = life.events if collective.status == Status.ACTIEF else life.events[:-1]
        if earlier:
            spelled.append(collective)
        extra += [_event(collective, kind, year) for kind, year in earlier]
        if life.first_paid is not None:
            extra.append(_event(collective, EventKind.BETAALDE_KRACHT, life.first_paid))
    LifeEvent.objects.bulk_create(extra, batch_size=BATCH)
    history.rebuild_periods(spelled)


def _event(collective, kind, year):
    return LifeEvent(
        collective=collective,
        kind=kind,
        date=history.year_date(year),
        year=year,
        precision=DatePrecision.JAAR,
        source=history.SOURCE_DEMO,
    )


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
        # Active, with figures: the editor's journey (Anouk's) is that of a living collective.
        Collective.objects.filter(
            is_demo=True, kind=Kind.BUURTCOOPERATIE, status=Status.ACTIEF, facts__isnull=False
        )
        .order_by("id")
        .first()
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
