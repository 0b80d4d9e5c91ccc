"""A new library version is refused, with every reason in Dutch naming the proxy and the field,
when the reason or a new value's source is missing, a value is not a number or outside its
range, or nothing changes; nothing is saved. The page and the service say the same."""

import pytest

from opmars.accounts.models import AuditEvent
from opmars.impact import actions
from opmars.impact.models import ProxyLibrary

pytestmark = pytest.mark.django_db

URL = "/impact/bibliotheek/"


def refused(staff_user, changes, note="Nieuwe CO2-prijs"):
    with pytest.raises(actions.ActionError) as refusal:
        actions.new_library_version(staff_user, changes, note)
    assert ProxyLibrary.objects.count() == 1 and not AuditEvent.objects.exists()
    return {e["field"]: e["message"] for e in refusal.value.errors}


def test_a_reason_is_required(staff_user):
    errors = refused(staff_user, {"co2_shadow_price": {"value": 0.15, "source": "CE"}}, note=" ")
    assert errors == {"note": "Schrijf waarom er een nieuwe versie komt (de reden)."}


def test_a_new_value_needs_its_source(staff_user):
    errors = refused(staff_user, {"co2_shadow_price": {"value": 0.15}})
    assert errors["co2_shadow_price.source"].startswith("Geef de bron van de nieuwe waarde")


def test_every_problem_is_named_at_once(staff_user):
    errors = refused(
        staff_user,
        {"co2_shadow_price": {"value": "veel", "source": "CE"},
         "wellby_2019": {"low": 20000, "source": "HM Treasury"}},
        note="",
    )  # fmt: skip
    assert set(errors) == {"note", "co2_shadow_price.value", "wellby_2019.low"}
    assert errors["wellby_2019.low"] == "De lage waarde is hoger dan de waarde zelf."


def test_the_same_values_again_are_no_change(staff_user):
    errors = refused(staff_user, {"co2_shadow_price": {"value": 0.13, "high": 0.16}})
    assert errors == {"key": "Er is niets veranderd: verander minstens één waarde."}


def test_the_page_lists_the_errors_with_proxy_and_field_and_keeps_the_input(client, staff_user):
    client.force_login(staff_user)
    response = client.post(URL, {"co2_shadow_price-value": "0,2x", "wellby_2019-value": "14000",
                                 "note": "", "action": "preview"})  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 422
    assert "Verbeter dit eerst" in page
    assert '<a href="#note">Reden</a>: Schrijf waarom' in page
    assert '<a href="#co2_shadow_price-value">co2_shadow_price: waarde</a>' in page
    assert '<a href="#wellby_2019-source">wellby_2019: bron van de nieuwe waarde</a>' in page
    assert 'value="0,2x"' in page and 'aria-invalid="true"' in page
    assert "Publiceer versie" not in page
    assert ProxyLibrary.objects.count() == 1
