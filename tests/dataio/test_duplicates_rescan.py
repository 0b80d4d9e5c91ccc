"""The whole register is searched for duplicates, not only an import's new records; a merged
record's address leads to the kept one."""

import pytest

from opmars.dataio.actions import merge_collectives
from opmars.dataio.duplicates import rescan
from opmars.dataio.models import DuplicateCandidate
from opmars.registry.models import Collective

pytestmark = pytest.mark.django_db


def test_the_same_name_in_one_municipality_is_found(make_collective):
    a = make_collective(name="Dorpsraad Oosterend", municipality="Súdwest-Fryslân")
    b = make_collective(name="Dorpsraad  oosterend!", municipality="Súdwest-Fryslân")
    make_collective(name="Dorpsraad Oosterend", municipality="Ede")  # another municipality
    make_collective(name="Iets heel anders", municipality="Súdwest-Fryslân")
    assert rescan() == 1
    pair = DuplicateCandidate.objects.get()
    assert {pair.first_id, pair.second_id} == {a.pk, b.pk}
    assert (pair.score, pair.reason) == (100, "naam")
    # Again: nothing new; a dismissed pair stays dismissed.
    pair.status = DuplicateCandidate.Status.DISMISSED
    pair.save()
    assert rescan() == 0
    assert DuplicateCandidate.objects.get().status == DuplicateCandidate.Status.DISMISSED


def test_the_same_website_anywhere_is_found(make_collective):
    make_collective(name="Een", website="https://www.samen.example/")
    make_collective(name="Twee", municipality="Ede", website="http://samen.example")
    assert rescan() == 1
    assert DuplicateCandidate.objects.get().reason == "website"


def test_merge_says_which_record_was_kept_and_the_old_address_redirects(
    client, staff_user, make_collective
):
    keep = make_collective(name="Dorpsraad Oosterend")
    other = make_collective(name="Dorpsraad Oosterend")
    old = other.slug
    candidate = DuplicateCandidate.objects.create(
        first=keep, second=other, reason="naam", score=100
    )
    client.force_login(staff_user)
    answer = client.post(f"/import/dubbelen/{candidate.pk}/samenvoegen/eerste/", follow=True)
    said = answer.content.decode()
    assert f"Samengevoegd: Dorpsraad Oosterend (/collectieven/{keep.slug}/) blijft" in said
    assert f"Het oude adres /collectieven/{old}/ leidt er nu naartoe." in said
    assert not Collective.objects.filter(slug=old).exists()
    page = client.get(f"/collectieven/{old}/")
    assert page.status_code == 301 and page["Location"] == f"/collectieven/{keep.slug}/"
    api = client.get(f"/api/v1/collectives/{old}")
    assert api.status_code == 301 and api["Location"] == f"/api/v1/collectives/{keep.slug}"
    assert client.get(api["Location"]).json()["slug"] == keep.slug
    assert client.get("/collectieven/bestaat-niet/").status_code == 404


def test_a_chain_of_merges_still_leads_to_the_last_kept_record(client, staff_user, make_collective):
    a, b, c = (make_collective(name="Dorpsraad Oosterend") for _ in range(3))
    merge_collectives(
        staff_user, DuplicateCandidate.objects.create(first=a, second=b, score=100), b
    )
    merge_collectives(
        staff_user, DuplicateCandidate.objects.create(first=b, second=c, score=100), c
    )
    from django.test import Client

    client = Client()
    assert client.get(f"/collectieven/{a.slug}/")["Location"] == f"/collectieven/{c.slug}/"
    assert client.get(f"/collectieven/{b.slug}/")["Location"] == f"/collectieven/{c.slug}/"
