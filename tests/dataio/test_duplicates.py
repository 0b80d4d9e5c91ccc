"""Likely duplicates after an import, and merging them with their yearly facts and history."""

import pytest

from opmars.accounts.models import AuditEvent
from opmars.dataio.models import DuplicateCandidate
from opmars.registry import actions
from opmars.registry.models import Collective, YearlyFacts
from tests.dataio.helpers import run, write

pytestmark = pytest.mark.django_db


def test_similar_name_in_the_same_municipality_is_queued(tmp_path, staff_user, make_collective):
    make_collective(name="Dorpsraad Oosterend", municipality="Súdwest-Fryslân")
    path = write(tmp_path, "naam;gemeente\nDorpsraad Oostereind;Súdwest-Fryslân\nAnders;Ede\n")
    assert run(path, staff_user).imported
    candidate = DuplicateCandidate.objects.get()
    names = {candidate.first.name, candidate.second.name}
    assert names == {"Dorpsraad Oosterend", "Dorpsraad Oostereind"}
    assert candidate.score >= 90


def test_merge_keeps_the_facts_of_both_and_the_history(client, staff_user, make_collective):
    keep = make_collective(name="Dorpsraad Oosterend", founded_year=1990)
    other = make_collective(name="Dorpsraad Oostereind", website="https://oosterend.example")
    actions.save_yearly_facts(staff_user, keep, {"year": 2023, "members": 40})
    actions.save_yearly_facts(staff_user, other, {"year": 2023, "volunteers": 5})
    actions.save_yearly_facts(staff_user, other, {"year": 2024, "members": 44})
    candidate = DuplicateCandidate.objects.create(first=keep, second=other, reason="naam", score=95)
    client.force_login(staff_user)
    assert "Dorpsraad Oostereind" in client.get("/import/dubbelen/").content.decode()
    client.post(f"/import/dubbelen/{candidate.pk}/samenvoegen/eerste/")
    assert not Collective.objects.filter(pk=other.pk).exists()
    keep.refresh_from_db()
    assert keep.website == "https://oosterend.example"
    facts = {f.year: f for f in YearlyFacts.objects.filter(collective=keep)}
    assert (facts[2023].members, facts[2023].volunteers, facts[2024].members) == (40, 5, 44)
    merge = AuditEvent.objects.get(action="collective.merge")
    assert merge.changes["merged"]["name"] == "Dorpsraad Oostereind"
    # The pair went with the removed record; the audit event keeps the history.
    assert not DuplicateCandidate.objects.filter(status="open").exists()


def test_dismiss_and_only_staff(client, staff_user, editor_user, make_collective):
    a, b = make_collective(name="A"), make_collective(name="B")
    candidate = DuplicateCandidate.objects.create(first=a, second=b, reason="website", score=100)
    client.force_login(editor_user)
    assert client.get("/import/dubbelen/").status_code == 403
    client.force_login(staff_user)
    client.post("/import/dubbelen/", {"candidate": candidate.pk})
    candidate.refresh_from_db()
    assert candidate.status == DuplicateCandidate.Status.DISMISSED
    assert Collective.objects.count() == 2
