"""Gerda's journey: a new CO2 price is a new library version; published reports keep theirs."""

import pytest

from opmars.accounts.models import AuditEvent
from opmars.impact import actions
from opmars.impact.models import ProxyLibrary
from tests.impact.test_reports import form_data

pytestmark = pytest.mark.django_db


def test_new_version_leaves_published_reports_alone(make_collective, editor_user, staff_user):
    collective = make_collective()
    data = form_data(indicator="co2-vermeden", quantity="10", quantity_low="", quantity_high="")
    old = actions.save_report(editor_user, collective, data)
    actions.publish_report(editor_user, old)
    pv_before = old.present_value

    library = actions.new_library_version(
        staff_user,
        {"co2_shadow_price": {"value": 0.20, "high": 0.25, "source": "CE Delft 2026"}},
        note="Nieuwe CO2-prijs",
    )
    assert library.version == 2
    assert library.proxies.get(key="co2_shadow_price").value == 0.20
    assert not library.proxies.get(key="co2_shadow_price").verified
    assert ProxyLibrary.objects.get(version=1).proxies.get(key="co2_shadow_price").value == 0.13
    assert AuditEvent.objects.filter(action="impact.library.new_version").exists()

    actions.save_report(editor_user, collective, data, old)  # editing keeps the pinned version
    old.refresh_from_db()
    assert old.library.version == 1 and old.present_value == pytest.approx(pv_before)
    co2 = {"indicator": "co2-vermeden", "quantity": "10", "quantity_low": "", "quantity_high": ""}
    new = actions.save_report(editor_user, collective, form_data(2023, **co2))
    assert new.library.version == 2


def test_only_staff_make_a_version(editor_user):
    with pytest.raises(actions.PermissionDenied):
        actions.new_library_version(editor_user, {})


def test_unknown_key_is_an_error(staff_user):
    with pytest.raises(actions.ActionError):
        actions.new_library_version(staff_user, {"bestaat_niet": {"value": 1}})
