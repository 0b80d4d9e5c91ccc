"""`active_in`: the collectives active on 31 December of a year, by their life-cycle events, in
the list, the map and the directory; a year outside the history is refused in Dutch."""

import datetime

import pytest

from opmars.registry import actions
from tests.api.conftest import slugs

pytestmark = pytest.mark.django_db
THIS_YEAR = datetime.date.today().year


@pytest.fixture
def lives(make_collective, editor_user):
    young = make_collective(name="Jonge Kring", founded_year=2022)
    sleeping = make_collective(
        name="Slapende Kring", founded_year=2015, status="slapend", status_year=2020
    )
    revived = make_collective(name="Herleefde Kring", founded_year=2012)
    for status, year in (("slapend", 2017), ("actief", 2021)):
        data = {**actions.collective_form_initial(revived), "status": status, "status_year": year}
        actions.update_collective(editor_user, revived, data)
    return young, sleeping, revived


def test_a_past_year_lists_who_was_active_then(api_get, lives):
    young, sleeping, revived = lives
    assert set(slugs(api_get("/collectives", active_in=2016))) == {sleeping.slug, revived.slug}
    assert set(slugs(api_get("/collectives", active_in=2018))) == {sleeping.slug}
    assert set(slugs(api_get("/collectives", active_in=2021))) == {revived.slug}
    assert set(slugs(api_get("/collectives", active_in=2023))) == {young.slug, revived.slug}


def test_this_year_means_now(api_get, lives):
    now = set(slugs(api_get("/collectives", status="actief")))
    assert set(slugs(api_get("/collectives", active_in=THIS_YEAR))) == now


@pytest.mark.parametrize(
    ("value", "code"),
    [("1700", "buiten_bereik"), (str(THIS_YEAR + 1), "buiten_bereik"), ("vorig jaar", "geen_getal"),
     ("", "leeg")],
)  # fmt: skip
def test_a_year_outside_the_history_is_refused(api_get, value, code):
    answer = api_get("/collectives", active_in=value)
    assert answer.status_code == 400
    errors = [e for e in answer.json()["errors"] if e["field"] == "active_in"]
    assert [e["code"] for e in errors] == [code]
    assert "active_in" in errors[0]["message"]


def test_the_directory_offers_it_and_says_what_it_is(client, lives):
    page = client.get("/collectieven/", {"active_in": 2018}).content.decode()
    assert "Actief op 31 december van" in page
    assert "Slapende Kring" in page and "Jonge Kring" not in page
