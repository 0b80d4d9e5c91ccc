"""For a question: the collectives and knowledge items most likely to help, with reasons."""

from django.utils.translation import gettext as _

from opmars.knowledge.models import KnowledgeItem
from opmars.knowledge.search import apply_search
from opmars.networks import peers
from opmars.text import stem, tokens

# Short Dutch words say nothing about the subject of a question.
MIN_WORD = 4


def question_words(question):
    return " ".join(t for t in tokens(f"{question.title} {question.body}") if len(t) >= MIN_WORD)


def helpful_items(question, limit=5):
    words = question_words(question)
    if not words:
        return []
    # Reasons name the asker's own words, not their stems.
    asked = {}
    for word in tokens(words):
        asked.setdefault(stem(word), word)
    items = apply_search(KnowledgeItem.objects.all(), words, any_term=True)
    found = []
    for item in items.order_by("-relevance", "id")[:limit]:
        shared = sorted(asked[s] for s in set(asked) & set(item.search_text.split()))
        reasons = [item.get_item_type_display().lower()]
        if shared:
            reasons.append(_("gaat over: %(words)s") % {"words": ", ".join(shared[:4])})
        found.append({"item": item, "reasons": reasons})
    return found


def helpful_collectives(question, limit=5, radius_km=50):
    query = peers.PeerQuery(limit=limit, radius_km=radius_km, text=question_words(question))
    matches = peers.find_peers(question.collective, query)
    for match in matches:
        match.reasons = [
            _("heeft ervaring met dit onderwerp") if r == _("vergelijkbare beschrijving") else r
            for r in match.reasons
        ]
    return matches
