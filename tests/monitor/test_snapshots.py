"""A published figure set keeps its numbers and its address when the live data changes."""

import datetime

import pytest

from opmars.monitor import actions, metrics
from opmars.monitor.models import FigureSnapshot


@pytest.mark.django_db
def test_snapshot_does_not_change_with_the_live_data(client, staff_user, make_collective):
    make_collective(municipality="GM0363")
    client.force_login(staff_user)
    response = client.post("/monitor/gemeenten/GM0363/momentopname/?jaar=2024")
    snapshot = FigureSnapshot.objects.get()
    assert response.url == f"/monitor/momentopnamen/{snapshot.slug}/"
    assert snapshot.slug.startswith("gemeenten-gm0363-2024-")
    make_collective(municipality="GM0363")
    client.logout()
    assert (
        client.get(f"/monitor/momentopnamen/{snapshot.slug}.json").json()["active_collectives"] == 1
    )
    assert metrics.active_collectives(metrics.municipality_area("GM0363")) == 2
    page = client.get(snapshot.get_absolute_url()).content.decode()
    assert "Momentopname, gepubliceerd op" in page


@pytest.mark.django_db
def test_only_staff_publishes_and_one_snapshot_a_day(client, editor_user, staff_user):
    client.force_login(editor_user)
    assert client.post("/monitor/nederland/NL/momentopname/").status_code == 403
    day = datetime.date(2026, 1, 5)
    first = actions.publish_snapshot(staff_user, metrics.national(), 2025, today=day)
    again = actions.publish_snapshot(staff_user, metrics.national(), 2025, today=day)
    assert first.pk == again.pk
