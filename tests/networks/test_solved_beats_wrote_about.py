"""A peer that solved the question (answered it, or its asker said "dit hielp ons") ranks above
one that only shared knowledge about it, and each reason names only words not named before."""

from dataclasses import replace

from opmars.networks.matching import rank
from tests.networks.test_matching import QUESTION, SUBJECT, profile

ASKED = replace(SUBJECT, question=QUESTION)
ALL = frozenset({"ledenadministratie", "alv", "online"})


def test_answered_and_thanked_rank_above_shared_knowledge_on_the_same_words():
    wrote = profile("schreef", lat=52.10, shared_about=ALL)  # nearest, still last
    answered = profile("beantwoordde", lat=52.15, answered=ALL)
    thanked = profile("bedankt", lat=52.15, helped=ALL)
    ranked = [m.slug for m in rank(ASKED, [wrote, answered, thanked], 50, 2026)]
    assert ranked.index("schreef") == 2


def test_a_thanked_peer_says_so():
    thanked = profile("bedankt", lat=52.15, helped=frozenset({"alv"}))
    best = rank(ASKED, [thanked], 50, 2026)[0]
    assert best.reasons[0] == ("helped", {"terms": ["alv"]})


def test_knowledge_shared_about_the_answered_words_is_not_said_twice():
    both = profile("beide", lat=52.15, answered=ALL, shared_about=ALL | {"stem"})
    reasons = dict(rank(ASKED, [both], 50, 2026)[0].reasons)
    assert reasons["answered"] == {"terms": sorted(ALL)}
    assert reasons["shared_about"] == {"terms": ["stem"]}
