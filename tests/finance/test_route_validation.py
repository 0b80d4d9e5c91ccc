"""Bad input gets a Dutch error that names the field by its label and says why; nothing is
saved (issue 16, 'Bad input')."""

import pytest

from opmars.common.errors import ActionError
from opmars.finance import actions
from opmars.finance.forms import RouteForm
from opmars.finance.models import FinanceRoute

from .conftest import route_data

pytestmark = pytest.mark.django_db


def refused(staff_user, **overrides):
    """The errors of a refused route, by field label; asserts nothing was saved."""
    form = RouteForm(route_data(**overrides))
    with pytest.raises(ActionError) as refusal:
        actions.create_route(staff_user, form)
    assert not FinanceRoute.objects.exists()
    return {form.fields[e["field"]].label: e["message"] for e in refusal.value.errors}


def test_a_valid_route_is_saved(staff_user):
    route = actions.create_route(staff_user, RouteForm(route_data()))
    assert route.province_id == "PV25" and route.municipality_id is None
    assert route.kinds == ["energiecooperatie"] and route.phases == ["startfase"]
    assert route.amount_min == 5000 and route.is_ongoing and route.closes is None


def test_a_route_without_a_source(staff_user):
    errors = refused(staff_user, source_url="")
    assert list(errors) == ["Bron"]
    assert "Vul de bron in" in errors["Bron"]


def test_a_route_that_closes_before_it_opens(staff_user):
    errors = refused(staff_user, is_ongoing="", opens="01-06-2026", closes="01-05-2026")
    assert "vóór 'Opent op'" in errors["Sluit op"]
    assert "01-05-2026" in errors["Sluit op"]


def test_a_route_without_an_end_must_be_ongoing(staff_user):
    errors = refused(staff_user, is_ongoing="", closes="")
    assert "Doorlopend" in errors["Sluit op"]


def test_an_ongoing_route_has_no_end(staff_user):
    errors = refused(staff_user, closes="31-12-2026")
    assert "doorlopende route heeft geen sluitdatum" in errors["Sluit op"]


def test_an_unknown_kind(staff_user):
    errors = refused(staff_user, kinds=["energiecooperatie", "ruimtevaart"])
    assert "'ruimtevaart' kennen we niet als soort collectief" in errors["Voor soorten"]
    assert "energiecooperatie" in errors["Voor soorten"]  # the codes to choose from


def test_an_unknown_legal_form(staff_user):
    errors = refused(staff_user, legal_forms=["nv"])
    assert "'nv' kennen we niet als rechtsvorm" in errors["Voor rechtsvormen"]


def test_an_unknown_phase(staff_user):
    errors = refused(staff_user, phases=["bloeifase"])
    assert "'bloeifase' kennen we niet als fase" in errors["Voor fasen"]


def test_an_unknown_province(staff_user):
    errors = refused(staff_user, area="Gelderlandd")
    assert "'Gelderlandd' kennen we niet als provincie" in errors["Gebied"]


def test_an_unknown_municipality(staff_user):
    errors = refused(staff_user, level="gemeentelijk", area="Nergenshuizen")
    assert "'Nergenshuizen'" in errors["Gebied"]


def test_a_provincial_route_needs_its_province(staff_user):
    errors = refused(staff_user, area="")
    assert "Vul de provincie in" in errors["Gebied"]


def test_a_national_route_has_no_area(staff_user):
    errors = refused(staff_user, level="landelijk", area="Gelderland")
    assert "landelijke route geldt in heel Nederland" in errors["Gebied"]


def test_an_unknown_route_type_and_level(staff_user):
    errors = refused(staff_user, route_type="crowdfunding", level="europees")
    assert "'crowdfunding' kennen we niet" in errors["Soort route"]
    assert "'europees' kennen we niet" in errors["Niveau"]


def test_amounts_the_wrong_way_round(staff_user):
    errors = refused(staff_user, amount_min="50000", amount_max="5000")
    assert "lager dan 'Bedrag vanaf'" in errors["Bedrag tot en met"]


def test_a_date_in_another_format(staff_user):
    errors = refused(staff_user, last_checked="maart 2026")
    assert "dd-mm-jjjj" in errors["Laatst nagekeken"]


def test_last_checked_is_required_and_not_in_the_future(staff_user):
    assert "Vul in wanneer" in refused(staff_user, last_checked="")["Laatst nagekeken"]
    assert "toekomst" in refused(staff_user, last_checked="01-01-2099")["Laatst nagekeken"]


def test_the_same_route_twice(staff_user, make_route):
    make_route()
    form = RouteForm(route_data(name="startfonds energie"))
    with pytest.raises(ActionError) as refusal:
        actions.create_route(staff_user, form)
    assert "staat al een route" in refusal.value.errors[0]["message"]
    assert FinanceRoute.objects.count() == 1


def test_every_error_of_a_form_at_once_on_the_page(client, staff_user):
    client.force_login(staff_user)
    page = client.post("/financiering/nieuw/", route_data(source_url="", phases=["x"]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Niet opgeslagen" in text and "Vul de bron in" in text
    assert "kennen we niet als fase" in text
    assert not FinanceRoute.objects.exists()
