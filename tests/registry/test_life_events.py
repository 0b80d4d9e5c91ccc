"""A collective's life is a list of dated events: every write path records what it changes,
the whole life is checked, a correction stays visible, and older records are reconstructed."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from opmars.registry import actions, history
from opmars.registry.models import ActivePeriod, Collective, LifeEvent
from tests.conftest import collective_data

pytestmark = pytest.mark.django_db


ONE_DAY = datetime.timedelta(days=1)


def today():
    """The site's date when the test runs (not when it was collected: a run may cross midnight)."""
    return timezone.localdate()


def kinds(collective):
    return [(e.kind, e.date.year, e.precision) for e in collective.events.order_by("date", "id")]


def periods(collective):
    return sorted(
        ActivePeriod.objects.filter(collective=collective).values_list("start_year", "end_year")
    )


def edit(collective, user, **changes):
    data = {**actions.collective_form_initial(collective), **changes}
    return actions.update_collective(user, collective, data)


def test_a_new_collective_starts_with_its_founding(make_collective):
    collective = make_collective(founded_year=2015)
    assert kinds(collective) == [("opgericht", 2015, "jaar")]
    assert periods(collective) == [(2015, 9999)]
    event = collective.events.get()
    assert event.source == history.SOURCE_FORM and event.actor != ""


def test_a_stopped_collective_registered_with_its_year_has_both_events(make_collective):
    collective = make_collective(founded_year=2010, status="gestopt", status_year=2020)
    assert kinds(collective) == [("opgericht", 2010, "jaar"), ("gestopt", 2020, "jaar")]
    assert periods(collective) == [(2010, 2020)]


def test_a_status_change_today_is_an_event_dated_today(make_collective, editor_user):
    collective = make_collective(founded_year=2015)
    edit(collective, editor_user, status="slapend")
    collective.refresh_from_db()
    last = collective.events.order_by("date", "id").last()
    assert (last.kind, last.date, last.precision) == ("slapend", today(), "dag")
    assert collective.status_year == today().year
    assert periods(collective) == [(2015, today().year)]


def test_the_editor_may_date_a_status_change_in_an_earlier_year(make_collective, editor_user):
    collective = make_collective(founded_year=2015)
    edit(collective, editor_user, status="gestopt", status_year=2019)
    assert kinds(collective)[-1] == ("gestopt", 2019, "jaar")
    assert periods(collective) == [(2015, 2019)]


def test_reactivating_records_a_new_start_and_a_second_period(make_collective, editor_user):
    collective = make_collective(founded_year=2010, status="slapend", status_year=2018)
    edit(collective, editor_user, status="actief", status_year=None)
    assert [k for k, _y, _p in kinds(collective)] == ["opgericht", "slapend", "heractiveerd"]
    assert periods(collective) == [(2010, 2018), (today().year, 9999)]


def test_a_new_legal_form_splits_the_period_and_keeps_the_old_form(make_collective, editor_user):
    collective = make_collective(founded_year=2010, legal_form="vereniging")
    edit(collective, editor_user, legal_form="cooperatie_ua")
    event = collective.events.get(kind="rechtsvorm")
    assert event.detail == {"from": "vereniging", "to": "cooperatie_ua"}
    rows = ActivePeriod.objects.filter(collective=collective).order_by("start_year")
    assert [(p.start_year, p.end_year, p.legal_form) for p in rows] == [
        (2010, today().year, "vereniging"),
        (today().year, 9999, "cooperatie_ua"),
    ]


def test_a_changed_founding_year_corrects_the_founding_visibly(make_collective, editor_user):
    collective = make_collective(founded_year=2015)
    edit(collective, editor_user, founded_year=2012)
    founding = collective.events.get(kind="opgericht")
    assert founding.date == datetime.date(2012, 1, 1)
    assert founding.corrections[0]["from"] == "2015-01-01"
    assert periods(collective) == [(2012, 9999)]


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"kind": "slapend", "date": "next year"}, "date", "toekomst"),
        ({"kind": "slapend", "date": "tomorrow"}, "date", "toekomst"),
        ({"kind": "slapend", "date": "2009"}, "date", "vóór de oprichting"),
        ({"kind": "verhuisd", "date": "2019"}, "kind", "verhuisd"),
        ({"kind": "rechtsvorm", "date": "2019"}, "legal_form", "rechtsvorm"),
        ({"kind": "opgericht", "date": "2012"}, "date", "al een oprichting"),
    ],
)  # fmt: skip
def test_an_event_that_does_not_fit_the_life_is_refused_and_nothing_saved(
    make_collective, editor_user, data, field, words
):
    collective = make_collective(founded_year=2010)
    before = list(collective.events.values_list("pk", "kind", "date"))
    # Dates after today are made when the test runs: a run may cross midnight.
    future = {"next year": str(today().year + 1), "tomorrow": str(today() + ONE_DAY)}
    data = {**data, "date": future.get(data["date"], data["date"])}
    with pytest.raises(actions.ActionError) as refused:
        actions.add_event(editor_user, collective, data)
    assert refused.value.errors[0]["field"] == field
    assert words in refused.value.errors[0]["message"]
    assert list(collective.events.values_list("pk", "kind", "date")) == before
    collective.refresh_from_db()
    assert collective.status == "actief"


def test_after_a_stop_only_a_new_start_may_follow(make_collective, editor_user):
    collective = make_collective(founded_year=2010, status="gestopt", status_year=2019)
    with pytest.raises(actions.ActionError) as refused:
        actions.add_event(editor_user, collective, {"kind": "slapend", "date": "2021"})
    assert "weer actief" in refused.value.errors[0]["message"]
    actions.add_event(editor_user, collective, {"kind": "heractiveerd", "date": "2021"})
    collective.refresh_from_db()
    assert (collective.status, collective.status_year) == ("actief", 2021)
    assert periods(collective) == [(2010, 2019), (2021, 9999)]


def test_a_form_edit_that_makes_the_life_impossible_is_refused(make_collective, editor_user):
    collective = make_collective(founded_year=2010)
    new_form = {"kind": "rechtsvorm", "date": "2015", "legal_form": "stichting"}
    actions.add_event(editor_user, collective, new_form)
    collective.refresh_from_db()
    assert collective.legal_form == "stichting"
    with pytest.raises(actions.ActionError) as refused:
        edit(collective, editor_user, founded_year=2017)
    assert refused.value.errors[0]["field"] == "founded_year"
    assert Collective.objects.get(pk=collective.pk).founded_year == 2010


def test_correcting_an_event_keeps_the_correction(make_collective, editor_user, client):
    collective = make_collective(founded_year=2010, status="gestopt", status_year=2021)
    stop = collective.events.get(kind="gestopt")
    actions.correct_event(editor_user, collective, stop, {"date": "2019", "source": "KvK"})
    stop.refresh_from_db()
    assert stop.date == datetime.date(2019, 1, 1)
    assert stop.corrections[-1]["from"] == "2021-01-01"
    collective.refresh_from_db()
    assert collective.status_year == 2019
    assert periods(collective) == [(2010, 2019)]
    page = client.get(f"/collectieven/{collective.slug}/").content.decode()
    assert "gecorrigeerd op" in page and "2021-01-01" in page


def test_joining_and_leaving_a_network_are_events(make_collective, editor_user, staff_user):
    from opmars.networks import actions as network_actions
    from opmars.networks.models import Network

    collective = make_collective(founded_year=2010)
    network = Network.objects.create(slug="n", name="Netwerk N", kind="thematisch")
    network.admins.add(staff_user)
    pending = network_actions.invite(staff_user, network, collective)
    network_actions.accept(editor_user, pending)
    network_actions.remove_member(staff_user, network, collective)
    assert [k for k, _y, _p in kinds(collective)][-2:] == ["lid_netwerk", "uit_netwerk"]
    assert collective.events.get(kind="lid_netwerk").detail["name"] == "Netwerk N"


def test_the_first_year_with_paid_staff_is_an_event(make_collective, editor_user):
    collective = make_collective(founded_year=2010)
    actions.save_yearly_facts(editor_user, collective, {"year": 2022, "paid_staff": 1})
    actions.save_yearly_facts(editor_user, collective, {"year": 2020, "paid_staff": 2})
    actions.save_yearly_facts(editor_user, collective, {"year": 2023, "paid_staff": 3})
    assert list(
        collective.events.filter(kind="betaalde_kracht").values_list("year", flat=True)
    ) == [2020]


def test_the_migration_reconstructs_events_from_what_a_record_holds(make_collective, editor_user):
    collective = make_collective(founded_year=2011)
    edit(collective, editor_user, status="slapend")  # the audit log has this change, dated today
    other = make_collective(founded_year=None, status="gestopt", status_year=2020)
    LifeEvent.objects.all().delete()
    ActivePeriod.objects.all().delete()
    migration = importlib.import_module("opmars.registry.migrations.0009_life_events")
    migration.reconstruct(apps, None)
    assert kinds(collective) == [("opgericht", 2011, "jaar"), ("slapend", today().year, "dag")]
    assert all(e.reconstructed for e in LifeEvent.objects.all())
    assert [k for k, _y, _p in kinds(other)] == ["actief", "gestopt"]
    assert periods(collective) == [(2011, today().year)]


def test_a_merge_is_an_event_of_the_kept_record(make_collective, staff_user):
    from opmars.dataio import actions as dataio_actions
    from opmars.dataio.models import DuplicateCandidate

    keep = make_collective(name="Dorpsraad Merge", founded_year=2010)
    other = make_collective(name="Dorpsraad Merge 2", founded_year=2010)
    pair = DuplicateCandidate.objects.create(first=keep, second=other, reason="test")
    dataio_actions.merge_collectives(staff_user, pair, keep)
    event = keep.events.get(kind="samengevoegd")
    assert event.detail["merged"] == "Dorpsraad Merge 2"
    assert event.source == history.SOURCE_MERGE


def test_collective_data_fixture_is_unchanged():
    # The shared fixture registers collectives founded in 2015: the tests above rely on it.
    assert collective_data()["founded_year"] == 2015


def test_staff_verification_records_that_the_collective_was_seen_active(
    make_collective, staff_user
):
    collective = make_collective(founded_year=2010)
    actions.verify_collective(staff_user, collective)
    seen = collective.events.order_by("date", "id").last()
    assert (seen.kind, seen.date, seen.source) == ("actief", today(), history.SOURCE_STAFF)
    assert periods(collective) == [(2010, 9999)]  # nothing changes in its periods


def test_active_since_and_the_fast_counts_agree_with_the_periods(make_collective, editor_user):
    from opmars.monitor import metrics

    made = [
        make_collective(founded_year=2008),
        make_collective(founded_year=2010, status="gestopt", status_year=2016),
        make_collective(founded_year=2012, status="slapend", status_year=2014),
        make_collective(founded_year=None),
    ]
    edit(made[2], editor_user, status="actief", status_year=None)
    actions.add_event(editor_user, made[0], {"kind": "slapend", "date": "2015"})
    actions.add_event(editor_user, made[0], {"kind": "heractiveerd", "date": "2019"})
    actions.add_event(
        editor_user, made[1], {"kind": "rechtsvorm", "date": "2013", "legal_form": "stichting"}
    )
    for collective in Collective.objects.all():
        open_periods = collective.periods.filter(end_year=9999)
        expected = open_periods.get().start_year if open_periods.exists() else None
        assert collective.active_since == expected, collective.name
    national = metrics.national()
    for year in range(2005, today().year + 1):
        by_periods = ActivePeriod.objects.filter(start_year__lte=year, end_year__gt=year).count()
        assert metrics.active_collectives(national, year) == by_periods, year
        during = ActivePeriod.objects.filter(start_year__lte=year, end_year__gte=year)
        expected = during.values("collective_id").distinct().count()
        assert metrics.facts_totals(national, year)["active_during_year"] == expected, year
