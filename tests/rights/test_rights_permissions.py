"""Only staff and network admins keep the register: others are refused, in the pages and in the
service functions."""

import pytest
from django.core.exceptions import PermissionDenied

from opmars.rights import actions
from opmars.rights.forms import LocalRightForm
from opmars.rights.models import LocalRight

from .conftest import HEADER, entry_data

pytestmark = pytest.mark.django_db
PAGES = ["/lokale-rechten/vastleggen/", "/lokale-rechten/gemeenten/GM0363/uitdaagrecht/",
         "/lokale-rechten/zaken/nieuw/", "/lokale-rechten/importeren/"]  # fmt: skip


@pytest.mark.parametrize("page", PAGES)
def test_pages_for_managers_only(page, client, other_user, staff_user, network_admin):
    assert client.get(page).status_code == 302  # to the login page
    client.force_login(other_user)
    assert client.get(page).status_code == 403
    for manager in (staff_user, network_admin):
        client.force_login(manager)
        assert client.get(page).status_code == 200


def test_a_signed_in_user_cannot_post_an_entry(client, other_user):
    client.force_login(other_user)
    assert client.post("/lokale-rechten/vastleggen/", entry_data()).status_code == 403
    assert not LocalRight.objects.exists()


def test_the_action_refuses_others_whatever_calls_it(other_user):
    form = LocalRightForm(entry_data())
    assert form.is_valid()
    with pytest.raises(PermissionDenied):
        actions.save_local_right(other_user, form)
    with pytest.raises(PermissionDenied):
        actions.save_local_right(None, form)
    with pytest.raises(PermissionDenied):
        actions.import_rights(other_user, HEADER + "GM0363;uitdaagrecht;onbekend;;;01-03-2026;\n")
    assert not LocalRight.objects.exists()


def test_a_network_admin_records_an_entry(client, network_admin):
    client.force_login(network_admin)
    answer = client.post("/lokale-rechten/vastleggen/", entry_data())
    assert answer.status_code == 302
    assert answer["Location"] == "/gemeenten/GM0363/#lokale-rechten"
    entry = LocalRight.objects.get()
    assert (entry.municipality_id, entry.right, entry.status) == ("GM0363", "uitdaagrecht", "ja")


def test_the_public_sees_no_edit_links(client, staff_user):
    assert "vastleggen" not in client.get("/gemeenten/GM0363/").content.decode()
    client.force_login(staff_user)
    assert (
        "/lokale-rechten/gemeenten/GM0363/uitdaagrecht/"
        in client.get("/gemeenten/GM0363/").content.decode()
    )
