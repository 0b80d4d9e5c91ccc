"""For a question: the collectives and knowledge items most likely to help, with reasons."""

from django.utils.translation import gettext as _

from opmars.knowledge.models import KnowledgeItem
from opmars.knowledge.search import apply_search
from opmars.networks import matching, peers
from opmars.text import stem, tokens

# Short Dutch words say nothing about the subject of a question.
MIN_WORD = 4
# The search matches word beginnings; more candidates are read than shown, as some share none
# of the question's words exactly and are dropped.
CANDIDATE_FACTOR = 4


def question_words(question):
    return " ".join(t for t in tokens(f"{question.title} {question.body}") if len(t) >= MIN_WORD)


def topic_stems(text):
    """The asker's words that can name a subject, by stem: {stem: the word as asked}."""
    asked = {}
    for word in tokens(text):
        key = stem(word)
        if len(word) >= MIN_WORD and key in matching.topic_terms([key]):
            asked.setdefault(key, word)
    return asked


def helpful_items(question, limit=5):
    """Items that share at least one meaningful stemmed word with the question, best first."""
    asked = topic_stems(f"{question.title} {question.body}")
    if not asked:
        return []
    items = apply_search(KnowledgeItem.objects.all(), " ".join(asked.values()), any_term=True)
    found = []
    for item in items.order_by("-relevance", "id")[: limit * CANDIDATE_FACTOR]:
        shared = sorted(asked[s] for s in set(asked) & set(item.search_text.split()))
        if not shared:
            continue  # matched a word beginning only ("led" in "leden"): another subject
        reasons = [
            item.get_item_type_display().lower(),
            _("gaat over: %(words)s") % {"words": ", ".join(shared[:4])},
        ]
        found.append({"item": item, "reasons": reasons})
        if len(found) == limit:
            break
    return found


def helpful_collectives(question, limit=5, radius_km=50):
    # The whole question: short subject words ("ALV") count here; matching drops the generic.
    text = f"{question.title} {question.body}"
    query = peers.PeerQuery(limit=limit, radius_km=radius_km, text=text)
    return peers.find_peers(question.collective, query)
