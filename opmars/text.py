"""Pure text helpers shared by search, lookups and slugs (no Django imports).

Search stems in Python so SQLite and PostgreSQL index the very same tokens (see
docs/decisions/0002-search-stemming-in-python.md).
"""

import re
import unicodedata
from functools import lru_cache

from snowballstemmer.dutch_stemmer import DutchStemmer

_TOKEN = re.compile(r"[a-z0-9]+")
_DOUBLE_VOWEL = re.compile(r"([aeiou])\1")
_stemmer = DutchStemmer()


def fold(text: str) -> str:
    """Lowercase and strip diacritics: 'Coöperatie' -> 'cooperatie'."""
    text = text or ""
    if text.isascii():  # most Dutch text: nothing to decompose (a bulk import folds a lot)
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


@lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    """Stem to a fixed point, folding doubled vowels after each round.

    The Snowball 3 Dutch stemmer keeps long vowels ('zonnepaneel' vs 'zonnepanel') and stems a
    plural one step short ('windmolens' -> 'windmolen' -> 'windmol'); repeating until nothing
    changes, with doubled vowels folded, makes singular and plural meet. A number stays as it
    is, and skips the stemmer (an import of numbered names has as many as rows).
    """
    if token.isdigit():
        return token
    for _round in range(4):
        stemmed_token = _DOUBLE_VOWEL.sub(r"\1", _stemmer.stemWord(token))
        if stemmed_token == token:
            break
        token = stemmed_token
    return token


def stemmed(text: str) -> str:
    """The text as the search index stores it: folded, tokenised, stemmed, space-separated."""
    return " ".join(stem(t) for t in tokens(text))


@lru_cache(maxsize=65_536)
def name_key(name: str) -> str:
    """A comparison key for place names: folded, punctuation and spacing ignored."""
    return " ".join(tokens(name.replace("'", "")))


def slugify(text: str) -> str:
    return "-".join(tokens(text))[:80].strip("-") or "collectief"
