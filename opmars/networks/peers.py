"""'Leer van elkaar': pick candidates with the indexes, score them (matching.py), word the reasons.

Candidates come from the public-point index (a box around the collective) and, when that box
holds more than CANDIDATES collectives, the ones most likely to score high on kind, shared
domains and distance; only those are loaded in full and scored.
"""

import math
import re
from collections.abc import Collection
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import (
    Case,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from opmars.accounts.policy import public_collectives
from opmars.knowledge.models import HelpedMark, KnowledgeItem, Question
from opmars.networks import matching
from opmars.networks.models import Membership, Network
from opmars.networks.query import shared_counts
from opmars.registry.models import Collective, CollectiveDomain, YearlyFacts
from opmars.registry.reach import reachable_ids
from opmars.registry.vocab import Domain, Status
from opmars.text import stem, stemmed, tokens

DEFAULT_RADIUS_KM = 50
MAX_RADIUS_KM = 300
CANDIDATES = 800
# Collectives that shared knowledge about a question join the candidates, however they prescore.
KNOWLEDGE_CANDIDATES = 200
# Reasons name at most this many of the asker's words.
REASON_WORDS = 3
RECENT_YEARS = 3
DENSE = 5000
KM_PER_DEGREE_LAT = 111.2
WORD = re.compile(r"\w+")


@dataclass
class PeerQuery:
    limit: int = 10
    radius_km: float = DEFAULT_RADIUS_KM
    kinds: tuple = ()
    # A question's text: when given, text similarity compares peers with it, not the profile.
    text: str = ""


def find_peers(collective, peer_query=None):
    """A ranked list of matching.Match with `reasons` already in words.

    Each match also says whether a message through Opmars reaches it (`reachable`) and what
    else works: its `website` and the `networks` it belongs to (slug, name); and which
    questions it helped solve (`solved`).
    """
    peer_query = peer_query or PeerQuery()
    subject = _profiles([collective.pk])[collective.pk]
    asked = written_words(peer_query.text)
    if peer_query.text:
        stems = tuple(stemmed(peer_query.text).split())
        subject = replace(subject, stems=stems, question=frozenset(stems))
    ids = _candidate_ids(collective, subject, peer_query)
    candidates = list(_profiles(ids).values())
    matches = matching.rank(
        subject, candidates, peer_query.radius_km, timezone.now().year, peer_query.limit
    )
    names = _network_names(matches)
    for match in matches:
        codes = {code for code, _values in match.reasons}
        match.reasons = [
            _words(code, values, names, asked)
            for code, values in match.reasons
            if not (code == "similar_description" and "describes" in codes)
        ]
    _contact_routes(matches)
    attach_solved(matches)
    return matches


def written_words(text):
    """{stem: the word as the asker wrote it}: reasons quote the asker ("ALV", "coöperatie"),
    not the folded stems the search compares."""
    asked = {}
    for written in WORD.findall(text):
        folded = tokens(written)
        if len(folded) == 1:
            asked.setdefault(stem(folded[0]), written)
    return asked


def _contact_routes(matches):
    """Per match: can a message reach it, and its website and networks for when it cannot."""
    slugs = [m.slug for m in matches]
    rows = Collective.objects.filter(slug__in=slugs).values_list("pk", "slug", "website")
    pks = {slug: pk for pk, slug, _site in rows}
    websites = {slug: site for _pk, slug, site in rows}
    reachable = reachable_ids(pks.values())
    networks = {}
    for slug, network_slug, name in (
        Membership.objects.filter(collective__slug__in=slugs)
        .order_by("network__name")
        .values_list("collective__slug", "network__slug", "network__name")
    ):
        networks.setdefault(slug, []).append({"slug": network_slug, "name": name})
    for match in matches:
        match.reachable = pks.get(match.slug) in reachable
        match.website = websites.get(match.slug, "")
        match.networks = networks.get(match.slug, [])


def _box(lat, lon, radius_km):
    dlat = radius_km / KM_PER_DEGREE_LAT
    dlon = radius_km / (KM_PER_DEGREE_LAT * max(0.1, math.cos(math.radians(lat))))
    return {
        "public_lat__range": (lat - dlat, lat + dlat),
        "public_lon__range": (lon - dlon, lon + dlon),
    }


def _nearby(collective, subject, peer_query, radius_km):
    # Only the public listing: an unlisted collective is never suggested to others.
    nearby = public_collectives().filter(**_box(subject.lat, subject.lon, radius_km))
    nearby = nearby.exclude(pk=collective.pk).exclude(status=Status.GESTOPT)
    if peer_query.kinds:
        nearby = nearby.filter(kind__in=peer_query.kinds)
    return nearby


def _candidate_ids(collective, subject, peer_query):
    radius_km = peer_query.radius_km
    # Counting the box reads only the point index. Where it is crowded (a city), the search
    # area shrinks until it holds about DENSE collectives: the nearest ones, as density allows.
    box = _box(subject.lat, subject.lon, radius_km)
    crowd = Collective.objects.filter(**box).order_by().count()  # covered by the point index
    if crowd > DENSE:
        radius_km *= math.sqrt(DENSE / crowd)
    nearby = _nearby(collective, subject, peer_query, radius_km)
    # The database ranks the box on the cheap part of the score, so only CANDIDATES rows travel.
    ranked = nearby.annotate(prescore=_prescore(subject, peer_query.radius_km))
    ids = list(ranked.order_by("-prescore", "id").values_list("id", flat=True)[:CANDIDATES])
    return ids + [pk for pk in _knowing(nearby, subject.question) if pk not in set(ids)]


def _knowing(nearby, question):
    """Nearby collectives that shared knowledge or answered with a term of the question, or
    were thanked ("dit hielp ons") about a question with one."""
    terms = sorted(matching.topic_terms(question))
    if not terms:
        return []
    about = Q()
    for term in terms:
        about |= Q(search_text__contains=term)
    items = KnowledgeItem.objects.filter(about)
    sharers = KnowledgeItem.collectives.through.objects.filter(
        knowledgeitem__in=items, collective__in=nearby.values("pk")
    ).values_list("collective_id", flat=True)
    asked = Q()
    for term in terms:
        asked |= Q(question__title__icontains=term)
    helpers = HelpedMark.objects.filter(asked, helper__in=nearby.values("pk"))
    found = {*sharers, *helpers.values_list("helper_id", flat=True)}
    return sorted(found)[:KNOWLEDGE_CANDIDATES]


def _prescore(subject, radius_km):
    """Kind, a shared domain and closeness (squared flat-earth distance: no SQL functions)."""
    weights = matching.WEIGHTS
    km_lon = KM_PER_DEGREE_LAT * math.cos(math.radians(subject.lat))
    dy = (F("public_lat") - subject.lat) * KM_PER_DEGREE_LAT
    dx = (F("public_lon") - subject.lon) * km_lon
    closeness = Value(1.0) - (dx * dx + dy * dy) / Value(float(radius_km * radius_km))
    same_kind = Case(When(kind=subject.kind, then=Value(weights["kind"])), default=Value(0.0))
    shares = Exists(
        CollectiveDomain.objects.filter(collective=OuterRef("pk"), domain__in=subject.domains)
    )
    shared_domain = Case(When(shares, then=Value(weights["domains"])), default=Value(0.0))
    return ExpressionWrapper(
        same_kind + shared_domain + Value(weights["distance"]) * closeness,
        output_field=FloatField(),
    )


def _profiles(ids):
    rows = Collective.objects.filter(pk__in=ids).values_list(
        "id", "slug", "name", "kind", "public_lat", "public_lon", "founded_year", "search_text"
    )
    domains, members, networks = {}, {}, {}
    for pk, code in CollectiveDomain.objects.filter(collective_id__in=ids).values_list(
        "collective_id", "domain"
    ):
        domains.setdefault(pk, set()).add(code)
    # Size is the latest reported member count; older years would only be read and dropped.
    recent = timezone.now().year - RECENT_YEARS
    facts = YearlyFacts.objects.filter(
        collective_id__in=ids, members__isnull=False, year__gte=recent
    )
    for pk, count in facts.order_by("year").values_list("collective_id", "members"):
        members[pk] = count  # ordered by year: the last one wins
    for pk, slug in Membership.objects.filter(collective_id__in=ids).values_list(
        "collective_id", "network__slug"
    ):
        networks.setdefault(pk, set()).add(slug)
    knowledge = shared_counts(ids)
    answered, shared_about = _knowledge_stems(ids)
    helped = _helped_stems(ids)
    return {
        pk: matching.Profile(
            slug=slug,
            name=name,
            kind=kind,
            lat=lat,
            lon=lon,
            domains=frozenset(domains.get(pk, ())),
            # Already folded and stemmed when saved (registry search): no work per request.
            stems=tuple(search_text.split()),
            founded_year=founded,
            members=members.get(pk),
            knowledge_shared=knowledge.get(pk, 0),
            networks=frozenset(networks.get(pk, ())),
            answered=frozenset(answered.get(pk, ())),
            shared_about=frozenset(shared_about.get(pk, ())),
            helped=frozenset(helped.get(pk, ())),
        )
        for pk, slug, name, kind, lat, lon, founded, search_text in rows
    }


def _knowledge_stems(ids):
    """Per collective: the stems of the questions it answered and of the items it shared.

    An item counts by its title and summary (what it is about), not its whole text.
    """
    answered, shared_about = {}, {}
    rows = KnowledgeItem.collectives.through.objects.filter(collective_id__in=ids).values_list(
        "collective_id",
        "knowledgeitem__title",
        "knowledgeitem__summary",
        "knowledgeitem__answer_to__title",
    )
    for pk, title, summary, question_title in rows:
        shared_about.setdefault(pk, set()).update(stemmed(f"{title} {summary}").split())
        if question_title:
            answered.setdefault(pk, set()).update(stemmed(question_title).split())
    return answered, shared_about


def _helped_stems(ids):
    """Per collective: the stems of the questions whose askers said "dit hielp ons" about it."""
    helped = {}
    rows = HelpedMark.objects.filter(helper_id__in=ids, question__isnull=False)
    for pk, title in rows.values_list("helper_id", "question__title"):
        helped.setdefault(pk, set()).update(stemmed(title).split())
    return helped


def _network_names(matches):
    slugs = {
        s
        for m in matches
        for code, v in m.reasons
        if code == "shared_networks"
        for s in v["networks"]
    }
    return dict(Network.objects.filter(slug__in=slugs).values_list("slug", "name"))


def _asked_words(values, asked):
    return ", ".join(asked.get(s, s) for s in values["terms"][:REASON_WORDS])


def _words(code, values, network_names, asked=None):
    asked = asked or {}
    if code == "answered":
        return _("beantwoordde een vraag over %(words)s") % {"words": _asked_words(values, asked)}
    if code == "helped":
        return _("kreeg ‘dit hielp ons’ bij een vraag over %(words)s") % {
            "words": _asked_words(values, asked)
        }
    if code == "shared_about":
        return _("deelde kennis over %(words)s") % {"words": _asked_words(values, asked)}
    if code == "describes":
        return _("noemt %(words)s in de beschrijving") % {"words": _asked_words(values, asked)}
    if code == "same_kind":
        return _("zelfde soort")
    if code == "shared_domains":
        labels = [str(Domain(d).label).lower() for d in values["domains"]]
        return _("ook actief in %(domains)s") % {"domains": ", ".join(labels)}
    if code == "similar_description":
        return _("vergelijkbare beschrijving")
    if code == "distance":
        if values["km"] < 1:
            return _("minder dan 1 km verderop")
        return _("%(km)s km verderop") % {"km": values["km"]}
    if code == "founded":
        return _("opgericht in %(year)s") % {"year": values["year"]}
    if code == "members":
        count = values["count"]
        return ngettext("%(count)s lid", "%(count)s leden", count) % {"count": count}
    if code == "knowledge":
        count = values["count"]
        return ngettext("deelt %(count)s kennisitem", "deelt %(count)s kennisitems", count) % {
            "count": count
        }
    names = [network_names.get(s, s) for s in values["networks"]]
    return _("ook lid van %(networks)s") % {"networks": ", ".join(names)}


# Per peer, at most this many questions it helped solve.
SOLVED_SHOWN = 2


def solved_questions(slugs: Collection[str]) -> dict[str, list[Question]]:
    """Per collective (by slug): the public questions it helped solve, newest first. It
    answered them with a knowledge item, or the asker said 'dit hielp ons' about it."""
    public = Question.objects.filter(collective__is_unlisted=False)
    found: dict[str, list[Question]] = {}
    answered = KnowledgeItem.collectives.through.objects.filter(
        collective__slug__in=slugs, knowledgeitem__answer_to__in=public
    ).values_list("collective__slug", "knowledgeitem__answer_to")
    marked = HelpedMark.objects.filter(helper__slug__in=slugs, question__in=public).values_list(
        "helper__slug", "question"
    )
    pairs = {(slug, pk) for slug, pk in [*answered, *marked]}
    questions = Question.objects.in_bulk({pk for _slug, pk in pairs})
    for slug, pk in sorted(pairs, key=lambda p: (p[0], -p[1])):
        found.setdefault(slug, []).append(questions[pk])
    return found


def attach_solved(matches: list[Any]) -> None:
    """Peer matches say which question or need they solved, where known (`match.solved`)."""
    solved = solved_questions([m.slug for m in matches])
    for match in matches:
        match.solved = solved.get(match.slug, [])[:SOLVED_SHOWN]
