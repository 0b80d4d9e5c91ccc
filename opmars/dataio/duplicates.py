"""Likely duplicates: the same KvK number or website, or a very similar name in the same
municipality. Found after an import; staff review them (merge or 'not a duplicate')."""

from collections import defaultdict

from rapidfuzz import fuzz, process

from opmars.dataio.models import DuplicateCandidate
from opmars.registry.models import Collective
from opmars.text import name_key

NAME_SIMILARITY = 90  # percent; 'Dorpsraad Oosterend' ~ 'Dorpsraad Oostereind'
CDIST_BLOCK = 256


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
        new += chunk.values("id", "name", "municipality_id", "website")
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
        keys = [name_key(r["name"]) for r in rows]
        everyone = new_by_place[place]
        # Blocks of new names, so the score matrix stays small in a crowded municipality.
        for start in range(0, len(everyone), CDIST_BLOCK):
            mine = everyone[start : start + CDIST_BLOCK]
            scores = process.cdist(
                [name_key(c["name"]) for c in mine],
                keys,
                scorer=fuzz.token_sort_ratio,
                score_cutoff=NAME_SIMILARITY,
                workers=-1,
            )
            for i, j in zip(*scores.nonzero(), strict=True):
                a, b = mine[i]["id"], rows[j]["id"]
                if a != b:
                    pairs.setdefault(tuple(sorted((a, b))), (int(scores[i, j]), "naam"))
    websites = {_site(c["website"]): c["id"] for c in new if c["website"]}
    if websites:
        for row in Collective.objects.exclude(website="").values("id", "website").iterator():
            other = websites.get(_site(row["website"]))
            if other and other != row["id"]:
                pairs.setdefault(tuple(sorted((other, row["id"]))), (100, "website"))
    DuplicateCandidate.objects.bulk_create(
        [
            DuplicateCandidate(first_id=a, second_id=b, score=score, reason=reason)
            for (a, b), (score, reason) in pairs.items()
        ],
        ignore_conflicts=True,
    )
    return len(pairs)
