"""Area figures kept on write (decision 0055): per municipality, kind, demo mark and year, the
counts and sums behind the monitor, so a national or provincial figure adds up a few thousand
rows instead of reading every collective. The same again per network, over its members of
today (decision 0058).

The rows are exactly what metrics.py computes from scratch for a municipality (the same
definitions, replayed over the same tables); tests/monitor/test_summaries_follow_writes.py holds
the two equal after random writes. They are rebuilt per municipality after each write that
touched one of its collectives (the queue of opmars/caching/changes.py, worked off right after
the write's commit), and entirely by `opmars summaries rebuild`.

A reader uses them only when they are provably current: the state's token is the data
generation of the request, and they were built this calendar year. Otherwise the figure is
computed from scratch as before: slower, never wrong.
"""

import logging
import operator
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import reduce
from typing import Any

from django.db import connection, transaction
from django.db.models import Q, QuerySet, Sum
from django.utils import timezone
from django_tasks import task

from opmars.accounts.policy import public_collectives
from opmars.caching import generation
from opmars.caching.models import PendingChange
from opmars.geo.models import Municipality
from opmars.impact.models import ImpactReport, ReportOutcome, ReportStatus
from opmars.monitor.models import (
    AreaYear,
    CohortCount,
    DomainYear,
    IndicatorYear,
    LegalFormYear,
    MembersYear,
    NetworkYear,
    ReportYear,
    SummarisedCollective,
    SummaryState,
)
from opmars.networks.models import Membership, Network, PastMembership
from opmars.registry.models import (
    OPEN_END,
    ActivePeriod,
    Collective,
    CollectiveDomain,
    LifeEvent,
    YearlyFacts,
)
from opmars.registry.vocab import EventKind, Status

logger = logging.getLogger(__name__)

FIRST_SERIES_YEAR = 1990
# The year before the series: the growth series' first "net" needs its active count.
FIRST_KEPT_YEAR = FIRST_SERIES_YEAR - 1
FACT_FIELDS = ("members", "volunteers", "paid_staff")
# The yearly facts summed per area row: the monitor's counts of people, and income by source.
SUMMED_FACTS = (*FACT_FIELDS, *YearlyFacts.INCOME_FIELDS)
# The areas the kept rows answer: places and kinds (network 0), and a network (its own rows).
KEPT_SCOPES = ("national", "province", "municipality", "kind", "network")
PLACE_ROWS = 0  # the network column of the rows about every collective, member or not
STATE_ROW = 1
BATCH = 2000
# Kept rows per INSERT statement where the database sets no lower limit (PostgreSQL).
ROWS_PER_INSERT = 2000
KEPT_MODELS = (
    AreaYear,
    CohortCount,
    DomainYear,
    NetworkYear,
    ReportYear,
    IndicatorYear,
    LegalFormYear,
    MembersYear,
)
AREA_COLUMNS = ("network", "municipality", "province", "kind", "is_demo")
REPORT_SUMS = ("reports", "present_value", "inputs", "with_bounds", "lower", "upper")
REPORT_COLUMNS = ("published", *ImpactReport.GRANT_FIELDS, *REPORT_SUMS)

# network (PLACE_ROWS: every collective), municipality, province, kind, demo
Key = tuple[int, str, str, str, bool]
Group = tuple[str, str, bool]  # municipality, kind, demo: what one collective's rows are about
GROUPS_PER_STEP = 100
# How long a reader waits for the catch-up of writes committed just before it (0.1–0.3 s at
# 100,000 collectives) before it computes the figure from scratch (1–2 s there), and how often
# it looks.
CATCH_UP_WAIT_SECONDS = 2.0
CATCH_UP_POLL_SECONDS = 0.02


# -- reading ---------------------------------------------------------------------------------


def usable(area: Any, year: int) -> bool:
    """Whether the kept rows answer `area` in `year` exactly as a computation from scratch."""
    if area.scope not in KEPT_SCOPES:
        return False
    this_year = timezone.localdate().year
    if not FIRST_SERIES_YEAR <= year <= this_year:
        return False
    token = generation.current().token
    if _known_current.get(token) == this_year:
        return True
    state = _state()
    if state != (token, this_year) and not _caught_up_to(token, this_year, state):
        return False
    _known_current.clear()  # a state once right for a generation stays right for it
    _known_current[token] = this_year
    return True


_known_current: dict[str, int] = {}


def _state() -> tuple[str, int] | None:
    return SummaryState.objects.filter(pk=STATE_ROW).values_list("token", "year").first()


def _caught_up_to(token: str, this_year: int, state: tuple[str, int] | None) -> bool:
    """Whether the kept rows, now at `state`, reach generation `token` within
    CATCH_UP_WAIT_SECONDS: when the queue leads from their state to it, the catch-up of those
    writes follows their commit and takes a fraction of a second, where a figure computed from
    scratch takes seconds. Not inside a transaction: its own writes' catch-up follows its
    commit, and on SQLite waiting would hold the lock that the catch-up of others needs."""
    if connection.in_atomic_block:
        return False
    deadline = time.monotonic() + CATCH_UP_WAIT_SECONDS
    while state != (token, this_year):
        if state is None or not state[0] or state[1] != this_year:
            return False  # a rebuild is due: no catch-up will reach the token
        chain = _Queue.read().chain(state[0], token)
        if chain is None or chain.everything:
            return _state() == (token, this_year)  # done just now, or only a rebuild will
        if time.monotonic() >= deadline:
            return False
        time.sleep(CATCH_UP_POLL_SECONDS)
        state = _state()
    return True


def usable_for_all(area: Any, years: Iterable[int]) -> bool:
    """usable() for every one of `years`: a figure over several years reads the kept rows only
    when all of them are current."""
    return all(usable(area, year) for year in years)


def _rows(model, area: Any) -> QuerySet[Any]:
    rows = model.objects.order_by()
    if area.scope == "network":
        return rows.filter(network=_network_id(area.code))
    rows = rows.filter(network=PLACE_ROWS)
    if area.scope == "province":
        return rows.filter(province=area.code)
    if area.scope == "municipality":
        return rows.filter(municipality=area.code)
    if area.scope == "kind":
        return rows.filter(kind=area.code)
    return rows


def _network_id(slug: str) -> int:
    """The network's id, or one no row has."""
    return Network.objects.filter(slug=slug).values_list("id", flat=True).first() or -1


def profile(area: Any, year: int) -> dict[tuple[str, str, bool], int]:
    """metrics.profile_of for the area: {(kind, municipality, demo): active on 31 December}."""
    rows = _rows(AreaYear, area).filter(year=year, active_end__gt=0)
    totals: dict[tuple[str, str, bool], int] = {}
    for kind, municipality, demo, n in rows.values_list(
        "kind", "municipality", "is_demo", "active_end"
    ):
        key = (kind, municipality, demo)
        totals[key] = totals.get(key, 0) + n
    return totals


def municipality_counts(area: Any, year: int) -> dict[str, int]:
    """{municipality: active on 31 December} (the map's counts)."""
    rows = _rows(AreaYear, area).filter(year=year, active_end__gt=0)
    return dict(rows.values_list("municipality").annotate(n=Sum("active_end")))


def domains(area: Any, year: int) -> dict[str, int]:
    rows = _rows(DomainYear, area).filter(year=year)
    return dict(rows.values_list("domain").annotate(n=Sum("active_end")))


def networks(area: Any, year: int) -> dict[int, int]:
    """{network id: its members among the area's collectives active on 31 December}."""
    rows = _rows(NetworkYear, area).filter(year=year)
    return dict(rows.values_list("network_id").annotate(n=Sum("members")))


def report_sums(area: Any, year: int) -> dict[str, Any]:
    """metrics.social_value's sums over the area's published reports of `year`."""
    found = _rows(ReportYear, area).filter(year=year).aggregate(**{n: Sum(n) for n in REPORT_SUMS})
    return {name: value or 0 for name, value in found.items()}


def indicator_totals(area: Any, year: int) -> dict[str, float]:
    """{indicator: summed quantity} over the outcomes of those reports."""
    rows = _rows(IndicatorYear, area).filter(year=year)
    return dict(rows.values_list("indicator").annotate(n=Sum("quantity")))


def facts(area: Any, year: int) -> dict[str, int | None]:
    """metrics.facts_totals' sums, read off the kept rows."""
    sums = {
        name: Sum(name)
        for name in ("reporting", "active_during")
        + tuple(f"{field}_{part}" for field in FACT_FIELDS for part in ("sum", "reported"))
    }
    found = _rows(AreaYear, area).filter(year=year).aggregate(**sums)
    totals: dict[str, int | None] = {"reporting": found["reporting"] or 0}
    for name in FACT_FIELDS:
        reported = found[f"{name}_reported"] or 0
        # As SQL's SUM: no value reported is no sum ('onbekend'), not zero.
        totals[name] = found[f"{name}_sum"] if reported else None
        totals[f"{name}_reported"] = reported
    totals["active_during_year"] = found["active_during"] or 0
    return totals


def per_kind(
    model, area: Any, years: Iterable[int], *columns: str
) -> dict[tuple[int, str], dict[str, Any]]:
    """{(year, kind): {column: its sum}} over the area's rows of `years` (with a row only)."""
    rows = (
        _rows(model, area)
        .filter(year__in=sorted(years))
        .values("year", "kind")
        .annotate(**{column: Sum(column) for column in columns})
    )
    return {(row.pop("year"), row.pop("kind")): row for row in rows}


def of_kinds(model, area: Any, year: int, *columns: str) -> dict[str, dict[str, Any]]:
    """{kind: {column: its sum}} over the area's rows of one year."""
    return {kind: row for (_year, kind), row in per_kind(model, area, [year], *columns).items()}


def register(area: Any, years: Iterable[int]) -> dict[tuple[int, str], tuple]:
    """{(year, kind): (active on 31 December, members, members reported, volunteers, volunteers
    reported)} over the counted yearly facts; a sum that no one reported is None
    ('onbekend'), as SQL's SUM."""
    parts = [f"{name}_{part}" for name in ("members", "volunteers") for part in ("sum", "reported")]
    return {
        key: (
            found["active_end"],
            found["members_sum"] if found["members_reported"] else None,
            found["members_reported"],
            found["volunteers_sum"] if found["volunteers_reported"] else None,
            found["volunteers_reported"],
        )
        for key, found in per_kind(AreaYear, area, years, "active_end", *parts).items()
    }


def paid_staff(area: Any, year: int) -> tuple[int, int]:
    """(facts that report paid staff, of which more than none) over `year`."""
    found = (
        _rows(AreaYear, area)
        .filter(year=year)
        .aggregate(known=Sum("paid_staff_reported"), with_paid=Sum("paid_staff_positive"))
    )
    return found["known"] or 0, found["with_paid"] or 0


def members_counts(area: Any, year: int) -> list[tuple[int, int]]:
    """[(members, facts reporting that many)] over `year`, fewest members first."""
    rows = _rows(MembersYear, area).filter(year=year).values_list("members")
    return list(rows.annotate(n=Sum("facts")).order_by("members"))


def legal_forms(area: Any, year: int) -> dict[str, int]:
    """{legal form: active periods over the end of `year`}."""
    rows = _rows(LegalFormYear, area).filter(year=year).values_list("legal_form")
    return dict(rows.annotate(n=Sum("periods")))


def cohorts(area: Any) -> list[tuple[int | None, int | None, int]]:
    """survival.first_stops: (founding year, year of the first stop or None, collectives)."""
    rows = _rows(CohortCount, area).values_list("founded_year", "first_stop")
    return list(rows.annotate(n=Sum("collectives")).filter(n__gt=0))


def growth(area: Any, until: int) -> list[dict[str, int]]:
    """metrics.growth: [{year, founded, stopped, active, net}] from FIRST_SERIES_YEAR."""
    rows = (
        _rows(AreaYear, area)
        .filter(year__lte=until)
        .values_list("year")
        .annotate(founded=Sum("founded"), stopped=Sum("stopped"), active=Sum("in_periods"))
    )
    by_year = {year: (founded, stopped, active) for year, founded, stopped, active in rows}
    series = []
    previous = by_year.get(FIRST_KEPT_YEAR, (0, 0, 0))[2]
    for year in range(FIRST_SERIES_YEAR, until + 1):
        founded, stopped, active = by_year.get(year, (0, 0, 0))
        series.append(
            {
                "year": year,
                "founded": founded,
                "stopped": stopped,
                "active": active,
                "net": active - previous,
            }
        )
        previous = active
    return series


# -- keeping up ------------------------------------------------------------------------------


def rebuild() -> int:
    """Every kept row from scratch; returns the number of area rows."""
    with transaction.atomic():
        state = _locked_state()
        token = generation.unpinned().token
        queue = _Queue.read()
        for model in (*KEPT_MODELS, SummarisedCollective):
            model.objects.all().delete()
        written = _write(public_collectives())
        # Writes after `token` are in the data read, and their catch-up will follow them again.
        _delete_pending(queue.ids_except_after(token))
        _settle(state, token)
    return written


def catch_up(**_signal) -> None:
    """Follow the queued writes (the receiver of caching.changes.committed)."""
    with transaction.atomic():
        state = _locked_state()
        token = generation.unpinned().token
        queue = _Queue.read()
        chain = queue.chain(state.token, token)
        if chain is None or chain.everything or state.year != timezone.localdate().year:
            # Written past the queue (demo or reference data, a migration), a write too wide to
            # name its collectives (an admin edit of a network, a large import) or a new year:
            # only a rebuild can tell, and it needs no queue. It runs in the background, not in
            # the writer's request; until it is done readers compute. The first catch-up to see
            # this asks for it, later ones wait for it.
            _delete_pending(queue.ids_except_after(token))
            if state.token:
                transaction.on_commit(rebuild_later.enqueue)
            state.token = ""
            state.save()
            return
        if not chain.ids:
            return
        _recompute(_groups_of(chain.collective_pks))
        _delete_pending(chain.ids)
        _settle(state, token)


class _Chain:
    def __init__(self, rows):
        self.ids = [row[0] for row in rows]
        self.collective_pks = {row[1] for row in rows if row[1] is not None}
        self.everything = any(row[4] for row in rows)


class _Queue:
    """The pending rows: (id, collective, from token, to token, everything)."""

    def __init__(self, rows):
        self.rows = rows
        self.links = {row[2]: row for row in rows if row[2]}

    @classmethod
    def read(cls) -> "_Queue":
        fields = ("id", "collective_id", "from_token", "to_token", "everything")
        return cls(list(PendingChange.objects.order_by("id").values_list(*fields)))

    def _walk(self, start: str, stop: str | None) -> tuple[list[tuple], set[str], bool]:
        """The links from `start` until `stop` (or as far as they go), the tokens they reach,
        and whether they reached `stop`."""
        walked, tokens, token = [], set(), start
        while token != stop and token in self.links and len(walked) <= len(self.links):
            row = self.links[token]
            walked.append(row)
            token = row[3]
            tokens.add(token)
        return walked, tokens, token == stop

    def chain(self, start: str, stop: str) -> _Chain | None:
        """The rows of the writes from generation `start` to `stop`; None when they do not
        lead there."""
        links, tokens, reached = self._walk(start, stop)
        if not reached:
            return None
        marks = [row for row in self.rows if not row[2] and row[3] in tokens]
        return _Chain(links + marks)

    def ids_except_after(self, token: str) -> list[int]:
        """Every row but those of writes after generation `token` (committed while reading)."""
        links, tokens, _reached = self._walk(token, None)
        later = {row[0] for row in links} | {
            row[0] for row in self.rows if not row[2] and row[3] in tokens
        }
        return [row[0] for row in self.rows if row[0] not in later]


@task()
def rebuild_later() -> bool:
    """rebuild_if_stale as a background task (the worker; at once in the demo and the tests)."""
    return rebuild_if_stale()


def rebuild_if_stale() -> bool:
    """Rebuild unless the kept rows are current; whether it rebuilt."""
    now = (generation.unpinned().token, timezone.localdate().year)
    if _state() == now and not PendingChange.objects.exists():
        return False
    rebuild()
    return True


def _locked_state() -> SummaryState:
    # The lock orders concurrent catch-ups: each later one reads data at least as new.
    state = SummaryState.objects.select_for_update().filter(pk=STATE_ROW).first()
    if state is None:
        state = SummaryState.objects.create(pk=STATE_ROW)
    return state


def _settle(state: SummaryState, token: str) -> None:
    """Record the generation the rows are right for: the one read before computing, and only
    if no write came in since (its catch-up, waiting for the lock, will settle)."""
    state.token = token if generation.unpinned().token == token else ""
    state.year = timezone.localdate().year
    state.built_at = timezone.now()
    state.save()


def _delete_pending(ids: list[int]) -> None:
    for start in range(0, len(ids), BATCH):
        PendingChange.objects.filter(id__in=ids[start : start + BATCH]).delete()


def _groups_of(collective_pks: set[int]) -> set[Group]:
    """The groups whose rows a write to these collectives may change: where they are now and
    where they were counted."""
    pks = sorted(collective_pks)
    groups: set[Group] = set()
    for start in range(0, len(pks), BATCH):
        chunk = pks[start : start + BATCH]
        now = Collective.objects.filter(pk__in=chunk)
        groups.update(now.values_list("municipality_id", "kind", "is_demo"))
        counted = SummarisedCollective.objects.filter(collective_id__in=chunk)
        groups.update(counted.values_list("municipality", "kind", "is_demo"))
    return groups


def _recompute(groups: set[Group]) -> None:
    """The rows of these groups from scratch: a write costs the collectives of its own
    municipality, kind and demo mark, not of its whole municipality."""
    ordered = sorted(groups, key=repr)
    for start in range(0, len(ordered), GROUPS_PER_STEP):
        _rewrite(ordered[start : start + GROUPS_PER_STEP])


def _in_groups(groups: list[Group], municipality: str) -> Q:
    return reduce(
        operator.or_,
        (Q(**{municipality: place}, kind=kind, is_demo=demo) for place, kind, demo in groups),
    )


# -- computing -------------------------------------------------------------------------------


class _Chosen(dict[int, tuple[Key, ...]]):
    """{collective: the keys of the rows it counts in (its place first, then each network it is
    a member of now)}, filled by _computed, and the query that chose them."""

    def __init__(self, query: QuerySet[Collective]):
        super().__init__()
        self.ids = query.order_by().values("id")


def _write(collectives: QuerySet[Collective]) -> int:
    """Compute and store the rows of these collectives; returns the number of area rows."""
    written = 0
    for model, fields, rows in _computed(collectives):
        _insert(model, fields, rows)
        written += len(rows) if model is AreaYear else 0
    return written


def _rewrite(groups: list[Group]) -> None:
    """The rows of these groups computed again, and only those that differ written: one
    collective's save changes a few of its group's hundreds of rows, and deleting and inserting
    all of them again, with every index of the tables, cost most of its catch-up."""
    collectives = public_collectives().filter(_in_groups(groups, "municipality_id"))
    for model, fields, rows in _computed(collectives):
        stored: dict[tuple, list[int]] = defaultdict(list)
        in_groups = model.objects.filter(_in_groups(groups, "municipality")).order_by()
        for pk, *values in in_groups.values_list("pk", *fields):
            stored[tuple(values)].append(pk)
        new = []
        for row in rows:
            same = stored.get(row)
            if same:
                same.pop()
            else:
                new.append(row)
        gone = [pk for pks in stored.values() for pk in pks]
        for start in range(0, len(gone), BATCH):
            model.objects.filter(pk__in=gone[start : start + BATCH]).delete()
        _insert(model, fields, new)


def _computed(collectives: QuerySet[Collective]) -> Iterator[tuple[type, tuple[str, ...], list]]:
    """The kept rows of these collectives, one table at a time: (model, fields, rows)."""
    this_year = timezone.localdate().year
    years = range(FIRST_KEPT_YEAR, this_year + 1)
    provinces = dict(Municipality.objects.values_list("code", "province_id"))
    places = _Chosen(collectives)
    area: dict[tuple[Key, int], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    domain_rows: dict[tuple[Key, str, int], int] = defaultdict(int)
    open_since: dict[int, int | None] = {}
    founded_of: dict[int, int | None] = {}
    statuses: dict[int, str] = {}
    for pk, municipality, kind, demo, status, since, founded in collectives.order_by().values_list(
        "id", "municipality_id", "kind", "is_demo", "status", "active_since", "founded_year"
    ):
        places[pk] = ((PLACE_ROWS, municipality, provinces.get(municipality, ""), kind, demo),)
        statuses[pk] = status
        open_since[pk] = since
        founded_of[pk] = founded
    memberships = _memberships(places)
    for pk, held in memberships.items():
        place = places[pk][0]
        places[pk] += tuple((network, *place[1:]) for network, _, until in held if until is None)
    periods, legal_forms = _periods(places, years)
    domains_of = _domains(places)
    network_rows: dict[tuple[Key, int, int], int] = defaultdict(int)
    for pk, keys in places.items():
        ended = [(start, end) for start, end in periods.get(pk, ()) if end < OPEN_END]
        active_end = _active_end_years(statuses[pk], open_since[pk], ended, years, this_year)
        opened = (
            [(open_since[pk], OPEN_END)]
            if statuses[pk] == Status.ACTIEF and open_since[pk] is not None
            else []
        )
        in_periods = _covered(opened + ended, years, inclusive=False, distinct=False)
        active_during = _covered(periods.get(pk, ()), years, inclusive=True, distinct=True)
        held = memberships.get(pk, ())
        # Worked out once per collective, added to each of its keys below.
        networks_at = {year: list(_networks_at(held, year, this_year)) for year in active_end}
        founded = [founded_of[pk]] if founded_of[pk] in years else []
        for key in keys:
            for year in founded:
                area[key, year]["founded"] += 1
            for year, n in active_end.items():
                area[key, year]["active_end"] += n
                for domain in domains_of.get(pk, ()):
                    domain_rows[key, domain, year] += n
                for network in networks_at[year]:
                    network_rows[key, network, year] += n
            for year in in_periods:
                area[key, year]["in_periods"] += 1
            for year in active_during:
                area[key, year]["active_during"] += 1
    first_stops = _add_stops(area, places, years)
    cohort_rows: dict[tuple[Key, int | None, int | None], int] = defaultdict(int)
    for pk, keys in places.items():
        for key in keys:
            cohort_rows[key, founded_of[pk], first_stops.get(pk)] += 1
    members = _add_facts(area, places, periods, years)
    yield (
        SummarisedCollective,
        ("collective_id", "municipality", "kind", "is_demo"),
        [(pk, place[1], place[3], place[4]) for pk, (place, *_) in places.items()],
    )
    columns = (*AREA_COLUMNS, "year")
    counted = [field.name for field in AreaYear._meta.fields if field.name not in ("id", *columns)]
    rows = [
        (*key, year, *(counts.get(name, 0) for name in counted))
        for (key, year), counts in area.items()
        if any(counts.values())
    ]
    yield AreaYear, (*columns, *counted), rows
    yield (
        CohortCount,
        (*AREA_COLUMNS, "founded_year", "first_stop", "collectives"),
        [(*key, founded, stop, n) for (key, founded, stop), n in cohort_rows.items()],
    )
    yield (
        DomainYear,
        (*columns, "domain", "active_end"),
        [(*key, year, domain, n) for (key, domain, year), n in domain_rows.items() if n],
    )
    yield (
        NetworkYear,
        (*columns, "network_id", "members"),
        [(*key, year, network, n) for (key, network, year), n in network_rows.items() if n],
    )
    yield (
        LegalFormYear,
        (*columns, "legal_form", "periods"),
        [(*key, year, form, n) for (key, form, year), n in legal_forms.items()],
    )
    yield (
        MembersYear,
        (*columns, "members", "facts"),
        [(*key, year, value, n) for (key, year, value), n in members.items()],
    )
    reports, indicators = _reports(places, years)
    yield (
        ReportYear,
        (*columns, *REPORT_COLUMNS),
        [
            (*key, year, *(sums.get(name, 0) for name in REPORT_COLUMNS))
            for (key, year), sums in reports.items()
        ],
    )
    yield (
        IndicatorYear,
        (*columns, "indicator", "quantity"),
        [(*key, year, code, total) for (key, code, year), total in indicators.items()],
    )


def _insert(model, fields: tuple[str, ...], rows: list[tuple]) -> None:
    """Plain multi-row INSERTs: a rebuild writes a few hundred thousand rows, which model
    instances and bulk_create would take seconds longer to prepare. Kept rows go in by network,
    year and place, so that a year's rows lie together on disk: an area's figure of one year
    reads a few pages instead of one per row (3× faster nationally on SQLite at 100,000)."""
    if "year" in fields:
        order = ("network", "year", "province", "municipality", "kind")
        at = {name: fields.index(name) for name in order}
        rows = sorted(rows, key=lambda row: tuple(row[i] for i in at.values()))
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(name) for name in fields)
    one_row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    # Below SQLite's limit of bound parameters; PostgreSQL has none that matters here, and
    # fewer, larger statements save it a round trip and a parse each.
    limit = connection.features.max_query_params or ROWS_PER_INSERT * len(fields)
    per_statement = max(1, min(ROWS_PER_INSERT, (limit - 99) // len(fields)))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            values = ", ".join([one_row] * len(chunk))
            cursor.execute(
                f"INSERT INTO {table} ({names}) VALUES {values}",  # noqa: S608 (names are ours)
                [value for row in chunk for value in row],
            )


def _active_end_years(
    status: str,
    since: int | None,
    ended: list[tuple[int, int]],
    years: range,
    this_year: int,
) -> dict[int, int]:
    """{year: how many of history.active_at_end_of's parts hold the collective}: before this
    year, active now since then, and (once) in an ended period over the year's end; this year,
    active now."""
    counts: dict[int, int] = {}
    if status == Status.ACTIEF and since is not None:
        for year in range(max(since, years.start), this_year):
            counts[year] = 1
    for year in _covered(ended, range(years.start, this_year), inclusive=False, distinct=True):
        counts[year] = counts.get(year, 0) + 1
    if status == Status.ACTIEF:
        counts[this_year] = 1
    return counts


def _covered(periods, years: range, inclusive: bool, distinct: bool) -> list[int]:
    """The years of `years` within the periods: start <= year < end (or <= end when inclusive),
    each year once when distinct, else once per period."""
    found: list[int] = []
    for start, end in periods:
        last = end if inclusive else end - 1
        found.extend(range(max(start, years.start), min(last, years.stop - 1) + 1))
    return sorted(set(found)) if distinct else found


def _periods(places: _Chosen, years: range):
    """{collective: [(start, end)]}, and {(key, legal form, year): periods over the year's end}
    (metrics._legal_forms_per_year counts periods, start <= year < end)."""
    found: dict[int, list[tuple[int, int]]] = defaultdict(list)
    forms: dict[tuple[Key, str, int], int] = defaultdict(int)
    rows = ActivePeriod.objects.order_by().values_list(
        "collective_id", "start_year", "end_year", "legal_form"
    )
    for pk, start, end, form in _for_collectives(rows, places):
        found[pk].append((start, end))
        for year in _covered([(start, end)], years, inclusive=False, distinct=False):
            for key in places[pk]:
                forms[key, form, year] += 1
    return found, forms


def _domains(places: _Chosen) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    rows = CollectiveDomain.objects.order_by().values_list("collective_id", "domain")
    for pk, domain in _for_collectives(rows, places):
        found[pk].append(domain)
    return found


def _for_collectives(rows: QuerySet[Any], places: _Chosen, column: str = "collective_id"):
    """The rows about the chosen collectives (their id first, in `column`): the whole table read
    once when they are many (a rebuild), else those of the choosing query (a subquery: a list
    of thousands of ids costs Django more to build than the database to answer)."""
    if len(places) > 20_000:
        return (row for row in rows.iterator(chunk_size=BATCH) if row[0] in places)
    return rows.filter(**{f"{column}__in": places.ids})


def _memberships(places: _Chosen) -> dict[int, list[tuple[int, int | None, int | None]]]:
    """{collective: [(network, since, until)]}: current memberships (until None) and ended ones."""
    found: dict[int, list[tuple[int, int | None, int | None]]] = defaultdict(list)
    current = Membership.objects.order_by().values_list("collective_id", "network_id", "since")
    for pk, network, since in _for_collectives(current, places):
        found[pk].append((network, since, None))
    ended = PastMembership.objects.order_by().values_list(
        "collective_id", "network_id", "since", "until"
    )
    for pk, network, since, until in _for_collectives(ended, places):
        found[pk].append((network, since, until))
    return found


def _networks_at(memberships, year: int, this_year: int) -> Iterable[int]:
    """The network of each membership that held on 31 December of `year` (network_query.
    membership_filters: this year, the current ones; before, those begun by then or of unknown
    start, current or ended after that year)."""
    for network, since, until in memberships:
        begun = since is None or since <= year
        if until is None and (year >= this_year or begun):
            yield network
        elif until is not None and year < this_year and until > year and begun:
            yield network


def _reports(places: _Chosen, years: range):
    """The sums of finance_figures.grants_by_funder (every published report), metrics.
    social_value (those with a present value) and metrics.sdg_contributions (their outcomes
    per indicator) per area row."""
    reports: dict[tuple[Key, int], dict[str, float]] = defaultdict(lambda: defaultdict(int))
    published = ImpactReport.objects.order_by().filter(
        status=ReportStatus.PUBLISHED, year__gte=years.start, year__lt=years.stop
    )
    fields = ("present_value", "inputs_total", "p10", "p90", *ImpactReport.GRANT_FIELDS)
    for pk, year, *values in _for_collectives(
        published.values_list("collective_id", "year", *fields), places
    ):
        for key in places[pk]:
            _add_report(reports[key, year], values)
    indicators: dict[tuple[Key, str, int], float] = defaultdict(float)
    outcomes = (
        ReportOutcome.objects.order_by()
        .filter(report__in=published.filter(present_value__isnull=False))
        .values_list("report__collective_id", "report__year", "indicator_id", "quantity")
    )
    for pk, year, code, quantity in _for_collectives(outcomes, places, "report__collective_id"):
        for key in places[pk]:
            indicators[key, code, year] += quantity
    return reports, indicators


def _add_report(sums: dict[str, float], values: list) -> None:
    """One published report's grants, and its value when it has one, added to a row's sums."""
    value, inputs, p10, p90, *grants = values
    sums["published"] += 1
    for name, grant in zip(ImpactReport.GRANT_FIELDS, grants, strict=True):
        sums[name] += grant
    if value is None:
        return
    sums["reports"] += 1
    sums["present_value"] += value
    sums["inputs"] += inputs or 0
    if p10 is not None and p90 is not None:
        sums["with_bounds"] += 1
        sums["lower"] += min(p10, value)
        sums["upper"] += max(p90, value)


def _add_stops(area, places: _Chosen, years: range) -> dict[int, int]:
    """Count the stops per year; returns each stopped collective's first stop year."""
    stops = LifeEvent.objects.filter(kind=EventKind.GESTOPT).values_list("collective_id", "year")
    first: dict[int, int] = {}
    for pk, year in _for_collectives(stops.order_by(), places):
        first[pk] = min(year, first.get(pk, year))
        if year in years:
            for key in places[pk]:
                area[key, year]["stopped"] += 1
    return first


def _add_facts(area, places: _Chosen, periods, years: range) -> dict[tuple[Key, int, int], int]:
    """The counted yearly facts of collectives active during the facts' year (metrics.
    counted_facts), that year looked up in the periods already read; returns how many facts
    report each number of members, {(key, year, members): facts}."""
    members: dict[tuple[Key, int, int], int] = defaultdict(int)
    facts = (
        YearlyFacts.counted()
        .filter(year__gte=years.start, year__lt=years.stop)
        .order_by()
        .values_list("collective_id", "year", *SUMMED_FACTS)
    )
    for pk, year, *values in _for_collectives(facts, places):
        if not any(start <= year <= end for start, end in periods.get(pk, ())):
            continue
        reported = dict(zip(SUMMED_FACTS, values, strict=True))
        for key in places[pk]:
            counts = area[key, year]
            counts["reporting"] += 1
            for name, value in reported.items():
                if value is not None:
                    counts[f"{name}_sum"] += value
                    counts[f"{name}_reported"] += 1
            if reported["paid_staff"]:
                counts["paid_staff_positive"] += 1
            if reported["members"] is not None:
                members[key, year, reported["members"]] += 1
    return members
