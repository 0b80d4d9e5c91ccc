"""The area figures kept on write (monitor/summaries.py, decision 0055) equal the figures computed
from scratch after any sequence of writes through the service functions, on both databases."""

import datetime
import statistics

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opmars.caching import changes, generation
from opmars.caching.models import PendingChange
from opmars.common.errors import ActionError
from opmars.impact import actions as impact_actions
from opmars.monitor import finance_figures, metrics, movement, summaries, survival
from opmars.networks import actions as network_actions
from opmars.networks.models import Membership, Network, PastMembership
from opmars.registry import actions
from opmars.registry.models import Collective
from tests.conftest import collective_data
from tests.impact.test_reports import form_data

THIS_YEAR = datetime.date.today().year
# Amsterdam and Haarlem in one province, Utrecht in another.
PLACES = ["GM0363", "GM0392", "GM0344"]
KINDS = ["buurtcooperatie", "energiecooperatie"]
YEARS = [2008, 2016, THIS_YEAR - 1, THIS_YEAR]

create = st.tuples(
    st.just("create"),
    st.sampled_from(PLACES),
    st.sampled_from(KINDS),
    st.integers(2000, THIS_YEAR - 1),
    st.booleans(),
)
move = st.tuples(st.just("move"), st.integers(0, 5), st.sampled_from(PLACES))
rekind = st.tuples(st.just("kind"), st.integers(0, 5), st.sampled_from(KINDS))
event = st.tuples(
    st.just("event"),
    st.integers(0, 5),
    st.sampled_from(["slapend", "gestopt", "heractiveerd"]),
    # Often one of the years compared: a period that ends in it is a boundary case.
    st.one_of(st.sampled_from(YEARS), st.integers(2005, THIS_YEAR)),
)
facts = st.tuples(
    st.just("facts"),
    st.integers(0, 5),
    st.sampled_from(YEARS[:-1]),
    st.one_of(st.none(), st.integers(0, 500)),
    st.one_of(st.none(), st.integers(0, 50)),
    st.sampled_from([None, 0, 2]),  # paid staff: none is not 0
    st.one_of(st.none(), st.integers(0, 20_000)),  # income from grants, euro
)
# Through the networks' service functions: joined this year, left this year.
join = st.tuples(st.just("join"), st.integers(0, 5), st.integers(0, 1))
leave = st.tuples(st.just("leave"), st.integers(0, 5), st.integers(0, 1))
# Memberships of earlier years, as a network's import of its history would write them.
past_membership = st.tuples(
    st.just("past_membership"),
    st.integers(0, 5),
    st.integers(0, 1),
    st.one_of(st.none(), st.integers(2005, THIS_YEAR)),
    st.one_of(st.none(), st.integers(2006, THIS_YEAR)),
)
report = st.tuples(
    st.just("report"),
    st.integers(0, 5),
    st.sampled_from(YEARS[1:3]),
    st.integers(1, 80),
    st.booleans(),
)
# A few collectives first, so that every later write has one to be about (drawn at random from
# the start, most sequences wrote to nobody, and a network never had a member).
writes = st.tuples(
    st.lists(create, min_size=1, max_size=3),
    st.lists(
        st.one_of(create, move, rekind, event, facts, join, leave, past_membership, report),
        max_size=10,
    ),
).map(lambda parts: parts[0] + parts[1])


def apply(user, write, made):
    """One write through its service function; a refused one (a stop before the founding, …)
    changes nothing, as for a user."""
    what, *args = write
    if what == "create":
        place, kind, founded, demo = args
        made.append(_create(user, place, kind, founded, demo))
        return
    if not made:
        return
    collective = Collective.objects.get(pk=made[args[0] % len(made)].pk)
    try:
        if what == "move":
            _edit(user, collective, municipality=args[1])
        elif what == "kind":
            _edit(user, collective, kind=args[1])
        elif what == "event":
            actions.add_event(user, collective, {"kind": args[1], "date": str(args[2])})
        elif what in ("join", "leave", "past_membership"):
            _membership(user, collective, what, *args[1:])
        elif what == "report":
            _report(user, collective, *args[1:])
        else:
            year, members, volunteers, paid_staff, grants = args[1:]
            data = {"year": year, "members": members, "volunteers": volunteers,
                    "paid_staff": paid_staff, "income_grants": grants}  # fmt: skip
            given = {k: v for k, v in data.items() if v is not None}
            actions.save_yearly_facts(user, collective, given)
    except ActionError:
        pass


def _membership(user, collective, what, network_index, *years):
    network = Network.objects.order_by("slug")[network_index]
    if what == "join":
        network_actions.invite(user, network, collective)
        network_actions.request_membership(user, network, collective)
    elif what == "leave":
        network_actions.remove_member(user, network, collective)
    else:
        since, until = years
        if until is None:
            Membership.objects.update_or_create(
                network=network, collective=collective, defaults={"since": since}
            )
        else:
            PastMembership.objects.create(
                network=network, collective=collective, since=since, until=until
            )
        changes.record_write(collective.pk)


def _report(user, collective, year, quantity, publish):
    existing = collective.impact_reports.filter(year=year).first()
    # A report with a range (low and high estimates around the quantity) or with none.
    given = {"quantity": str(quantity), "quantity_low": "", "quantity_high": ""}
    if quantity % 2:
        given.update(quantity_low=str(quantity - 1), quantity_high=str(quantity + 1))
    report = impact_actions.save_report(user, collective, form_data(year=year, **given), existing)
    if publish:
        impact_actions.publish_report(user, report)


def _create(user, place, kind, founded, demo):
    data = collective_data(municipality=place, kind=kind, founded_year=founded)
    return actions.create_collective(user, data, is_demo=demo)


def _edit(user, collective, **changes):
    data = {**actions.collective_form_initial(collective), **changes}
    actions.update_collective(user, collective, data)


def areas():
    return [
        metrics.national(),
        metrics.province_area("PV27"),
        metrics.province_area("PV26"),
        *(metrics.municipality_area(code) for code in PLACES),
        *(metrics.kind_area(kind) for kind in KINDS),
        # The two networks the writes join and leave (_membership).
        *(metrics.network_area(network.slug) for network in Network.objects.order_by("slug")[:2]),
    ]


def figures(area, year):
    return {
        "facts": metrics.facts_totals(area, year),
        "growth": metrics.growth(area, year),
        "profile": metrics.area_profile(area, year),
        "kinds": metrics.by_kind(area, year),
        "domains": metrics.by_domain(area, year),
        "active": metrics.active_collectives(area, year),
        "networks": metrics.networks_present(area, year),
        "social value": metrics.social_value(area, year),
        "sdg": metrics.sdg_contributions(area, year),
        "income": finance_figures.income_by_kind(area, year),
        "grants": finance_figures.grants_by_funder(area, year),
        # The register's side of the movement estimate (national only).
        "register": movement.register_figures({year}) if area.scope == "national" else None,
    }


def figures_of_all_years(area):
    """The figures that cover every year at once: asked once per area, not once per year."""
    return {
        "map": metrics.by_municipality(area),
        "professionalisation": metrics.professionalisation(area, YEARS),
        "survival": survival.cohort_survival(area),
    }


def every_figure(area):
    found = {(area.code, year): figures(area, year) for year in YEARS}
    found[area.code, "all years"] = figures_of_all_years(area)
    return found


def kept_and_computed(monkeypatch):
    """Every area's figures read from the kept rows, and computed from scratch."""
    kept, computed = {}, {}
    with generation.pinned():
        for area in areas():
            for year in YEARS:
                assert summaries.usable(area, year), (area.code, year)
            kept.update(every_figure(area))
    with monkeypatch.context() as patch:
        patch.setattr(summaries, "usable", lambda area, year: False)
        for area in areas():
            computed.update(every_figure(area))
    return kept, computed


@given(counts=st.dictionaries(st.integers(0, 400), st.integers(1, 5), max_size=30))
def test_the_median_of_counted_values_is_the_median_of_the_values(counts):
    ordered = sorted(counts.items())
    values = [value for value, n in ordered for _ in range(n)]
    expected = statistics.median(values) if values else None
    assert metrics.median_of_counts(ordered) == expected


@pytest.mark.django_db
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(writes=writes)
def test_kept_figures_equal_a_computation_from_scratch(
    writes, staff_user, monkeypatch, django_capture_on_commit_callbacks
):
    with transaction.atomic():
        for n in range(2):
            Network.objects.create(slug=f"netwerk-{n}", name=f"Netwerk {n}", kind="regionaal")
        summaries.rebuild()
        made = []
        for write in writes:
            # Each write commits on its own, as in a request: its catch-up runs after it.
            with django_capture_on_commit_callbacks(execute=True):
                apply(staff_user, write, made)
        kept, computed = kept_and_computed(monkeypatch)
        assert not PendingChange.objects.exists()
        for key, figures_kept in kept.items():
            assert figures_kept == computed[key], key
        transaction.set_rollback(True)
