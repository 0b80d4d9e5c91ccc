"""An edit in the admin (which saves models directly, without a service function or audit
event) still starts a new data generation: the admin logs every change it makes."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry

from opmars.caching import generation
from opmars.monitor import metrics
from opmars.registry.models import Collective

pytestmark = pytest.mark.django_db


def test_an_admin_edit_is_read_at_once(make_collective, staff_user):
    collective = make_collective(municipality="GM0363")
    area = metrics.municipality_area("GM0363")
    assert metrics.summary(area, 2025)["active_collectives"] == 1
    before = generation.current()

    Collective.objects.filter(pk=collective.pk).update(status="gestopt")
    LogEntry.objects.log_actions(staff_user.pk, [collective], CHANGE, change_message="status")

    assert generation.current() != before
    assert metrics.summary(area, 2025)["active_collectives"] == 0
