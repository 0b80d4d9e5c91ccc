"""Registering, editing and verifying collectives through the service functions."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from opmars.accounts.models import AuditEvent
from opmars.registry import actions
from opmars.registry.models import Collective
from tests.conftest import collective_data


def test_create_records_who_when_what(editor_user):
    c = actions.create_collective(editor_user, collective_data(name="Buurtcoöperatie De Pijp"))
    event = AuditEvent.objects.get(action="collective.create", target_id=c.slug)
    assert event.actor == editor_user
    assert event.changes["name"] == "Buurtcoöperatie De Pijp"
    assert c.slug == "buurtcooperatie-de-pijp"
    assert editor_user in c.editors.all()


def test_slugs_stay_unique(editor_user):
    a = actions.create_collective(editor_user, collective_data(name="Samen Sterk"))
    b = actions.create_collective(editor_user, collective_data(name="Samen Sterk"))
    assert a.slug != b.slug


def test_anonymous_cannot_create(db):
    with pytest.raises(PermissionDenied):
        actions.create_collective(AnonymousUser(), collective_data())


def test_update_records_only_what_changed(make_collective, editor_user):
    c = make_collective(founded_year=2010)
    actions.update_collective(editor_user, c, collective_data(name=c.name, founded_year=2012))
    event = AuditEvent.objects.get(action="collective.update")
    assert event.changes == {"founded_year": [2010, 2012]}


def test_only_editors_and_staff_may_edit(make_collective, other_user, staff_user):
    c = make_collective()
    with pytest.raises(PermissionDenied):
        actions.update_collective(other_user, c, collective_data(name="Overgenomen"))
    actions.update_collective(staff_user, c, collective_data(name="Door staf verbeterd"))
    c.refresh_from_db()
    assert c.name == "Door staf verbeterd"


def test_only_staff_verify(make_collective, editor_user, staff_user):
    c = make_collective()
    with pytest.raises(PermissionDenied):
        actions.verify_collective(editor_user, c)
    actions.verify_collective(staff_user, c)
    c.refresh_from_db()
    assert c.is_verified and c.last_verified is not None
    assert AuditEvent.objects.by(staff_user).filter(action="collective.verify").exists()


def test_invalid_input_saves_nothing(editor_user):
    with pytest.raises(actions.ActionError):
        actions.create_collective(editor_user, collective_data(kvk_number="123"))
    assert not Collective.objects.exists()
    assert not AuditEvent.objects.exists()


def test_municipality_from_postcode(editor_user):
    c = actions.create_collective(editor_user, collective_data(municipality="", postcode="1012ab"))
    assert c.postcode == "1012 AB"
    assert c.municipality_id == "GM0363"


def test_municipality_from_coordinates(editor_user):
    c = actions.create_collective(
        editor_user, collective_data(municipality="", lat=51.9225, lon=4.4792)
    )
    assert c.municipality.name == "Rotterdam"


def test_former_municipality_name_is_accepted(editor_user):
    c = actions.create_collective(editor_user, collective_data(municipality="Appingedam"))
    assert c.municipality.name == "Eemsdelta"


def test_works_in_several_municipalities(editor_user):
    c = actions.create_collective(
        editor_user, collective_data(works_in="Diemen, GM0437, Amstelveen")
    )
    assert set(c.works_in.values_list("name", flat=True)) == {
        "Diemen",
        "Ouder-Amstel",
        "Amstelveen",
    }


def test_domains_are_stored(editor_user):
    c = actions.create_collective(editor_user, collective_data(domains=["energie", "wonen"]))
    assert sorted(c.domain_codes) == ["energie", "wonen"]


def test_a_collective_called_nieuw_does_not_take_the_form_url(editor_user):
    c = actions.create_collective(editor_user, collective_data(name="Nieuw"))
    assert c.slug == "nieuw-2"
