"""Peer scoring on constructed cases where the right answer is known (pure, no database)."""

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opmars.networks.matching import Profile, haversine_km, rank, solved

UTRECHT = (52.09, 5.12)


def profile(slug, kind="energiecooperatie", lat=UTRECHT[0], lon=UTRECHT[1], **kw):
    return Profile(slug=slug, name=slug.title(), kind=kind, lat=lat, lon=lon, **kw)


SUBJECT = profile(
    "jong",
    domains=frozenset({"energie"}),
    stems=("zonnepanel", "dak", "led", "alv"),
    founded_year=2024,
)


def test_same_kind_and_domain_beats_a_stranger():
    twin = profile("tweeling", lat=52.2, domains=frozenset({"energie"}))
    stranger = profile(
        "vreemd", kind="zorgcooperatie", lat=52.2, domains=frozenset({"zorg_welzijn"})
    )
    assert [m.slug for m in rank(SUBJECT, [stranger, twin], 50, 2026)] == ["tweeling", "vreemd"]


def test_nearer_wins_when_all_else_is_equal():
    near = profile("dichtbij", lat=52.15)
    far = profile("verweg", lat=52.40)
    assert [m.slug for m in rank(SUBJECT, [far, near], 50, 2026)] == ["dichtbij", "verweg"]


def test_outside_the_radius_is_left_out():
    far = profile("verweg", lat=53.2)
    assert rank(SUBJECT, [far], 50, 2026) == []


def test_similar_description_and_experience_count():
    plain = profile("gewoon", lat=52.1, stems=("bos", "wandel"))
    alike = profile(
        "zelfde",
        lat=52.1,
        stems=("zonnepanel", "dak", "alv"),
        founded_year=2010,
        knowledge_shared=3,
    )
    best = rank(SUBJECT, [plain, alike], 50, 2026)[0]
    assert best.slug == "zelfde"
    codes = [code for code, _ in best.reasons]
    assert {"same_kind", "similar_description", "founded", "knowledge", "distance"} <= set(codes)


def test_shared_network_is_a_reason():
    subject = profile("a", networks=frozenset({"energie-samen"}))
    peer = profile("b", lat=52.1, networks=frozenset({"energie-samen"}))
    other = profile("c", lat=52.1)
    ranked = rank(subject, [other, peer], 50, 2026)
    assert ranked[0].slug == "b"
    assert ("shared_networks", {"networks": ["energie-samen"]}) in ranked[0].reasons


def test_the_subject_is_never_its_own_peer():
    assert rank(SUBJECT, [SUBJECT], 50, 2026) == []


def test_haversine_utrecht_amsterdam():
    assert 33 < haversine_km(*UTRECHT, 52.37, 4.89) < 37


@given(st.lists(st.floats(51.0, 53.0), min_size=1, max_size=8, unique=True))
def test_ranking_is_deterministic_and_ordered(lats):
    candidates = [profile(f"p{i}", lat=lat) for i, lat in enumerate(lats)]
    first = rank(SUBJECT, candidates, 300, 2026, limit=20)
    again = rank(SUBJECT, list(reversed(candidates)), 300, 2026, limit=20)
    assert [m.slug for m in first] == [m.slug for m in again]
    scores = [m.score for m in first]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 1 for s in scores)


# With a question: peers that solved it first, each saying why.
QUESTION = frozenset({"ledenadministratie", "alv", "online", "stem"})


@pytest.mark.parametrize(
    ("answered", "shared_about", "expected"),
    [
        (frozenset(), frozenset(), 0.0),
        (frozenset({"alv"}), frozenset(), 0.25 / 0.4),
        (frozenset({"alv", "online"}), frozenset(), 1.0),
        (frozenset(), frozenset({"alv", "online"}), 0.75),
        (frozenset(), frozenset({"alv"}), 0.75 * 0.25 / 0.4),
        (frozenset({"bos", "wandel"}), frozenset({"zonnepanel"}), 0.0),
    ],
)
def test_solved_part_table(answered, shared_about, expected):
    assert solved(QUESTION, answered, shared_about) == pytest.approx(min(1.0, expected))


def test_no_question_no_solved_part():
    assert solved(frozenset(), frozenset({"alv"}), frozenset({"alv"})) == 0.0
    assert solved(frozenset({"de", "hoe", "ander"}), frozenset({"de"}), frozenset()) == 0.0


def test_a_peer_that_answered_beats_a_twin_and_says_what_about():
    subject = replace(SUBJECT, question=QUESTION)
    twin = profile("tweeling", lat=52.1, domains=frozenset({"energie"}))
    solver = profile("oplosser", kind="zorgcooperatie", lat=52.1, answered=frozenset({"alv"}))
    best = rank(subject, [twin, solver], 50, 2026)[0]
    assert best.slug == "oplosser"
    assert best.reasons[0] == ("answered", {"terms": ["alv"]})


terms = st.frozensets(st.sampled_from(["alv", "online", "stem", "bos", "zon", "dak"]))


@given(terms, terms, terms, terms)
def test_solved_more_never_scores_less(question, answered, shared_about, extra):
    base = solved(question, answered, shared_about)
    assert 0.0 <= base <= 1.0
    assert solved(question, answered | extra, shared_about) >= base
    assert solved(question, answered, shared_about | extra) >= base


@given(st.floats(min_value=52.0, max_value=52.3), terms)
def test_without_a_question_scores_stay_within_one(lat, stems):
    peer = profile("p", lat=lat, stems=tuple(stems), answered=stems, founded_year=1990)
    for match in rank(SUBJECT, [peer], 50, 2026):
        assert 0.0 <= match.score <= 1.0
