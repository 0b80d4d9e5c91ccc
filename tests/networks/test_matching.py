"""Peer scoring on constructed cases where the right answer is known (pure, no database)."""

from hypothesis import given
from hypothesis import strategies as st

from opmars.networks.matching import Profile, haversine_km, rank

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
