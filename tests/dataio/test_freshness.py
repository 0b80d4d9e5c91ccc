"""Freshness: a collective not confirmed for 18 months is marked 'mogelijk verouderd' on its
page and in the API; a recently checked one is not."""

from datetime import date, timedelta

import pytest

from opmars.registry.models import Collective, outdated_before

pytestmark = pytest.mark.django_db


def test_eighteen_months_back_from_a_date():
    assert outdated_before(date(2026, 11, 26)) == date(2025, 5, 26)
    assert outdated_before(date(2026, 3, 31)) == date(2024, 9, 28)  # no 31 September


def test_page_and_api_mark_an_unconfirmed_record(client, make_collective):
    old = make_collective(name="Oud Collectief")
    Collective.objects.filter(pk=old.pk).update(last_verified=outdated_before() - timedelta(days=1))
    fresh = make_collective(name="Vers Collectief")
    Collective.objects.filter(pk=fresh.pk).update(last_verified=date.today())

    assert "mogelijk verouderd" in client.get(f"/collectieven/{old.slug}/").content.decode()
    assert "mogelijk verouderd" not in client.get(f"/collectieven/{fresh.slug}/").content.decode()
    assert client.get(f"/api/v1/collectives/{old.slug}").json()["possibly_outdated"] is True
    assert client.get(f"/api/v1/collectives/{fresh.slug}").json()["possibly_outdated"] is False


def test_a_new_record_never_checked_is_not_yet_outdated(client, make_collective):
    new = make_collective(name="Nieuw Collectief")
    assert new.last_verified is None and not new.possibly_outdated
