"""Professionalisation over time: the share with paid staff and the median members among the
collectives that reported them in a year, and the legal forms they had at that year's end."""

import pytest

from opmars.monitor import metrics
from opmars.registry import actions

pytestmark = pytest.mark.django_db


def test_paid_staff_share_median_members_and_legal_forms_per_year(make_collective, editor_user):
    one = make_collective(founded_year=2010, legal_form="vereniging")
    two = make_collective(founded_year=2010, legal_form="vereniging")
    three = make_collective(founded_year=2010, legal_form="stichting", status="gestopt",
                            status_year=2018)  # fmt: skip
    for collective, year, members, paid in [
        (one, 2015, 10, 0), (two, 2015, 30, 1), (three, 2015, 20, None),
        (one, 2020, 12, 2), (two, 2020, None, 1),
    ]:  # fmt: skip
        data = {"year": year, "members": members, "paid_staff": paid}
        actions.save_yearly_facts(editor_user, collective, data)
    actions.add_event(
        editor_user, one, {"kind": "rechtsvorm", "date": "2019", "legal_form": "cooperatie_ua"}
    )
    rows = {r["year"]: r for r in metrics.professionalisation(metrics.national(), [2015, 2020])}
    assert (rows[2015]["paid_share"], rows[2015]["paid_reported"]) == (0.5, 2)
    assert (rows[2015]["median_members"], rows[2015]["members_reported"]) == (20, 3)
    assert (rows[2020]["paid_share"], rows[2020]["median_members"]) == (1.0, 12)
    forms_2015 = {f["code"]: f["count"] for f in rows[2015]["legal_forms"]}
    forms_2020 = {f["code"]: f["count"] for f in rows[2020]["legal_forms"]}
    assert forms_2015 == {"vereniging": 2, "stichting": 1}
    assert forms_2020 == {"vereniging": 1, "cooperatie_ua": 1}  # the stichting stopped in 2018
    assert rows[2020]["active"] == 2


def test_a_year_nobody_reported_is_unknown_not_zero(make_collective):
    make_collective(founded_year=2010)
    [row] = metrics.professionalisation(metrics.national(), [2016])
    assert row["paid_share"] is None and row["median_members"] is None
    assert row["paid_reported"] == row["members_reported"] == 0
