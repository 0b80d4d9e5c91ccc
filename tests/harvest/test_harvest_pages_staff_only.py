"""The source pages are for staff: others are sent to log in or refused. Staff add a source
through a validated form (Dutch errors per field), see its page and press "Nu ophalen"."""

import pytest

from opmars.harvest.models import HarvestSource
from opmars.registry.models import Collective

from .conftest import dump, row

PAGES = ["/bronnen/", "/bronnen/nieuw/", "/bronnen/{pk}/", "/bronnen/{pk}/wijzigen/"]


@pytest.mark.parametrize("page", PAGES)
def test_only_staff_see_the_pages(page, client, source, other_user, staff_user):
    url = page.format(pk=source.pk)
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(other_user)
    assert client.get(url).status_code == 403
    client.force_login(staff_user)
    assert client.get(url).status_code == 200


def test_others_cannot_start_a_harvest(client, source, other_user):
    client.force_login(other_user)
    assert client.post(f"/bronnen/{source.pk}/ophalen/").status_code == 403
    source.refresh_from_db()
    assert source.last_run_at is None


def test_the_form_says_what_is_wrong_per_field(client, staff_user, source):
    client.force_login(staff_user)
    answer = client.post(
        "/bronnen/nieuw/",
        {"name": "Buurtregister", "url": "geen adres", "kind": "", "interval_hours": "-1"},
    )
    page = answer.content.decode()
    assert answer.status_code == 200
    assert "Er is al een bron met deze naam" in page
    assert "Vul een volledig webadres in" in page
    assert "Kies de soort bron" in page or "Selecteer een geldige keuze" in page
    assert HarvestSource.objects.count() == 1


def test_staff_add_a_source_and_harvest_it_now(client, staff_user, server):
    server.files["/dump.zip"] = dump([row("a", "Wijkkracht Noord")])
    client.force_login(staff_user)
    answer = client.post(
        "/bronnen/nieuw/",
        {
            "name": "Register Noord",
            "url": server.url + "/dump.zip",
            "kind": "opmars",
            "interval_hours": "12",
            "is_active": "on",
        },
    )
    source = HarvestSource.objects.get(name="Register Noord")
    assert answer.status_code == 302 and answer["Location"] == f"/bronnen/{source.pk}/"

    # In tests the task backend runs the task at once.
    answer = client.post(f"/bronnen/{source.pk}/ophalen/", follow=True)

    page = answer.content.decode()
    assert "Gelukt: 1 rijen in de bron; 1 nieuw" in page
    assert Collective.objects.get().source == "uit bron Register Noord"
    assert "Register Noord" in client.get("/bronnen/").content.decode()
