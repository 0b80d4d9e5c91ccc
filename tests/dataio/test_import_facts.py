"""Importing yearly facts: found by KvK, slug or name + municipality; upsert per year."""

import pytest

from opmars.dataio.importing import CREATE, ERROR, UNCHANGED, UPDATE
from opmars.registry.models import YearlyFacts
from tests.dataio.helpers import run, write

pytestmark = pytest.mark.django_db


def test_facts_with_dutch_numbers_upsert_per_year(tmp_path, staff_user, make_collective):
    make_collective(name="Zorgcoöperatie Hoeve", kvk_number="11112222", founded_year=2010)
    text = (
        "KvK;Jaar;Leden;Vrijwilligers;Subsidies\r\n"
        "11112222;2023;1.234;40;€ 4.000\r\n"
        "11112222;2024;1.300;;\r\n"
        "11112222;2005;10;;\r\n"
        "99999999;2024;1;;\r\n"
    )
    path = write(tmp_path, text)
    report = run(path, staff_user, kind="facts", valid_only=True)
    actions = [o.action for o in report.rows]
    assert actions == [CREATE, CREATE, ERROR, ERROR]
    assert "oprichtingsjaar" in report.rows[2].errors[0].message
    assert "staat niet in Opmars" in report.rows[3].errors[0].message
    facts = YearlyFacts.objects.get(year=2023)
    assert (facts.members, facts.volunteers, facts.income_grants) == (1234, 40, 4000)
    again = run(path, staff_user, kind="facts", valid_only=True)
    assert [o.action for o in again.rows][:2] == [UNCHANGED, UNCHANGED]
    changed = write(tmp_path, "kvk,jaar,leden\n11112222,2023,1250\n", name="b.csv")
    update = run(changed, staff_user, kind="facts")
    assert update.rows[0].action == UPDATE and update.rows[0].changes == ["members"]
    assert YearlyFacts.objects.get(year=2023).volunteers == 40


def test_facts_by_name_and_municipality(tmp_path, staff_user, make_collective):
    make_collective(name="Buurtkracht", municipality="GM0363")
    path = write(tmp_path, "naam,gemeente,jaar,leden\nBuurtkracht,Amsterdam,2024,12\n")
    report = run(path, staff_user, kind="facts")
    assert report.imported and YearlyFacts.objects.get().members == 12
