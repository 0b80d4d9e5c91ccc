"""The columns an import understands: their names (Dutch, English, synonyms) and how a cell's
text becomes a value the shared registry forms validate.

Only the cell's *shape* is handled here (numbers, dates, yes/no, labels to codes); what a valid
collective or yearly fact is stays in opmars.registry.forms.
"""

import re
from collections import Counter
from functools import cache

from django.utils.translation import gettext as _

from opmars.dataio.reading import header_key, parse_bool, parse_date, parse_number
from opmars.registry.fields import BOOL, COLLECTIVE, DATE, FACTS, INT, NUM, imported
from opmars.registry.vocab import Domain, Kind, LegalForm, Status
from opmars.text import name_key


def _keys(*names):
    return [header_key(n) for n in names]


def _synonyms(fields):
    return {f.name: _keys(*f.aliases) for f in imported(fields)}


# field -> header names (compared after header_key: lowercase, no accents, '_' for the rest)
COLLECTIVE_SYNONYMS = {
    "external_id": _keys("bron_id", "bronid", "id_bron", "source_id", "external_id", "ea_id", "id"),
    **_synonyms(COLLECTIVE),
}

FACTS_SYNONYMS = {
    "external_id": COLLECTIVE_SYNONYMS["external_id"],
    "slug": _keys("slug"),
    **{name: COLLECTIVE_SYNONYMS[name] for name in ("name", "kvk_number", "municipality")},
    **_synonyms(FACTS),
}

# Impact outcomes: one row per outcome; rows with the same collective and year form one report.
IMPACT_REPORT_SYNONYMS = {
    "grant_municipality": _keys("subsidie_gemeente", "grant_municipality"),
    "grant_province": _keys("subsidie_provincie", "grant_province"),
    "grant_national": _keys("subsidie_rijk", "grant_national"),
    "grant_funds": _keys("bijdragen_fondsen", "fondsen", "grant_funds"),
    "grant_other": _keys("overige_subsidies", "grant_other"),
    "member_contributions": _keys("bijdragen_leden", "member_contributions"),
    "donations": _keys("giften", "donations"),
    "in_kind": _keys("bijdragen_in_natura", "natura", "in_kind"),
    "volunteer_hours": _keys("vrijwilligersuren", "volunteer_hours"),
    "volunteer_hour_value": _keys("waarde_vrijwilligersuur", "volunteer_hour_value"),
    "assurance": _keys("externe_toetsing", "assurance"),
}
IMPACT_OUTCOME_SYNONYMS = {
    "indicator": _keys("indicator", "indicatorcode", "uitkomst", "outcome"),
    "description": _keys("omschrijving", "description", "toelichting_uitkomst"),
    "quantity": _keys("aantal", "hoeveelheid", "quantity"),
    "quantity_low": _keys("laagste_schatting", "laag", "quantity_low", "low"),
    "quantity_high": _keys("hoogste_schatting", "hoog", "quantity_high", "high"),
    "evidence_grade": _keys("bewijskracht", "zekerheid", "evidence_grade"),
    "evidence_source": _keys("bron_van_het_bewijs", "bewijsbron", "evidence_source"),
    "deadweight": _keys("was_toch_gebeurd", "deadweight"),
    "attribution": _keys("aandeel_van_anderen", "attribution"),
    "displacement": _keys("verdringing", "displacement"),
    "adjustments_confirmed": _keys("aannames_bevestigd", "adjustments_confirmed"),
    "justification": _keys("waarom", "justification"),
    "duration": _keys("duur", "duur_in_jaren", "duration"),
    "drop_off": _keys("afname_per_jaar", "drop_off"),
}
IMPACT_SYNONYMS = {
    **{k: v for k, v in FACTS_SYNONYMS.items() if k in ("external_id", "slug", "name",
                                                        "kvk_number", "municipality", "year")},
    **IMPACT_OUTCOME_SYNONYMS,
    **IMPACT_REPORT_SYNONYMS,
}  # fmt: skip

# Values that mean a vocabulary code, besides the code itself and its Dutch label.
LEGAL_FORM_WORDS = {
    "cooperative": LegalForm.COOPERATIE_UA,
    "cooperatie": LegalForm.COOPERATIE_UA,
    "cooperatie ua": LegalForm.COOPERATIE_UA,
    "trust foundation": LegalForm.STICHTING,
    "foundation": LegalForm.STICHTING,
    "association": LegalForm.VERENIGING,
    "corporate entity": LegalForm.BV,
    "unincorporated organisation club": LegalForm.INFORMEEL,
    "informal": LegalForm.INFORMEEL,
    "unknown": LegalForm.OVERIG,
    "onbekend": LegalForm.OVERIG,
}
KIND_WORDS = {
    "wijkcooperatie": Kind.BUURTCOOPERATIE,
    "wijkbedrijf": Kind.BEWONERSBEDRIJF,
    "energie": Kind.ENERGIECOOPERATIE,
    "energy": Kind.ENERGIECOOPERATIE,
    "energy cooperative": Kind.ENERGIECOOPERATIE,
    "community energy": Kind.ENERGIECOOPERATIE,
    "zorg": Kind.ZORGCOOPERATIE,
    "wonen": Kind.WOONCOOPERATIE,
    "voedsel": Kind.VOEDSELCOLLECTIEF,
    "natuur": Kind.NATUURCOLLECTIEF,
    "mobiliteit": Kind.MOBILITEITSCOLLECTIEF,
}
EXTRA_WORDS = {
    "kind": KIND_WORDS,
    "legal_form": LEGAL_FORM_WORDS,
    "status": {"active": "actief", "stopped": "gestopt"},
}
IMPORTED = imported(COLLECTIVE + FACTS)
CHOICES = {f.name: f.choices for f in IMPORTED if f.choices}


def _typed(kind):
    return {f.name for f in IMPORTED if f.type == kind}


INTEGER_FIELDS = _typed(INT) | {"evidence_grade", "deadweight", "attribution", "displacement",
                                "duration", "drop_off"}  # fmt: skip
FLOAT_FIELDS = _typed(NUM) | {"quantity", "quantity_low", "quantity_high",
                              *(set(IMPACT_REPORT_SYNONYMS) - {"assurance"})}  # fmt: skip
BOOL_FIELDS = _typed(BOOL) | {"adjustments_confirmed"}
DATE_FIELDS = _typed(DATE)
# Filled in when a file has no such column, so that a list of names alone still imports.
CREATE_DEFAULTS = {"kind": Kind.OVERIG, "legal_form": LegalForm.OVERIG, "status": Status.ACTIEF}


# A cell that empties its field on purpose: an empty cell leaves the stored value alone.
CLEAR_MARKER = "[leeg]"


def is_clear_marker(text):
    return text.strip().casefold() == CLEAR_MARKER


def empty_value(field_name):
    """What the clear marker sets a field to: the value an empty form field cleans to."""
    if field_name in INTEGER_FIELDS | FLOAT_FIELDS | DATE_FIELDS:
        return None
    if field_name in BOOL_FIELDS:
        return False
    return [] if field_name == "domains" else ""


def _word_key(text):
    """Labels compared without case, accents, punctuation or spaces ('Energie coöperatie')."""
    return name_key(text).replace(" ", "")


def _label_parts(label):
    """A label and its alternatives: 'Dorpsraad, dorpsbelang of kleine-kernenvereniging'."""
    parts = re.split(r",| of |\(|\)", label)
    return [label, *(p for p in parts if p.strip() and not p.strip().endswith("-"))]


@cache
def _choice_lookup(field_name):
    choices = CHOICES[field_name]
    words = {_word_key(code): code for code in choices.values}
    for code, label in choices.choices:
        words.update({_word_key(part): code for part in _label_parts(str(label))})
    words.update({_word_key(w): code for w, code in EXTRA_WORDS.get(field_name, {}).items()})
    return words


def choice_code(field_name, text):
    """The vocabulary code a code, label or known synonym means; None when unknown."""
    return _choice_lookup(field_name).get(_word_key(text))


# Words in a name that say which kind of collective it likely is, for the file default the
# dry run proposes when a file has no kind column.
NAME_HINTS = {
    Kind.ENERGIECOOPERATIE: ("energie", "energy", "duurzaam", "zonne", "wind", "stroom"),
    Kind.ZORGCOOPERATIE: ("zorg",),
    Kind.WOONCOOPERATIE: ("wooncooperatie", "wonen"),
    Kind.VOEDSELCOLLECTIEF: ("voedsel",),
    Kind.DORPSRAAD: ("dorpsraad", "dorpsbelang", "plaatselijk belang"),
}
HINT_SHARE = 1 / 3  # the share of names that must point to one kind


def kind_hinted_by(name):
    folded = name_key(name)
    for kind, hints in NAME_HINTS.items():
        if any(hint in folded for hint in hints):
            return kind
    return None


def suggested_kind(hints, rows):
    """The kind most names point to, when at least HINT_SHARE of all rows do; else ''.
    `hints` counts kind_hinted_by over the file's names."""
    hints = Counter({k: n for k, n in hints.items() if k})
    if not hints or not rows:
        return ""
    kind, count = hints.most_common(1)[0]
    return kind if count >= HINT_SHARE * rows else ""


class CellError(ValueError):
    """A cell's text has the wrong shape; the message is Dutch and says what to write."""


def convert(field_name, text):
    """One cell's text as the value the registry form expects (still text for most fields)."""
    if field_name in INTEGER_FIELDS:
        try:
            return parse_number(text, integer=True)
        except ValueError:
            raise CellError(_("Vul een heel getal in, zoals 2015 of 1.234.")) from None
    if field_name in FLOAT_FIELDS:
        try:
            return parse_number(text)
        except ValueError:
            raise CellError(_("Vul een getal in, zoals 52,37 of 52.37.")) from None
    if field_name in BOOL_FIELDS:
        try:
            return parse_bool(text)
        except ValueError:
            raise CellError(_("Vul ja of nee in.")) from None
    if field_name in DATE_FIELDS:
        try:
            return parse_date(text)
        except ValueError:
            raise CellError(_("Vul een datum in, zoals 25-04-2017 of 2017-04-25.")) from None
    if field_name in CHOICES and text:
        code = choice_code(field_name, text)
        if not code:
            allowed = ", ".join(CHOICES[field_name].values)
            raise CellError(_("Onbekende waarde. Kies uit: %(allowed)s.") % {"allowed": allowed})
        return code
    if field_name == "domains":
        return _domains(text)
    return text


@cache
def _domain_words():
    words = {name_key(code): code for code in Domain.values}
    words.update({name_key(str(label)): code for code, label in Domain.choices})
    return words


def _domains(text):
    words = _domain_words()
    codes, unknown = [], []
    for part in text.replace(";", ",").replace("|", ",").split(","):
        if part.strip():
            code = words.get(name_key(part))
            (codes if code else unknown).append(code or part.strip())
    if unknown:
        raise CellError(
            _("Onbekend terrein %(value)s. Kies uit: %(allowed)s.")
            % {"value": ", ".join(unknown), "allowed": ", ".join(Domain.values)}
        )
    return codes
