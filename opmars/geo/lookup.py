"""Turn what people type (a CBS code, a current or former name, a postcode) into places."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opmars.geo.models import HistoricMunicipality, Municipality, Postcode
from opmars.text import name_key

_CODE = re.compile(r"^(?:gm)?\s*(\d{1,4})$", re.IGNORECASE)
_MUNICIPALITY_CODE = re.compile(r"GM\d{4}")
_POSTCODE = re.compile(r"^\s*([1-9]\d{3})\s*([a-zA-Z]{2})?\s*$")
_CBS_SUFFIX = re.compile(r"\s*\((?:[a-z]+\.)+\)$", re.IGNORECASE)  # 'Bergen (NH.)' -> 'Bergen'
# Everyday names that differ from the CBS spelling.
ALIASES = {"den haag": "GM0518", "the hague": "GM0518", "den bosch": "GM0796"}


@dataclass
class Resolution:
    """The outcome of a lookup: one municipality, or candidates to choose from, or nothing."""

    municipality: Municipality | None = None
    candidates: list[Municipality] = field(default_factory=list)
    note: str = ""

    @property
    def error(self) -> str | None:
        if self.municipality:
            return None
        if self.candidates:
            names = ", ".join(f"{m.name} ({m.code})" for m in self.candidates)
            return _("Deze naam past bij meer dan één gemeente. Kies er één: %(names)s.") % {
                "names": names
            }
        return _(
            "Deze gemeente kennen we niet. Geef de naam van een huidige gemeente of een CBS-code "
            "zoals GM0363."
        )


def _one_or_candidates(municipalities: Iterable[Municipality], note: str = "") -> Resolution:
    unique = sorted({m.code: m for m in municipalities}.values(), key=lambda m: m.name)
    if len(unique) == 1:
        return Resolution(municipality=unique[0], note=note)
    return Resolution(candidates=unique)


def resolve_municipality(text: str) -> Resolution:
    text = (text or "").strip()
    if not text:
        return Resolution()
    code_match = _CODE.match(text)
    if code_match:
        return _resolve_code("GM" + code_match.group(1).zfill(4))
    return _resolve_name(text)


def _resolve_code(code: str) -> Resolution:
    current = Municipality.objects.filter(code=code).first()
    if current:
        return Resolution(municipality=current)
    former = HistoricMunicipality.objects.filter(code=code).prefetch_related("successors")
    return _from_former(list(former))


def _from_former(former_records: list[HistoricMunicipality]) -> Resolution:
    successors = [m for record in former_records for m in record.successors.all()]
    if not successors:
        return Resolution()
    names = ", ".join(sorted({r.name for r in former_records}))
    note = _("%(former)s is opgegaan in %(current)s.")
    resolution = _one_or_candidates(successors)
    if resolution.municipality:
        resolution.note = note % {"former": names, "current": resolution.municipality.name}
    return resolution


def _current_by_key() -> tuple[dict[str, list[Municipality]], dict[str, list[Municipality]]]:
    """Current municipalities by full name key and by name without the CBS province suffix."""
    full: dict[str, list[Municipality]] = {}
    base: dict[str, list[Municipality]] = {}
    for m in Municipality.objects.all():
        full.setdefault(name_key(m.name), []).append(m)
        base.setdefault(name_key(_CBS_SUFFIX.sub("", m.name)), []).append(m)
    return full, base


def _resolve_name(text: str) -> Resolution:
    key = name_key(text)
    if key in ALIASES:
        return Resolution(municipality=Municipality.objects.get(code=ALIASES[key]))
    full, base = _current_by_key()
    if key in full:
        return _one_or_candidates(full[key])
    former = [
        r
        for r in HistoricMunicipality.objects.prefetch_related("successors")
        if r.end and name_key(_CBS_SUFFIX.sub("", r.name)) == key
    ]
    if key in base:
        # A current name wins over a former one ('Bergen' is today Bergen (NH.) or Bergen (L.)).
        return _one_or_candidates(base[key])
    return _from_former(former)


def normalise_postcode(text: str) -> str | None:
    """'1234ab' -> '1234 AB'; a bare PC4 '1234' stays '1234'; None when it is no Dutch postcode."""
    match = _POSTCODE.match(text or "")
    if not match:
        return None
    digits, letters = match.groups()
    return f"{digits} {letters.upper()}" if letters else digits


def postcode_point(postcode: str) -> Postcode | None:
    normalised = normalise_postcode(postcode)
    if not normalised:
        return None
    return Postcode.objects.select_related("municipality").filter(pc4=int(normalised[:4])).first()


@dataclass
class Merged:
    """A former municipality code: what it was, when it ended, where its area went."""

    code: str
    name: str
    ended: date | None
    successors: list[Municipality]

    @property
    def message(self) -> str:
        into = ", ".join(f"{m.name} ({m.code})" for m in self.successors)
        values = {"code": self.code, "name": self.name, "into": into}
        if self.ended:
            values["date"] = date_format(self.ended)
            return (
                _("%(code)s (%(name)s) bestaat sinds %(date)s niet meer: opgegaan in %(into)s.")
                % values
            )
        return _("%(code)s (%(name)s) bestaat niet meer: opgegaan in %(into)s.") % values


def merged_municipality(code: str) -> Merged | None:
    """A code of a municipality that no longer exists, with its current successors."""
    if not _MUNICIPALITY_CODE.fullmatch(code.upper()):
        return None  # not a CBS code at all (any text may reach here from a query string)
    record = (
        HistoricMunicipality.objects.filter(code=code.upper(), end__isnull=False)
        .prefetch_related("successors")
        .order_by("-end")
        .first()
    )
    if record is None or not record.successors.exists():
        return None
    return Merged(record.code, record.name, record.end, sorted(record.successors.all(), key=str))
