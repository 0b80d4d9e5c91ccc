"""Matching for the reconciliation service (W3C Entity Reconciliation API, /api/reconcile): a
row of someone's spreadsheet (a name, and perhaps a municipality, postcode and website) against
the public register. Pure computation on plain rows, no Django: reconcile_views.py loads the
rows and speaks the protocol.

Candidates come from an in-memory index (built once per data generation): the records of the
municipality the row names (a former name counts for the municipality it went into, a postcode
for the municipality it lies in), the records that share a rare word of the name (or a word
within a typo of it), the same website and the same identifier. Each candidate is scored on its
name (rapidfuzz on the words sorted, and on the words glued together so that "Energie
Coöperatie" meets "Energiecoöperatie"; abbreviations such as "Coöp." and "Ver." written out,
legal-form words left out), plus or minus points for the municipality, postcode and website.
"""

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from rapidfuzz import fuzz, process

from opmars.text import fold, name_key, tokens

# Abbreviations people write in spreadsheets, written out the way the register spells them.
ABBREVIATIONS = {
    "coop": ("cooperatie",),
    "coops": ("cooperatie",),
    "cooperatief": ("cooperatie",),
    "ver": ("vereniging",),
    "vereen": ("vereniging",),
    "vpb": ("plaatselijk", "belang"),
    "pb": ("plaatselijk", "belang"),
    "plaatselijkbelang": ("plaatselijk", "belang"),
    "st": ("stichting",),
    "stg": ("stichting",),
    "sticht": ("stichting",),
    "bi": ("bewonersinitiatief",),
    "ec": ("energiecooperatie",),
    "zc": ("zorgcooperatie",),
}
# Words that say what legal form a collective has, not which one it is: left out of the name.
LEGAL_FORM_WORDS = {"stichting", "vereniging", "ua", "ba", "wa", "bv", "de", "het"}
# A word in more records than this does not pick candidates by itself ("energiecooperatie").
RARE = 2000
RARE_ELSEWHERE = 200
# At most this many records are scored per query when no municipality narrows the search.
MAX_SCORED = 20000
# Candidates looked at after the name scores, before the points for the properties.
SHORTLIST = 40
DEFAULT_LIMIT = 5
MAX_LIMIT = 25
# `match` (a sure match) needs a high score, clearly ahead of the next candidate.
MATCH_SCORE = 88
MATCH_MARGIN = 6
POINTS_MUNICIPALITY, POINTS_OTHER_MUNICIPALITY = 8, -15
POINTS_POSTCODE, POINTS_PC4 = 8, 4
POINTS_WEBSITE, POINTS_OTHER_WEBSITE = 20, -5
POINTS_OTHER_TYPE = -10
_PC = re.compile(r"^\s*([1-9]\d{3})\s*([a-zA-Z]{2})?\s*$")
_CODE = re.compile(r"^(?:gm)?\s*(\d{1,4})$", re.IGNORECASE)
_CBS_SUFFIX = re.compile(r"\s*\((?:[a-z]+\.)+\)$", re.IGNORECASE)


def name_words(name):
    """The words that identify a collective by name: folded, abbreviations written out,
    legal-form words and loose letters ("U.A.") left out."""
    words = []
    for token in tokens((name or "").replace("'", "")):
        if token.endswith("coop") and len(token) > 4:  # 'Zorgcoöp' -> 'zorgcooperatie'
            token += "eratie"
        words.extend(ABBREVIATIONS.get(token, (token,)))
    kept = [w for w in words if w not in LEGAL_FORM_WORDS and (len(w) > 1 or w.isdigit())]
    return kept or words


def keys(name):
    """(words sorted, words glued in their order): the two forms whose similarity is compared."""
    words = name_words(name)
    return " ".join(sorted(words)), "".join(words)


def site_of(url):
    """A website's host without scheme and www: 'https://www.zon.nl/over' -> 'zon.nl'."""
    url = (url or "").strip().lower()
    if not url:
        return ""
    host = url.split("://")[-1].split("/")[0].split("?")[0].split("#")[0]
    return host.removeprefix("www.").rstrip(".")


def split_postcode(text):
    """'1234 ab' -> (1234, '1234AB'); '1234' -> (1234, ''); anything else -> (None, '')."""
    match = _PC.match(str(text or ""))
    if not match:
        return None, ""
    digits, letters = match.groups()
    return int(digits), f"{digits}{letters.upper()}" if letters else ""


class Record(NamedTuple):
    """One public collective, as the index needs it (a tuple: 100,000 are made per build)."""

    id: int
    slug: str
    name: str
    kind: str
    municipality: str  # CBS code
    postcode: str = ""
    website: str = ""


@dataclass(frozen=True)
class Former:
    """A former municipality's name with the current municipalities that hold its area."""

    name: str
    codes: tuple


@dataclass(frozen=True)
class Geography:
    """The reference data the matching needs: current municipalities (code -> name), former
    ones, PC4 -> municipality code, and everyday aliases (name key -> code)."""

    municipalities: dict
    former: list = field(default_factory=list)
    postcodes: dict = field(default_factory=dict)
    aliases: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Place:
    """What a municipality value of a query came to: the codes it may mean, and a note when it
    is a former name ("Boxmeer heet nu Land van Cuijk")."""

    given: str
    codes: frozenset
    note: str = ""


@dataclass
class Query:
    text: str = ""
    types: tuple = ()
    limit: int = DEFAULT_LIMIT
    municipalities: tuple = ()  # texts given for the municipality property
    postcodes: tuple = ()
    websites: tuple = ()


@dataclass
class Candidate:
    record: Record
    score: float
    name_score: float
    municipality_match: bool
    postcode_match: bool
    website_match: bool
    type_match: bool
    reasons: list
    match: bool = False


@dataclass
class Facts:
    """What a query says besides its name, resolved once for all its candidates."""

    query: Query
    places: list
    codes: set  # the municipalities the row names (or its postcode lies in)
    named: bool  # the row names them (not only its postcode)
    pc4s: set
    pc6s: set
    sites: set
    kinds: set


class Index:
    """The public register in memory, for candidates by municipality, word, website, postcode
    and identifier, and for prefix search (suggest)."""

    def __init__(self, records, geography, kind_labels=None):
        self.records = list(records)
        self.geography = geography
        self.kind_labels = dict(kind_labels or {})
        self.sorted_keys, self.glued_keys = [], []
        self.by_municipality = defaultdict(list)
        self.by_word = defaultdict(list)
        self.by_site = defaultdict(list)
        self.by_slug = {}
        self.postcode6, self.postcode4, self.sites = [], [], []
        # Demo and real registers repeat names ("Dorpsraad Oosterend"): each is worked out once.
        known = {}
        prefixes = []
        for i, record in enumerate(self.records):
            if record.name not in known:
                known[record.name] = (name_words(record.name), name_key(record.name))
            words, prefix = known[record.name]
            prefixes.append((prefix, i))
            self.sorted_keys.append(" ".join(sorted(words)))
            self.glued_keys.append("".join(words))
            self.by_municipality[record.municipality].append(i)
            for word in set(words):
                self.by_word[word].append(i)
            site = site_of(record.website)
            self.sites.append(site)
            if site:
                self.by_site[site].append(i)
            self.by_slug[record.slug] = i
            pc4, pc6 = split_postcode(record.postcode)
            self.postcode4.append(pc4)
            self.postcode6.append(pc6)
        self.vocabulary = list(self.by_word)
        # Each municipality's records with their keys, ready for rapidfuzz.
        self.groups = {
            code: (ids, [self.sorted_keys[i] for i in ids], [self.glued_keys[i] for i in ids])
            for code, ids in self.by_municipality.items()
        }
        self.prefixes = sorted(prefixes)
        self._places = self._place_names(geography)

    # --- places ---------------------------------------------------------------------------

    @staticmethod
    def _place_names(geography):
        """name key -> (codes, former name or ''): current names win over former ones."""
        current, base = defaultdict(set), defaultdict(set)
        for code, name in geography.municipalities.items():
            current[name_key(name)].add(code)
            base[name_key(_CBS_SUFFIX.sub("", name))].add(code)
        places = {}
        for record in geography.former:
            key = name_key(_CBS_SUFFIX.sub("", record.name))
            codes = set(places.get(key, (set(), ""))[0]) | set(record.codes)
            if codes:
                places[key] = (frozenset(codes), _CBS_SUFFIX.sub("", record.name))
        for key, codes in base.items():
            places[key] = (frozenset(codes), "")
        for key, codes in current.items():
            places[key] = (frozenset(codes), "")
        for key, code in geography.aliases.items():
            places[key] = (frozenset({code}), "")
        return places

    def place(self, text):
        """The municipality a value names: a current or former name, a CBS code, or a postcode."""
        text = str(text or "").strip()
        if not text:
            return None
        code = _CODE.match(text)
        if code:  # a CBS code, 'GM0363' or '363'
            full = "GM" + code.group(1).zfill(4)
            if full in self.geography.municipalities:
                return Place(text, frozenset({full}))
        codes, former = self._places.get(name_key(text), (frozenset(), ""))
        if not codes:
            return None
        note = ""
        if former:
            now = " en ".join(sorted(self.geography.municipalities[c] for c in codes))
            note = f"{former} heet nu {now}"
        return Place(text, codes, note)

    # --- candidates -----------------------------------------------------------------------

    def _words_of(self, text):
        """The index's words that a query's words point to: the same word, or words within a
        typo of it, and two adjacent words glued ("energie cooperatie")."""
        words = name_words(text)
        found = set()
        for word in words:
            if word in self.by_word:
                found.add(word)
            elif len(word) >= 4:
                for other, _score, _i in process.extract(
                    word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=80, limit=3
                ):
                    found.add(other)
        for first, second in zip(words, words[1:], strict=False):
            if first + second in self.by_word:
                found.add(first + second)
        return found

    def candidates(self, text, codes, sites):
        """(groups of precomputed municipality candidates, other candidates)."""
        groups = [self.groups[code] for code in sorted(codes) if code in self.groups]
        others = set()
        for site in sites:
            others.update(self.by_site.get(site, ()))
        text = text.strip()
        if text in self.by_slug:
            others.add(self.by_slug[text])
        if text:
            postings = sorted((self.by_word[w] for w in self._words_of(text)), key=len)
            # With a municipality to search in, only the rarest words look elsewhere too (a row
            # with a wrong or outdated municipality); without one, any word that is not common.
            rare = [p for p in postings if len(p) <= (RARE_ELSEWHERE if groups else RARE)]
            for posting in rare:
                others.update(posting)
            if not groups and not others and postings:
                others.update(postings[0][:MAX_SCORED])
        records = self.records
        extra = [i for i in others if records[i].municipality not in codes][:MAX_SCORED]
        return groups, extra

    # --- scoring --------------------------------------------------------------------------

    def reconcile(self, query):
        places = [p for p in (self.place(m) for m in query.municipalities) if p]
        postcodes = [split_postcode(p) for p in query.postcodes]
        pc4s = {pc4 for pc4, _ in postcodes if pc4}
        pc6s = {pc6 for _, pc6 in postcodes if pc6}
        sites = {site_of(s) for s in query.websites} - {""}
        named = set().union(*(p.codes for p in places)) if places else set()
        by_postcode = {self.geography.postcodes.get(pc4) for pc4 in pc4s} - {None}
        # The municipality a row names counts; else the one its postcode lies in.
        codes = named or by_postcode
        groups, extra = self.candidates(query.text, codes, sites)
        website_ids = [i for site in sites for i in self.by_site.get(site, ())]
        names = self._name_scores(query.text, groups, extra, website_ids)
        if not names:
            return []
        kinds = {t for t in query.types if t in self.kind_labels}
        facts = Facts(query, places, codes, bool(named), pc4s, pc6s, sites, kinds)
        scored = sorted(
            (
                (self._points(i, name_score, facts), -name_score, i)
                for i, name_score in names.items()
            ),
            key=lambda t: (-t[0], t[1], self.records[t[2]].name, self.records[t[2]].id),
        )
        best = [self._candidate(i, -minus, facts) for _s, minus, i in scored[: query.limit]]
        top = best[0]
        ahead = len(scored) == 1 or scored[0][0] - scored[1][0] >= MATCH_MARGIN
        sure_name = top.name_score >= 80 or (top.website_match and top.name_score >= 50)
        top.match = top.score >= MATCH_SCORE and ahead and sure_name and top.type_match
        return best

    def _name_scores(self, text, groups, extra, website_ids=()):
        """{record: name similarity 0-100} for the best-named candidates."""
        if not text.strip():
            found = [i for ids, _s, _g in groups for i in ids] + extra
            return dict.fromkeys(found[:SHORTLIST], 0.0)
        sorted_key, glued = keys(text)
        if extra:
            sk = [self.sorted_keys[i] for i in extra]
            gk = [self.glued_keys[i] for i in extra]
            groups = [*groups, (extra, sk, gk)]
        scores = {}
        for ids, sk, gk in groups:
            for choices, key in ((sk, sorted_key), (gk, glued)):
                for _choice, score, position in process.extract(
                    key, choices, scorer=fuzz.ratio, score_cutoff=40, limit=SHORTLIST
                ):
                    i = ids[position]
                    if score > scores.get(i, -1):
                        scores[i] = score
        slug = text.strip()
        if slug in self.by_slug:
            scores[self.by_slug[slug]] = 100.0
        for i in website_ids:  # the same website counts however unlike the names are
            if i not in scores:
                scores[i] = max(
                    fuzz.ratio(sorted_key, self.sorted_keys[i]),
                    fuzz.ratio(glued, self.glued_keys[i]),
                )
        return scores

    def _points(self, i, name_score, facts):
        """The score: the name's similarity plus or minus points for the properties."""
        record = self.records[i]
        score = name_score if facts.query.text.strip() else 50.0
        if facts.codes:
            score += (
                POINTS_MUNICIPALITY
                if record.municipality in facts.codes
                else POINTS_OTHER_MUNICIPALITY
            )
        if facts.pc6s and self.postcode6[i] in facts.pc6s:
            score += POINTS_POSTCODE
        elif facts.pc4s and self.postcode4[i] in facts.pc4s:
            score += POINTS_PC4
        if facts.sites and self.sites[i]:
            score += POINTS_WEBSITE if self.sites[i] in facts.sites else POINTS_OTHER_WEBSITE
        if facts.kinds and record.kind not in facts.kinds:
            score += POINTS_OTHER_TYPE
        # Not capped here: two exact namesakes in the right municipality still differ by postcode.
        return score

    def _candidate(self, i, name_score, facts):
        """A returned candidate, with the features and the reasons in words."""
        record = self.records[i]
        query = facts.query
        reasons = [f"naam lijkt {round(name_score)}%"] if query.text.strip() else []
        here = self.geography.municipalities.get(record.municipality, record.municipality)
        municipality_match = record.municipality in facts.codes
        if facts.codes and facts.named:
            if municipality_match:
                notes = [p.note for p in facts.places if p.note and record.municipality in p.codes]
                reasons.append("zelfde gemeente" + (f" ({notes[0]})" if notes else ""))
            else:
                reasons.append(f"andere gemeente ({here})")
        elif facts.codes:
            reasons.append(
                "zelfde gemeente als de postcode"
                if municipality_match
                else f"postcode ligt in een andere gemeente dan {here}"
            )
        postcode_match = bool(self.postcode6[i] and self.postcode6[i] in facts.pc6s)
        if postcode_match:
            reasons.append("zelfde postcode")
        elif self.postcode4[i] and self.postcode4[i] in facts.pc4s:
            postcode_match = True
            reasons.append(f"zelfde postcodegebied ({self.postcode4[i]})")
        website_match = bool(self.sites[i] and self.sites[i] in facts.sites)
        if website_match:
            reasons.append("zelfde website")
        elif facts.sites and self.sites[i]:
            reasons.append("andere website")
        type_match = not facts.kinds or record.kind in facts.kinds
        if not type_match:
            reasons.append("andere soort")
        return Candidate(
            record=record,
            score=round(max(0.0, min(100.0, self._points(i, name_score, facts))), 1),
            name_score=round(name_score, 1),
            municipality_match=municipality_match,
            postcode_match=postcode_match,
            website_match=website_match,
            type_match=type_match,
            reasons=reasons,
        )

    # --- suggest --------------------------------------------------------------------------

    def suggest(self, prefix, cursor=0, limit=10):
        """Records whose name starts with `prefix` (folded), after `cursor` of them; a record
        whose identifier is the prefix comes first."""
        key = name_key(prefix or "")
        found = []
        exact = self.by_slug.get((prefix or "").strip())
        if exact is not None:
            found.append(exact)
        if key:
            start = bisect.bisect_left(self.prefixes, (key, -1))
            for folded, i in self.prefixes[start:]:
                if not folded.startswith(key):
                    break
                if i != exact:
                    found.append(i)
                if len(found) >= cursor + limit:
                    break
        return [self.records[i] for i in found[cursor : cursor + limit]]


def plain(text):
    """Folded text for comparing short labels (property and type suggest)."""
    return fold(text or "").strip()
