"""Only staff and network admins keep the register: anonymous visitors, collective editors and
other users are refused, on the pages and in the service functions whatever calls them."""

import pytest
from django.core.exceptions import PermissionDenied

from opmars.finance import actions
from opmars.finance.forms import RouteForm
from opmars.finance.models import FinanceRoute

from .conftest import HEADER, route_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def route(make_route):
    return make_route()


def pages(route):
    return ["/financiering/nieuw/", f"/financiering/{route.pk}/wijzigen/",
            "/financiering/importeren/"]  # fmt: skip


def test_anonymous_visitors_are_sent_to_sign_in(client, route):
    for page in pages(route):
        answer = client.get(page)
        assert answer.status_code == 302 and "/account/" in answer["Location"]
    assert client.post(f"/financiering/{route.pk}/archiveren/").status_code == 302
    assert FinanceRoute.objects.get().archived_at is None


def test_a_collective_editor_is_refused(client, make_collective, editor_user, route):
    make_collective()
    client.force_login(editor_user)
    for page in pages(route):
        assert client.get(page).status_code == 403
    assert client.post("/financiering/nieuw/", route_data(name="Ander fonds")).status_code == 403
    assert client.post(f"/financiering/{route.pk}/archiveren/").status_code == 403
    assert FinanceRoute.objects.count() == 1 and FinanceRoute.objects.get().archived_at is None


@pytest.mark.parametrize("who", ["network_admin", "staff_user"])
def test_network_admins_and_staff_keep_the_register(client, request, who, route):
    manager = request.getfixturevalue(who)
    client.force_login(manager)
    for page in pages(route):
        assert client.get(page).status_code == 200
    answer = client.post("/financiering/nieuw/", route_data(name="Groeifonds"))
    new = FinanceRoute.objects.get(name="Groeifonds")
    assert answer.status_code == 302 and answer["Location"] == f"/financiering/{new.pk}/"
    client.post(f"/financiering/{new.pk}/archiveren/")
    new.refresh_from_db()
    assert new.archived_at is not None


def test_the_actions_refuse_others_whatever_calls_them(other_user, editor_user, route):
    for actor in (None, other_user, editor_user):
        with pytest.raises(PermissionDenied):
            actions.create_route(actor, RouteForm(route_data(name="Nog een")))
        with pytest.raises(PermissionDenied):
            actions.update_route(actor, route, RouteForm(route_data(), route=route))
        with pytest.raises(PermissionDenied):
            actions.archive_route(actor, route)
        with pytest.raises(PermissionDenied):
            actions.import_routes(actor, HEADER)
    assert FinanceRoute.objects.count() == 1


def test_the_public_list_shows_no_edit_links(client, staff_user, route):
    assert "/financiering/nieuw/" not in client.get("/financiering/").content.decode()
    assert "/wijzigen/" not in client.get(f"/financiering/{route.pk}/").content.decode()
    client.force_login(staff_user)
    assert "/financiering/nieuw/" in client.get("/financiering/").content.decode()
