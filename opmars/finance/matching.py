"""Which financing routes fit a collective, and which fit the collectives of an area, each with
the reason in Dutch (docs/finance-routes.md).

A route fits a collective when it is open (not archived, opened, not closed), applies where the
collective is seated (national, its province, or its municipality), and allows its kind, legal
form and phase (an empty list allows every one). A route with a phase restriction "past
misschien" when the collective's founding year, and so its phase, is unknown. Fictitious (demo)
routes are only matched to demo collectives: a real collective is never told a made-up fund
fits it.
"""

import datetime
import functools
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TypedDict

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from opmars.finance.models import FinanceRoute, Level, Phase
from opmars.registry.vocab import Kind, LegalForm, Status

PAST = "past"
MISSCHIEN = "past misschien"
# Ages in whole years (the year minus the founding year): below START a collective is in its
# starting phase, below GROWTH in its growing phase, from GROWTH on mature.
START_YEARS = 3
GROWTH_YEARS = 10


def phase_of(founded_year: int | None, year: int) -> Phase | None:
    """The phase of a collective founded in `founded_year`, in `year`; None when unknown."""
    if founded_year is None:
        return None
    age = year - founded_year
    if age < START_YEARS:
        return Phase.STARTFASE
    if age < GROWTH_YEARS:
        return Phase.GROEIFASE
    return Phase.VOLWASSEN


def _lower_first(text: str) -> str:
    text = str(text)
    return text[:1].lower() + text[1:]


def kind_label(code: str) -> str:
    return _lower_first(Kind(code).label) if code in Kind.values else code


def legal_form_label(code: str) -> str:
    return _lower_first(LegalForm(code).label) if code in LegalForm.values else code


def phase_label(code: str) -> str:
    return _lower_first(Phase(code).label) if code in Phase.values else code


def area_label(route: FinanceRoute) -> str:
    if route.level == Level.GEMEENTELIJK and route.municipality_id:
        return route.municipality.name
    if route.level == Level.PROVINCIAAL and route.province_id:
        return route.province.name
    return _("landelijk")


def either(labels) -> str:
    """'a of b of c': alternatives in one phrase (a placeholder keeps the word in its sentence
    for translators)."""
    labels = [str(label) for label in labels]
    phrase = labels[0]
    for label in labels[1:]:
        phrase = _("%(first)s of %(next)s") % {"first": phrase, "next": label}
    return phrase


def who_may_apply(route: FinanceRoute) -> str:
    """The route's conditions in one line: 'energiecoöperatie of …; coöperatie U.A.; startfase'
    or 'elk collectief'."""
    parts = []
    if route.kinds:
        parts.append(either(kind_label(k) for k in route.kinds))
    if route.legal_forms:
        parts.append(either(legal_form_label(f) for f in route.legal_forms))
    if route.phases:
        parts.append(either(phase_label(p) for p in route.phases))
    return "; ".join(parts) if parts else _("elk collectief")


@dataclass
class Match:
    """A route that fits one collective: `fit` is "past" or "past misschien"; `reasons` the
    conditions it meets, `doubts` why it only may fit."""

    route: FinanceRoute
    fit: str
    reasons: list[str] = field(default_factory=list)
    doubts: list[str] = field(default_factory=list)

    @property
    def certain(self) -> bool:
        return self.fit == PAST

    @property
    def reason(self) -> str:
        text = f"{_('past') if self.certain else _('past misschien')}: {', '.join(self.reasons)}"
        if self.doubts:
            text += "; " + "; ".join(self.doubts)
        return text


@dataclass(frozen=True)
class Subject:
    """What matching looks at in a collective (or a group of alike collectives), with its
    labels worded once."""

    kind: str
    legal_form: str
    phase: Phase | None

    @functools.cached_property
    def labels(self):
        phase = phase_label(self.phase) if self.phase else ""
        return kind_label(self.kind), legal_form_label(self.legal_form), phase


def fit(kinds, legal_forms, phases, subject: Subject, where: str):
    """(fit, reasons, doubts) of a route with these conditions (already known to be open and to
    apply where the subject is, `where` naming that place) for the subject; None when it does
    not fit."""
    if kinds and subject.kind not in kinds:
        return None
    if legal_forms and subject.legal_form not in legal_forms:
        return None
    if phases and subject.phase is not None and subject.phase not in phases:
        return None
    kind, legal_form, phase = subject.labels
    reasons, doubts = [], []
    if kinds:
        reasons.append(kind)
    if legal_forms:
        reasons.append(legal_form)
    reasons.append(where)
    if phases:
        if subject.phase is None:
            doubts.append(
                _(
                    "alleen voor %(phases)s, en de fase is onbekend omdat het oprichtingsjaar "
                    "ontbreekt"
                )
                % {"phases": either(phase_label(p) for p in phases)}
            )
        else:
            reasons.append(phase)
    if not (kinds or legal_forms or phases):
        reasons.append(_("voor elk collectief"))
    return (MISSCHIEN if doubts else PAST), reasons, doubts


def match(route: FinanceRoute, kind: str, legal_form: str, phase: Phase | None) -> Match | None:
    """The match of one route (already known to be open and to apply where the collective is)
    with a collective of this kind, legal form and phase; None when it does not fit."""
    found = fit(
        route.kinds, route.legal_forms, route.phases, Subject(kind, legal_form, phase),
        area_label(route),
    )  # fmt: skip
    return Match(route, *found) if found else None


def open_routes(day: datetime.date):
    """Routes open on `day`: not archived, opened, and doorlopend or not yet closed."""
    return FinanceRoute.objects.filter(archived_at=None).filter(
        Q(opens=None) | Q(opens__lte=day),
        Q(is_ongoing=True) | Q(closes__gte=day),
    )


def _where(municipality_code: str, province_code: str) -> Q:
    return (
        Q(level=Level.LANDELIJK)
        | Q(level=Level.PROVINCIAAL, province_id=province_code)
        | Q(level=Level.GEMEENTELIJK, municipality_id=municipality_code)
    )


def _order(m: Match):
    route = m.route
    ongoing = route.is_ongoing or route.closes is None
    return (not m.certain, ongoing, route.closes or datetime.date.max, route.name.lower())


def routes_for(collective, today: datetime.date | None = None) -> list[Match]:
    """The open routes that fit this collective, each with its reason: the certain ones first,
    then those that may fit; within each, the one that closes first first.

    Fast at 1,000 routes (bench/finance_routes.py): the candidates of the collective's place
    come as plain values, and only the routes that fit are loaded as records."""
    today = today or timezone.localdate()
    municipality = collective.municipality
    province_code = municipality.province_id
    routes = open_routes(today).filter(_where(municipality.code, province_code))
    if not collective.is_demo:
        routes = routes.filter(is_demo=False)
    subject = Subject(
        collective.kind, collective.legal_form, phase_of(collective.founded_year, today.year)
    )
    where = {Level.GEMEENTELIJK: municipality.name, Level.LANDELIJK: _("landelijk")}
    found = {}
    for pk, level, kinds, legal_forms, phases in routes.values_list(
        "pk", "level", "kinds", "legal_forms", "phases"
    ):
        if level == Level.PROVINCIAAL and level not in where:
            where[level] = municipality.province.name
        result = fit(kinds, legal_forms, phases, subject, where[level])
        if result:
            found[pk] = result
    records = FinanceRoute.objects.in_bulk(list(found))
    matches = [Match(records[pk], *result) for pk, result in found.items()]
    return sorted(matches, key=_order)


# --- an area's collectives (the municipality, province and network reports) ----------------


class AreaRoute(TypedDict):
    """One route that fits collectives of an area."""

    route: FinanceRoute  # the record: name, provider, amounts, dates, source_url, is_demo …
    who: str  # who may apply, in one line (who_may_apply)
    where: str  # where it applies: a municipality, a province or "landelijk"
    collectives: int  # the area's active collectives it surely fits
    maybe: int  # … and those it may fit (phase unknown: no founding year)


def _area_groups(collectives, year):
    """{(kind, legal form, phase, is_demo): count} for the whole set, per province and per
    municipality: the few keys a route's conditions are checked against."""
    national = Counter()
    provinces = defaultdict(Counter)
    municipalities = defaultdict(Counter)
    rows = (
        collectives.filter(status=Status.ACTIEF)
        .filter(Q(founded_year=None) | Q(founded_year__lte=year))
        .values_list(
            "kind",
            "legal_form",
            "founded_year",
            "is_demo",
            "municipality_id",
            "municipality__province_id",
        )  # fmt: skip
        .annotate(n=Count("pk"))
        .order_by()
    )
    for kind, legal_form, founded, demo, municipality, province, n in rows:
        key = (kind, legal_form, phase_of(founded, year), demo)
        national[key] += n
        provinces[province][key] += n
        municipalities[municipality][key] += n
    return national, provinces, municipalities


def _year_routes(year: int):
    """Routes open at some time in `year` (not archived)."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return (
        FinanceRoute.objects.filter(archived_at=None)
        .filter(Q(opens=None) | Q(opens__lte=last), Q(is_ongoing=True) | Q(closes__gte=first))
        .select_related("province", "municipality")
    )


def routes_for_area(area, year: int) -> list[AreaRoute]:
    """The routes that fit the active collectives of an area (an opmars.monitor.metrics.Area:
    national, province, municipality, network or kind; its collectives are `area.selected`),
    with how many collectives each fits, most first. A route counts when it was open at some
    time in `year`; a collective when it is active now and was founded by `year` (or its
    founding year is unknown); its phase is the one it had in `year`."""
    national, provinces, municipalities = _area_groups(area.selected, year)
    result: list[AreaRoute] = []
    subjects: dict[tuple, Subject] = {}
    for route in _year_routes(year):
        if route.level == Level.GEMEENTELIJK:
            groups = municipalities.get(route.municipality_id)
        elif route.level == Level.PROVINCIAAL:
            groups = provinces.get(route.province_id)
        else:
            groups = national
        if not groups:
            continue
        sure = maybe = 0
        where = area_label(route)
        for (kind, legal_form, phase, demo), n in groups.items():
            if route.is_demo and not demo:
                continue
            subject = subjects.setdefault(
                (kind, legal_form, phase), Subject(kind, legal_form, phase)
            )
            found = fit(route.kinds, route.legal_forms, route.phases, subject, where)
            if found is None:
                continue
            if found[0] == PAST:
                sure += n
            else:
                maybe += n
        if sure or maybe:
            result.append(
                {
                    "route": route,
                    "who": who_may_apply(route),
                    "where": area_label(route),
                    "collectives": sure,
                    "maybe": maybe,
                }
            )
    result.sort(key=lambda row: (-row["collectives"], -row["maybe"], row["route"].name.lower()))
    return result
