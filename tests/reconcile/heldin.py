"""The held-in test set for reconciliation: rows of a made-up spreadsheet, each made from one
public demo collective with the mistakes people make when they type a list themselves: a typo,
an abbreviation ("Coöp.", "Ver.", "Stg."), a compound split ("Energie Coöperatie"), another
case, diacritics left out, a legal form added, and the municipality by a former name (Boxmeer
for Land van Cuijk) or by CBS code. The municipality is always given (a network's or a
municipality's list has it); the postcode in about half the rows.

Only collectives that the name and municipality identify are used: the demo makes namesakes
in one municipality ("Samen Oosterend" twice), and no service could tell those apart by name.
Used by tests/reconcile/test_accuracy.py and bench/reconcile.py."""

import random
from collections import Counter, defaultdict

from opmars.text import name_key

SPLITS = {
    "energiecoöperatie": ["Energie Coöperatie", "Energie Coöp.", "Energie Coop", "energie-coop"],
    "zorgcoöperatie": ["Zorg Coöperatie", "Zorgcoop", "Zorg Coöp."],
    "buurtcoöperatie": ["Buurt Coöperatie", "Buurtcoop.", "Buurt-coöperatie"],
    "wijkcoöperatie": ["Wijk Coöperatie", "Wijkcoop"],
    "wooncoöperatie": ["Woon Coöperatie", "Wooncoop"],
    "voedselcoöperatie": ["Voedsel Coöperatie", "Voedselcoop"],
    "vereniging": ["Ver.", "Vereniging", "ver"],
    "plaatselijk belang": ["Pl. Belang", "Plaatselijk-Belang"],
}
PREFIXES = ["Stichting ", "Stg. ", "St. ", "Vereniging "]
SUFFIXES = [" U.A.", " u.a.", " (stichting)"]


def typo(rng, word):
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    edit = rng.choice(["swap", "drop", "double", "replace"])
    if edit == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if edit == "drop":
        return word[:i] + word[i + 1 :]
    if edit == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice("aeioutnrsl") + word[i + 1 :]


def abbreviate(rng, name):
    lowered = name.lower()
    for long, shorts in SPLITS.items():
        at = lowered.find(long)
        if at >= 0:
            return name[:at] + rng.choice(shorts) + name[at + len(long) :]
    return name


def variant(rng, name):
    """A misspelt, abbreviated or reshaped version of `name` (never the name itself)."""
    for _attempt in range(10):
        text = name
        changes = rng.sample(["typo", "abbreviate", "case", "ascii", "legal"], k=rng.randint(1, 2))
        for change in changes:
            if change == "typo":
                words = text.split(" ")
                long = [i for i, w in enumerate(words) if len(w) >= 5]
                if long:
                    i = rng.choice(long)
                    words[i] = typo(rng, words[i])
                    text = " ".join(words)
            elif change == "abbreviate":
                text = abbreviate(rng, text)
            elif change == "case":
                text = rng.choice([text.lower(), text.upper()])
            elif change == "ascii":
                text = text.replace("ö", "o").replace("ë", "e").replace("é", "e")
            elif change == "legal":
                text = (
                    rng.choice(PREFIXES) + text
                    if rng.random() < 0.6
                    else text + rng.choice(SUFFIXES)
                )
        if text != name:
            return text
    return name.lower()


def build(records, municipality_names, former_names, count, seed=7):
    """[(query object, expected id)]: `records` are (slug, name, municipality code, postcode)
    of the public register; `former_names` maps a current code to former municipality names
    that went (partly) into it."""
    rng = random.Random(seed)
    seen = Counter((name_key(name), code) for _slug, name, code, _pc in records)
    usable = [r for r in records if seen[(name_key(r[1]), r[2])] == 1]
    rng.shuffle(usable)
    rows = []
    for slug, name, code, postcode in usable[:count]:
        properties = []
        roll = rng.random()
        if former_names.get(code) and roll < 0.35:
            municipality = rng.choice(former_names[code])
        elif roll < 0.42:
            municipality = code  # 'GM0363'
        else:
            municipality = municipality_names[code]
        properties.append({"pid": "municipality", "v": municipality})
        if postcode and rng.random() < 0.5:
            properties.append({"pid": "postcode", "v": postcode.replace(" ", "").lower()})
        rows.append(({"query": variant(rng, name), "properties": properties}, slug))
    return rows


def former_names_by_code(former, current_names):
    """{current code: [former names]} from (former name, successor codes) pairs, leaving out
    former names that are also a current municipality's name."""
    current = {name_key(n) for n in current_names}
    result = defaultdict(list)
    for name, codes in former:
        if name_key(name) in current:
            continue
        for code in codes:
            if name not in result[code]:
                result[code].append(name)
    return dict(result)


def from_register(count, seed=7):
    """`count` held-in rows made from the public records in the database (Django set up)."""
    from opmars.accounts.policy import public_collectives
    from opmars.geo.models import HistoricMunicipality, Municipality

    names = dict(Municipality.objects.values_list("code", "name"))
    ended = HistoricMunicipality.objects.filter(end__isnull=False).prefetch_related("successors")
    former = former_names_by_code(
        [(h.name, [m.code for m in h.successors.all()]) for h in ended], names.values()
    )
    records = list(public_collectives().values_list("slug", "name", "municipality_id", "postcode"))
    return build(records, names, former, count, seed=seed)
