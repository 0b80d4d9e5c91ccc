"""Every write to the register is in the audit log: who (by pseudonym), what changed."""

import pytest

from opmars.accounts.models import AuditEvent, Pseudonym
from opmars.finance import actions
from opmars.finance.forms import RouteForm

from .conftest import route_data

pytestmark = pytest.mark.django_db


def test_creating_a_route_is_recorded(staff_user, make_route):
    route = make_route()
    event = AuditEvent.objects.get(action="finance.route.save")
    assert event.target_type == "finance.financeroute" and event.target_id == str(route.pk)
    assert event.actor_pseudonym == Pseudonym.for_user(staff_user).code
    assert event.changes["nieuw"] is True
    assert event.changes["source_url"] == [None, "https://www.example.org/startfonds"]
    assert event.changes["province"] == [None, "PV25"]


def test_a_change_records_before_and_after(network_admin, make_route):
    route = make_route()
    form = RouteForm(route_data(amount_max="75000", kinds=[]), route=route)
    actions.update_route(network_admin, route, form)
    event = AuditEvent.objects.filter(action="finance.route.save").latest("pk")
    assert event.actor_pseudonym == Pseudonym.for_user(network_admin).code
    assert event.changes["amount_max"] == ["50000", "75000"]
    assert event.changes["kinds"] == ["energiecooperatie", ""]
    assert "name" not in event.changes  # only what changed


def test_saving_without_a_change_records_nothing(staff_user, make_route):
    route = make_route()
    actions.update_route(staff_user, route, RouteForm(route_data(), route=route))
    assert AuditEvent.objects.filter(action="finance.route.save").count() == 1


def test_archiving_is_recorded_once(staff_user, make_route):
    route = make_route()
    actions.archive_route(staff_user, route)
    actions.archive_route(staff_user, route)
    assert AuditEvent.objects.filter(action="finance.route.archive").count() == 1
