"""For a question: the collectives and knowledge items most likely to help, with reasons."""

from django.utils.translation import gettext as _

from opmars.knowledge.models import KnowledgeItem
from opmars.knowledge.search import apply_search
from opmars.networks import matching, peers
from opmars.text import stemmed, tokens

# Short Dutch words say nothing about the subject of a question.
MIN_WORD = 4
# The search matches word beginnings; more candidates are read than shown, as some share none
# of the question's words exactly and are dropped.
CANDIDATE_FACTOR = 4


def question_words(question):
    return " ".join(t for t in tokens(f"{question.title} {question.body}") if len(t) >= MIN_WORD)


def topic_stems(text):
    """The asker's words that can name a subject, by stem: {stem: the word as asked}."""
    return {
        key: word
        for key, word in peers.written_words(text).items()
        if len(word) >= MIN_WORD and key in matching.topic_terms([key])
    }


def helpful_items(question, limit=5):
    """Items about the question, best first: one of the subject words of its title (or, when
    the title has none, of its text) is in the item's title or summary, which say what the item
    is about. A word only in an item's body, or only in the question's explanation ("wij zijn
    een jonge energiecoöperatie"), is no sign of the same subject."""
    asked = topic_stems(f"{question.title} {question.body}")
    about = topic_stems(question.title) or asked
    if not about:
        return []
    items = apply_search(KnowledgeItem.objects.all(), " ".join(about.values()), any_term=True)
    found = []
    for item in items.order_by("-relevance", "id")[: limit * CANDIDATE_FACTOR]:
        if not set(about) & set(stemmed(f"{item.title} {item.summary}").split()):
            continue  # the words are in its body, or only a word beginning matched
        # The title's words first: they say what the question is about.
        shared = sorted(
            (s not in about, asked[s]) for s in set(asked) & set(item.search_text.split())
        )
        shared = [word for _later, word in shared]
        reasons = [
            item.get_item_type_display().lower(),
            _("gaat over: %(words)s") % {"words": ", ".join(shared[:4])},
        ]
        found.append({"item": item, "reasons": reasons})
        if len(found) == limit:
            break
    return found


def helpful_collectives(question, limit=5, radius_km=50):
    # The subject is in the title, as for the items: a peer that wrote about a word of the
    # explanation only ("wij zijn een jonge energiecoöperatie") did not solve the question.
    # Short subject words ("ALV") count here; matching drops the generic ones.
    text = question.title
    if not matching.topic_terms(stemmed(text).split()):
        text = f"{question.title} {question.body}"
    query = peers.PeerQuery(limit=limit, radius_km=radius_km, text=text)
    return peers.find_peers(question.collective, query)
