"""Network admins import on behalf of their own network and review the duplicates among the
unclaimed records of their network; staff may do everything."""

import pytest

from opmars.accounts import policy
from opmars.dataio.actions import merge_collectives
from opmars.dataio.models import DuplicateCandidate, ImportRun
from opmars.networks.models import Network
from opmars.registry.models import Collective
from tests.dataio.helpers import upload

pytestmark = pytest.mark.django_db

CSV = (
    "Naam;Soort;Rechtsvorm;Gemeente\r\nDorpsraad Wierum;dorpsraad;vereniging;Noardeast-Fryslân\r\n"
)


@pytest.fixture
def network(editor_user):
    network = Network.objects.create(slug="kleine-kernen", name="Kleine Kernen", kind="provinciaal")
    network.admins.add(editor_user)
    return network


def unclaimed(make_collective, **overrides):
    collective = make_collective(**overrides)
    collective.editors.clear()
    return collective


def test_a_network_admin_imports_for_their_own_network_only(
    client, editor_user, network, other_user, settings, tmp_path
):
    settings.DATA_DIR = tmp_path
    elsewhere = Network.objects.create(slug="elders", name="Elders", kind="provinciaal")
    client.force_login(editor_user)
    page = client.get("/import/").content.decode()
    assert "Kleine Kernen" in page and "Elders" not in page and "Geen netwerk (Opmars)" not in page

    from django.core.files.uploadedfile import SimpleUploadedFile

    file = SimpleUploadedFile("lijst.csv", CSV.encode(), content_type="text/csv")
    refused = client.post(
        "/import/", {"file": file, "kind": "collectives", "network": elsewhere.pk}
    )
    assert refused.status_code == 200 and not ImportRun.objects.exists()

    file = SimpleUploadedFile("lijst.csv", CSV.encode(), content_type="text/csv")
    client.post("/import/", {"file": file, "kind": "collectives", "network": network.pk})
    run = ImportRun.objects.get()
    client.post(f"/import/{run.pk}/importeren/")
    imported = Collective.objects.get(name="Dorpsraad Wierum")
    assert network in imported.networks.all() and not imported.editors.exists()
    assert "import door Kleine Kernen" in imported.source

    client.force_login(other_user)
    assert client.get("/import/").status_code == 403
    assert client.get(f"/import/{run.pk}/").status_code == 403


def test_one_network_admin_does_not_see_another_ones_import(
    client, staff_user, network, editor_user, settings, tmp_path
):
    settings.DATA_DIR = tmp_path
    client.force_login(staff_user)
    upload(client, CSV)
    run = ImportRun.objects.get()
    client.force_login(editor_user)
    assert client.get(f"/import/{run.pk}/").status_code == 404


def test_network_admins_review_duplicates_of_their_unclaimed_records(
    client, make_collective, editor_user, staff_user, network
):
    ours = unclaimed(make_collective, name="Dorpsraad Wierum")
    twin = unclaimed(make_collective, name="Dorpsraad Wierum e.o.")
    network.members.add(ours)
    own_pair = DuplicateCandidate.objects.create(first=ours, second=twin, reason="naam", score=95)
    claimed = make_collective(name="Dorpsraad Wierum 2")  # has an editor: claimed
    network.members.add(claimed)
    claimed_pair = DuplicateCandidate.objects.create(first=ours, second=claimed, reason="naam")
    a, b = unclaimed(make_collective, name="Ergens"), unclaimed(make_collective, name="Ergens 2")
    other_pair = DuplicateCandidate.objects.create(first=a, second=b, reason="naam")

    assert list(policy.reviewable_duplicates(editor_user)) == [own_pair]
    assert set(policy.reviewable_duplicates(staff_user)) == {own_pair, claimed_pair, other_pair}

    client.force_login(editor_user)
    page = client.get("/import/dubbelen/").content.decode()
    assert "Dorpsraad Wierum e.o." in page and "Ergens" not in page
    response = client.post(f"/import/dubbelen/{other_pair.pk}/samenvoegen/eerste/")
    assert response.status_code == 404 and Collective.objects.filter(pk=b.pk).exists()
    with pytest.raises(policy_denied()):
        merge_collectives(editor_user, other_pair, a)

    client.post(f"/import/dubbelen/{own_pair.pk}/samenvoegen/eerste/")
    assert not Collective.objects.filter(pk=twin.pk).exists()


def policy_denied():
    from django.core.exceptions import PermissionDenied

    return PermissionDenied


def test_the_menu_offers_import_to_network_admins_but_not_to_other_users(
    client, network, editor_user, other_user
):
    client.force_login(editor_user)
    assert 'href="/import/"' in client.get("/").content.decode()
    client.force_login(other_user)
    assert 'href="/import/"' not in client.get("/").content.decode()
