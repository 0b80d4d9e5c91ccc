"""A merge from the duplicates page asks for confirmation first: the confirmation page says
which record stays and merges nothing; only its button does."""

import pytest

from opmars.dataio.models import DuplicateCandidate
from opmars.registry.models import Collective

pytestmark = pytest.mark.django_db


def test_the_confirmation_page_merges_nothing_until_confirmed(client, staff_user, make_collective):
    keep = make_collective(name="Dorpsraad Sterksel")
    other = make_collective(name="Dorpsraad Sterksel e.o.")
    pair = DuplicateCandidate.objects.create(first=keep, second=other, reason="naam", score=92)
    client.force_login(staff_user)
    listing = client.get("/import/dubbelen/?q=Sterksel").content.decode()
    assert f"/import/dubbelen/{pair.pk}/samenvoegen/tweede/" in listing

    page = client.get(f"/import/dubbelen/{pair.pk}/samenvoegen/tweede/").content.decode()
    assert "Samenvoegen bevestigen" in page
    assert "komt voortaan bij Dorpsraad Sterksel e.o." in page
    assert Collective.objects.filter(pk=keep.pk).exists()
    assert client.get(f"/import/dubbelen/{pair.pk}/samenvoegen/derde/").status_code == 404

    client.post(f"/import/dubbelen/{pair.pk}/samenvoegen/tweede/")
    assert not Collective.objects.filter(pk=keep.pk).exists()
    moved = client.get(f"/collectieven/{keep.slug}/")
    assert moved.status_code == 301 and moved["Location"] == f"/collectieven/{other.slug}/"


def test_search_narrows_the_list(client, staff_user, make_collective):
    for name in ("Dorpshuis De Schakel", "Dorpshuis De Linde"):
        a, b = make_collective(name=name), make_collective(name=name)
        DuplicateCandidate.objects.create(first=a, second=b, reason="naam", score=100)
    client.force_login(staff_user)
    page = client.get("/import/dubbelen/?q=schakel").content.decode()
    assert "Dorpshuis De Schakel" in page and "Dorpshuis De Linde" not in page
    assert "1 paar te beoordelen." in page
