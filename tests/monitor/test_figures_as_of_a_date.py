"""A figure for a past year is computed as of 31 December of that year from the collectives'
events: what happens today moves no figure of an earlier year on any path, and a corrected past
event moves exactly the years it touches."""

import datetime

import pytest
from django.utils import timezone

from opmars.monitor import metrics, report
from opmars.registry import actions
from opmars.registry.models import YearlyFacts

pytestmark = pytest.mark.django_db
THIS_YEAR = datetime.date.today().year
YEARS = range(2016, THIS_YEAR)
CODE = "GM0363"


@pytest.fixture
def place(make_collective, editor_user):
    """Three collectives in one municipality: active since 2010, dormant since 2019 (with facts
    for 2018 and, wrongly, 2024), and stopped in 2021."""
    steady = make_collective(name="Buurtkracht Vast", founded_year=2010, municipality=CODE)
    dormant = make_collective(
        name="Wijkraad Slaap", founded_year=2012, status="slapend", status_year=2019,
        municipality=CODE,
    )  # fmt: skip
    stopped = make_collective(
        name="Zorgcoöp Stop", founded_year=2014, status="gestopt", status_year=2021,
        municipality=CODE,
    )  # fmt: skip
    for collective, year, members in [
        (steady, 2019, 10), (dormant, 2018, 20), (dormant, 2024, 30), (stopped, 2020, 40),
    ]:  # fmt: skip
        actions.save_yearly_facts(editor_user, collective, {"year": year, "members": members})
    # The form refuses a year after the stop; an older installation may hold one all the same.
    YearlyFacts.objects.create(collective=stopped, year=2023, members=50)
    return steady, dormant, stopped


def active_in(client, year):
    """Who was active on 31 December of `year` as the directory, the API list, the map and
    the export show it (their `active_in` filter)."""
    where = {"municipality": CODE, "active_in": year}
    listed = client.get("/api/v1/collectives", where).json()
    zoomed_out = client.get("/api/v1/map", {**where, "zoom": 7}).json()
    page = client.get("/collectieven/", where)
    export = client.get("/export/collectieven.csv", where)
    return {
        "directory": page.context["total"],
        "list": sorted(item["slug"] for item in listed["items"]),
        "map": {item["code"]: item["count"] for item in zoomed_out["items"]},
        "export": b"".join(export.streaming_content).decode("utf-8-sig").count("\n") - 1,
    }


def every_path(client):
    """The figure of each earlier year as each path shows it."""
    area = metrics.municipality_area(CODE)
    shown = {}
    for year in YEARS:
        stats = client.get(f"/api/v1/stats/municipalities/{CODE}", {"year": year}).json()
        page = client.get(f"/monitor/gemeenten/{CODE}/rapport/", {"jaar": year})
        csv = client.get(f"/monitor/gemeenten/{CODE}/rapport.csv", {"jaar": year}).content
        shown[year] = {
            "monitor": metrics.summary(area, year)["active_collectives"],
            "members": metrics.summary(area, year)["members"],
            "stats": (stats["active_collectives"], stats["active_end_of_year"], stats["members"]),
            "growth": [row["value"] for row in stats["active"]],
            "report": report.report_content(area, year)["figures"]["active_collectives"],
            "report page": page.status_code,
            # Every cell but the last column, the data date (when the data was last written).
            "csv": [line.rsplit(";", 1)[0] for line in csv.decode("utf-8-sig").splitlines()],
            "legal forms": report.legal_forms(area, year),
            "directory, list, map and export": active_in(client, year),
        }
    return shown


def test_the_figures_of_past_years_follow_the_events(place, client):
    area = metrics.municipality_area(CODE)
    counts = {year: metrics.summary(area, year)["active_collectives"] for year in YEARS}
    assert counts[2018] == 3  # all three
    assert counts[2019] == 2  # dormant since 2019
    assert counts[2021] == 1  # and one stopped in 2021
    for year in YEARS:  # the directory, the API list, the map and the export agree
        paths = active_in(client, year)
        assert paths["directory"] == len(paths["list"]) == paths["export"] == counts[year]
        assert paths["map"] == {CODE: counts[year]}
    # A report for a year equals its own growth table.
    for year in YEARS:
        figures = metrics.summary(area, year)
        assert figures["active_collectives"] == figures["growth"][-1]["active"]
        assert figures["active_end_of_year"] == figures["active_collectives"]


def test_facts_after_a_stop_or_of_a_dormant_year_do_not_count(place):
    area = metrics.municipality_area(CODE)
    assert metrics.summary(area, 2018)["members"] == 20
    assert metrics.summary(area, 2020)["members"] == 40  # stopped in 2021: 2020 counts
    assert metrics.summary(area, 2023)["members"] is None  # stopped: 50 does not count
    assert metrics.summary(area, 2024)["members"] is None  # dormant the whole year: 30 neither


def test_a_status_change_today_moves_no_earlier_year_on_any_path(place, client, editor_user):
    _steady, dormant, _stopped = place
    before = every_path(client)
    today_count = metrics.summary(metrics.municipality_area(CODE), THIS_YEAR)["active_collectives"]
    data = {**actions.collective_form_initial(dormant), "status": "actief", "status_year": None}
    actions.update_collective(editor_user, dormant, data)
    assert every_path(client) == before
    after = metrics.summary(metrics.municipality_area(CODE), THIS_YEAR)["active_collectives"]
    assert after == today_count + 1
    listed = client.get("/api/v1/collectives", {"municipality": CODE, "status": "actief"})
    assert listed.json()["count"] == after


def test_an_event_dated_today_through_the_api_moves_no_earlier_year(
    place, client, api_write, write_token
):
    steady, _dormant, _stopped = place
    before = every_path(client)
    _token, secret = write_token
    body = {
        "kind": "rechtsvorm",
        "date": timezone.localdate().isoformat(),
        "legal_form": "stichting",
    }
    answer = api_write("POST", f"/collectives/{steady.slug}/events", body, secret)
    assert answer.status_code == 201, answer.content
    stopped = {"status": "gestopt"}
    assert api_write("PATCH", f"/collectives/{steady.slug}", stopped, secret).status_code == 200
    assert every_path(client) == before
    events = client.get(f"/api/v1/collectives/{steady.slug}/events").json()
    assert [item["kind"] for item in events["items"]][-2:] == ["rechtsvorm", "gestopt"]
    assert events["items"][-1]["date"] == timezone.localdate().isoformat()


def test_correcting_a_2019_event_changes_2019_and_shows_on_the_page(place, client, editor_user):
    _steady, dormant, _stopped = place
    area = metrics.municipality_area(CODE)
    before = {year: metrics.summary(area, year)["active_collectives"] for year in YEARS}
    event = dormant.events.get(kind="slapend")
    actions.correct_event(editor_user, dormant, event, {"date": "2021-06-30"})
    after = {year: metrics.summary(area, year)["active_collectives"] for year in YEARS}
    assert after[2019] == before[2019] + 1 and after[2020] == before[2020] + 1
    assert {y: after[y] for y in YEARS if y not in (2019, 2020)} == {
        y: before[y] for y in YEARS if y not in (2019, 2020)
    }
    page = client.get(f"/collectieven/{dormant.slug}/").content.decode()
    assert "gecorrigeerd op" in page
    history_page = client.get(f"/collectieven/{dormant.slug}/geschiedenis/").content.decode()
    assert "30 juni 2021" in history_page and "was 2019-01-01" in history_page


def test_the_report_appendix_lists_the_status_at_the_end_of_its_year(place, client):
    rows = client.get(f"/monitor/gemeenten/{CODE}/rapport.csv", {"jaar": 2018}).content
    text = rows.decode("utf-8-sig")
    assert "Wijkraad Slaap;" in text and ";actief;" in text
    assert ";slapend;" not in text and ";gestopt;" not in text
    later = client.get(f"/monitor/gemeenten/{CODE}/rapport.csv", {"jaar": 2022}).content
    assert ";gestopt;2021;" in later.decode("utf-8-sig")
