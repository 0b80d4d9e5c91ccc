"""Peer matching: score how much a collective can learn from another. Pure Python, no Django.

Every score is a weighted sum of named parts; each part that counts also yields a reason (a code
and its values) that the caller puts into words. Same input, same ranking: ties break on slug.
"""

import math
from collections import Counter
from dataclasses import dataclass, field

from opmars.text import stemmed

EARTH_RADIUS_KM = 6371.0

# Weights sum to 1.0, so a score reads as a share of a perfect match. "solved" counts only for
# a question (the subject's `question`); without one the other parts are scaled up to fill it.
# With a question, having solved it outweighs kind, domains and distance together.
WEIGHTS = {
    "solved": 0.45,
    "kind": 0.15,
    "domains": 0.10,
    "text": 0.10,
    "distance": 0.10,
    "experience": 0.05,
    "network": 0.05,
}
# A question's terms found among the questions a peer answered (or was thanked for with "dit
# hielp ons") count fully; found only in the knowledge it shared, for SHARED_SHARE of that, so
# having solved the question ranks above having written about it. FULL_COVERAGE of the terms
# covered is a full part.
SHARED_SHARE = 0.75
FULL_COVERAGE = 0.4
# Stems this short ("ik", "al") are not a topic.
MIN_TERM = 3
# Words any question on Opmars may use: sharing only these is no sign of the same subject.
GENERIC = frozenset(
    stemmed(
        "andere anders hoe regelen doen zoeken manier vraag vragen collectief collectieven "
        "coöperatie coöperaties vereniging verenigingen stichting burgers graag willen kunnen "
        "fictief fictieve voorbeeld"
    ).split()
)
# A text overlap below this is noise, not a reason.
REASON_THRESHOLD = 0.12
# Frequent Dutch words (as stemmed) carry no meaning; they would make every text look alike.
STOPWORDS = frozenset(
    "de het een en van in op voor vor met te is zijn zijn die dat wij we ons onze ook aan "
    "als bij door er hoe naar niet of om tot uit wat wie zo".split()
)


@dataclass(frozen=True)
class Profile:
    slug: str
    name: str
    kind: str
    lat: float
    lon: float
    domains: frozenset = frozenset()
    stems: tuple = ()
    founded_year: int | None = None
    members: int | None = None
    knowledge_shared: int = 0
    networks: frozenset = frozenset()
    # The subject's question, as stems (empty: no question, only the profile counts).
    question: frozenset = frozenset()
    # A peer's stems of the questions it answered, of the knowledge items it shared, and of
    # the questions whose askers said "dit hielp ons" about it.
    answered: frozenset = frozenset()
    shared_about: frozenset = frozenset()
    helped: frozenset = frozenset()


@dataclass
class Match:
    slug: str
    name: str
    score: float
    distance_km: float
    reasons: list = field(default_factory=list)


def haversine_km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def idf_weights(documents):
    """Inverse document frequency of each stem over the documents (smoothed, always > 0)."""
    frequency = Counter()
    for stems in documents:
        frequency.update(set(stems) - STOPWORDS)
    n = len(documents)
    return {stem: math.log((1 + n) / (1 + df)) + 1 for stem, df in frequency.items()}


def tfidf_vector(stems, idf):
    counts = Counter(s for s in stems if s not in STOPWORDS)
    vector = {s: c * idf.get(s, 1.0) for s, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {s: v / norm for s, v in vector.items()} if norm else {}


def cosine(a, b):
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(s, 0.0) for s, v in a.items())


def jaccard(a, b):
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def topic_terms(stems):
    """The stems that can name a topic: no stopwords, nothing shorter than MIN_TERM."""
    return frozenset(
        s for s in stems if s not in STOPWORDS and s not in GENERIC and len(s) >= MIN_TERM
    )


def solved(question, answered, shared_about):
    """0..1: how much of the question the peer answered before or shared knowledge about."""
    terms = topic_terms(question)
    if not terms:
        return 0.0

    def covered(stems):
        return min(1.0, len(terms & stems) / len(terms) / FULL_COVERAGE)

    return max(covered(answered), SHARED_SHARE * covered(shared_about))


def experience(subject, peer, this_year):
    """0..1: the peer has more years, more members or more shared knowledge than the subject."""
    parts = []
    if peer.founded_year:
        mine = this_year - (subject.founded_year or this_year)
        theirs = this_year - peer.founded_year
        parts.append(min(1.0, max(0.0, (theirs - mine) / 10)))
    if peer.members:
        parts.append(min(1.0, math.log10(peer.members + 1) / 3))
    parts.append(min(1.0, peer.knowledge_shared / 3))
    return sum(parts) / len(parts)


def score(subject, peer, subject_vector, peer_vector, radius_km, this_year, distance=None):
    if distance is None:
        distance = haversine_km(subject.lat, subject.lon, peer.lat, peer.lon)
    shared_domains = subject.domains & peer.domains
    shared_networks = subject.networks & peer.networks
    parts = {
        "solved": solved(subject.question, peer.answered | peer.helped, peer.shared_about),
        "kind": 1.0 if subject.kind == peer.kind else 0.0,
        "domains": jaccard(subject.domains, peer.domains),
        "text": cosine(subject_vector, peer_vector),
        "distance": max(0.0, 1 - distance / radius_km) if radius_km else 0.0,
        "experience": experience(subject, peer, this_year),
        "network": 1.0 if shared_networks else 0.0,
    }
    total = sum(WEIGHTS[name] * value for name, value in parts.items())
    if not topic_terms(subject.question):
        total /= 1 - WEIGHTS["solved"]
    return Match(
        slug=peer.slug,
        name=peer.name,
        score=round(total, 4),
        distance_km=round(distance, 1),
        reasons=topic_reasons(subject.question, peer)
        + reasons(parts, peer, distance, shared_domains, shared_networks),
    )


def topic_reasons(question, peer):
    """Why a peer knows about the question: what it answered, was thanked for, shared or
    describes (stems). Each names only the words that the ones before it did not."""
    terms = topic_terms(question)
    found = []
    for code, stems in (
        ("answered", peer.answered),
        ("helped", peer.helped),
        ("shared_about", peer.shared_about),
        ("describes", frozenset(peer.stems)),
    ):
        if terms & stems:
            found.append((code, {"terms": sorted(terms & stems)}))
            terms -= stems
    return found


def reasons(parts, peer, distance, shared_domains, shared_networks):
    """(code, values) pairs in a fixed order; the caller words them."""
    found = []
    if parts["kind"]:
        found.append(("same_kind", {}))
    if shared_domains:
        found.append(("shared_domains", {"domains": sorted(shared_domains)}))
    if parts["text"] >= REASON_THRESHOLD:
        found.append(("similar_description", {}))
    found.append(("distance", {"km": round(distance)}))
    if peer.founded_year:
        found.append(("founded", {"year": peer.founded_year}))
    if peer.members:
        found.append(("members", {"count": peer.members}))
    if peer.knowledge_shared:
        found.append(("knowledge", {"count": peer.knowledge_shared}))
    if shared_networks:
        found.append(("shared_networks", {"networks": sorted(shared_networks)}))
    return found


def rank(subject, candidates, radius_km, this_year, limit=10):
    """The best `limit` candidates within radius_km, best first; ties by slug."""
    distances = {
        c.slug: haversine_km(subject.lat, subject.lon, c.lat, c.lon)
        for c in candidates
        if c.slug != subject.slug
    }
    nearby = [c for c in candidates if distances.get(c.slug, radius_km + 1) <= radius_km]
    idf = idf_weights([subject.stems] + [c.stems for c in nearby])
    subject_vector = tfidf_vector(subject.stems, idf)
    matches = [
        score(
            subject,
            c,
            subject_vector,
            tfidf_vector(c.stems, idf),
            radius_km,
            this_year,
            distances[c.slug],
        )
        for c in nearby
    ]
    matches.sort(key=lambda m: (-m.score, m.slug))
    return matches[:limit]
