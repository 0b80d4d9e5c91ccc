"""Likely duplicates: the same website, or a very similar name in the same municipality or
within a few kilometres across a municipality border. (A KvK number is unique in the registry,
so the import itself updates instead of doubling.) Found after an import for its new records,
and for the whole register by `opmars duplicates` (rescan); staff and network admins review
them (merge or 'not a duplicate')."""

import math
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from opmars.dataio.models import DuplicateCandidate, ExternalId
from opmars.registry.models import Collective
from opmars.registry.vocab import LocationPrecision
from opmars.text import name_key

NAME_SIMILARITY = 90  # percent; 'Dorpsraad Oosterend' ~ 'Dorpsraad Oostereind'
CDIST_BLOCK = 256
NEARBY_KM = 5
# Grid cells at least NEARBY_KM wide (a degree of longitude is ~68 km at 52° N), so that a
# record's neighbours within NEARBY_KM are all in its own and the 8 surrounding cells.
CELL_LAT, CELL_LON = 0.05, 0.08
PRECISE = (LocationPrecision.POSTCODE, LocationPrecision.ADDRESS)


def sorted_key(name):
    """The name's words sorted: fuzz.ratio on these is token_sort_ratio on the names (the same
    scores, tested), and several times faster in rapidfuzz's cdist."""
    return " ".join(sorted(name_key(name).split()))


def _site(url):
    url = (url or "").lower().split("://")[-1].removeprefix("www.").rstrip("/")
    return url


def find_duplicates_for(ids):
    """Record pairs of (new collective, any other) that look like the same collective."""
    if not ids:
        return 0
    new = []
    for start in range(0, len(ids), 5000):
        chunk = Collective.objects.filter(id__in=ids[start : start + 5000])
        new += chunk.values(
            "id", "name", "municipality_id", "website", "public_lat", "public_lon",
            "location_precision",
        )  # fmt: skip
    by_place = defaultdict(list)
    municipalities = {c["municipality_id"] for c in new}
    others = Collective.objects.filter(municipality_id__in=municipalities)
    for row in others.values("id", "name", "municipality_id").iterator(chunk_size=5000):
        by_place[row["municipality_id"]].append(row)
    new_by_place = defaultdict(list)
    for c in new:
        new_by_place[c["municipality_id"]].append(c)
    pairs = {}
    for place, rows in by_place.items():
        _name_pairs(new_by_place[place], rows, pairs)
    for pair, score in _nearby_pairs(new).items():
        pairs.setdefault(pair, (score, "naam_dichtbij"))
    websites = {_site(c["website"]): c["id"] for c in new if c["website"]}
    if websites:
        for row in Collective.objects.exclude(website="").values("id", "website").iterator():
            other = websites.get(_site(row["website"]))
            if other and other != row["id"]:
                pairs.setdefault(tuple(sorted((other, row["id"]))), (100, "website"))
    _save(pairs)
    return len(pairs)


def _name_pairs(mine_all, rows, pairs):
    """Add to `pairs` each of `mine_all` × `rows` (one municipality's records) whose names are
    the same or very similar once folded: {(id, id): (score, "naam")}."""
    keys = [sorted_key(r["name"]) for r in rows]
    # Blocks of names, so the score matrix stays small in a crowded municipality.
    for start in range(0, len(mine_all), CDIST_BLOCK):
        mine = mine_all[start : start + CDIST_BLOCK]
        scores = process.cdist(
            [sorted_key(c["name"]) for c in mine],
            keys,
            scorer=fuzz.ratio,
            score_cutoff=NAME_SIMILARITY,
            workers=-1,
        )
        for i, j in zip(*scores.nonzero(), strict=True):
            a, b = mine[i]["id"], rows[j]["id"]
            if a != b:
                pairs.setdefault(tuple(sorted((a, b))), (int(scores[i, j]), "naam"))


def _save(pairs):
    """New pairs only: a pair already open, or dismissed by a reviewer, stays as it is."""
    before = DuplicateCandidate.objects.count()
    items = list(pairs.items())
    for start in range(0, len(items), 5000):
        DuplicateCandidate.objects.bulk_create(
            [
                DuplicateCandidate(first_id=a, second_id=b, score=score, reason=reason)
                for (a, b), (score, reason) in items[start : start + 5000]
            ],
            ignore_conflicts=True,
        )
    return DuplicateCandidate.objects.count() - before


def rescan(progress=None):
    """Look for duplicates in the whole register, not only among newly imported records: the
    demo, self-registered and API-made collectives, and renamed ones, are otherwise never
    compared. The database hands the records over sorted by municipality, so one municipality
    at a time is in memory and names are only compared within it (rapidfuzz, in C): the work
    is the sum of each municipality's size squared, never the whole register squared. Returns
    the number of new pairs."""
    pairs = {}
    rows = Collective.objects.order_by("municipality_id", "id").values(
        "id", "name", "municipality_id", "website"
    )
    place, group, sites = None, [], {}
    for row in rows.iterator(chunk_size=5000):
        if row["municipality_id"] != place:
            _name_pairs(group, group, pairs)
            place, group = row["municipality_id"], []
        group.append(row)
        site = _site(row["website"])
        if site:
            first = sites.setdefault(site, row["id"])
            if first != row["id"]:
                pairs.setdefault(tuple(sorted((first, row["id"]))), (100, "website"))
    _name_pairs(group, group, pairs)
    located = Collective.objects.filter(location_precision__in=PRECISE).values(
        "id", "name", "municipality_id", "public_lat", "public_lon", "location_precision"
    )
    for pair, score in _nearby_pairs(list(located)).items():
        pairs.setdefault(pair, (score, "naam_dichtbij"))
    found = _save(pairs)
    if progress:
        progress(f"{len(pairs)} mogelijke dubbelen gevonden, waarvan {found} nieuw.")
        recall = planted_recall()
        if recall.planted:
            progress(
                f"Controle op de geplante dubbelen van de demo: {recall.found} van de "
                f"{recall.planted} gevonden ({recall.percent}%)."
            )
    return found


@dataclass(frozen=True)
class Recall:
    planted: int
    found: int

    @property
    def percent(self):
        return round(100 * self.found / self.planted) if self.planted else None


def planted_recall():
    """How many of the duplicate pairs the demo planted on purpose (dataio.demo) the search
    has found: a pair counts when it is a candidate in any state, or merged already (both
    identifiers then belong to one record). Zero planted outside the demo."""
    from opmars.dataio.demo import PLANTED_SCHEME

    pairs = defaultdict(set)
    rows = ExternalId.objects.filter(scheme=PLANTED_SCHEME).values_list("value", "collective_id")
    for value, collective in rows:
        pairs[value[:-1]].add(collective)
    candidates = {
        frozenset(pair)
        for pair in DuplicateCandidate.objects.filter(
            first_id__in=[c for ids in pairs.values() for c in ids]
        ).values_list("first_id", "second_id")
    }
    found = sum(1 for ids in pairs.values() if len(ids) == 1 or frozenset(ids) in candidates)
    return Recall(planted=len(pairs), found=found)


def _cell(lat, lon):
    return math.floor(lat / CELL_LAT), math.floor(lon / CELL_LON)


def _km(a, b):
    """Distance between two records' public points (equirectangular: exact enough at 5 km)."""
    x = math.radians(b["public_lon"] - a["public_lon"]) * math.cos(math.radians(a["public_lat"]))
    y = math.radians(b["public_lat"] - a["public_lat"])
    return 6371 * math.hypot(x, y)


def _nearby_pairs(new):
    """{(id, id): score} for a very similar name within NEARBY_KM in another municipality."""
    # Only records placed by postcode or address: a municipality's centroid says nothing about
    # how close a record is to the border (and would compare whole municipalities pairwise).
    located = [c for c in new if c["location_precision"] in PRECISE]
    if not located:
        return {}
    by_cell = defaultdict(list)
    for c in located:
        by_cell[_cell(c["public_lat"], c["public_lon"])].append(c)
    others = defaultdict(list)
    rows = Collective.objects.filter(location_precision__in=PRECISE).values(
        "id", "name", "municipality_id", "public_lat", "public_lon"
    )
    for row in rows.iterator(chunk_size=5000):
        cell = _cell(row["public_lat"], row["public_lon"])
        if any((cell[0] + i, cell[1] + j) in by_cell for i in (-1, 0, 1) for j in (-1, 0, 1)):
            others[cell].append(row)
    pairs = {}
    for (x, y), mine in by_cell.items():
        around = [o for i in (-1, 0, 1) for j in (-1, 0, 1) for o in others[(x + i, y + j)]]
        scores = process.cdist(
            [sorted_key(c["name"]) for c in mine],
            [sorted_key(o["name"]) for o in around],
            scorer=fuzz.ratio,
            score_cutoff=NAME_SIMILARITY,
            workers=-1,
        )
        for i, j in zip(*scores.nonzero(), strict=True):
            a, b = mine[i], around[j]
            if a["municipality_id"] != b["municipality_id"] and _km(a, b) <= NEARBY_KM:
                pairs[tuple(sorted((a["id"], b["id"])))] = int(scores[i, j])
    return pairs
