"""An unlisted collective is gone from every public channel, and stays for its editors, the
admins of its networks and staff. Editors switch it off and on; each switch is audited."""

import datetime
import io
import zipfile

import pytest

from opmars.accounts.models import AuditEvent
from opmars.dataio.opendata import write_dump
from opmars.monitor import metrics
from opmars.registry import actions

THIS_YEAR = datetime.date.today().year


def _slugs(client, path, **params):
    response = client.get(f"/api/v1{path}", params)
    assert response.status_code == 200
    return {item["slug"] for item in response.json()["items"]}


def _map_count(client):
    body = client.get("/api/v1/map", {"zoom": 7}).json()
    return {item["code"]: item["count"] for item in body["items"]}.get("GM0363")


def _export(client):
    response = client.get("/export/collectieven.csv")
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_the_public_sees_no_trace_of_it(world, client):
    assert _slugs(client, "/collectives") == {world.a.slug, world.b.slug}
    assert _map_count(client) == 1
    assert world.u.slug not in _export(client)
    search = client.get("/collectieven/", {"q": "Zonnehoek"}).content.decode()
    assert f"/collectieven/{world.u.slug}/" not in search
    assert client.get(f"/collectieven/{world.u.slug}/").status_code == 404
    assert client.get(f"/collectieven/{world.u.slug}/impact/").status_code == 404
    assert client.get(f"/api/v1/collectives/{world.u.slug}").status_code == 404


def test_counts_leave_it_out(world, client):
    assert metrics.active_collectives(metrics.national()) == 2
    assert metrics.active_collectives(metrics.network_area(world.n.slug)) == 1
    home = client.get("/").context
    assert home["collective_count"] == 2
    networks = {
        n["slug"]: n["member_count"] for n in client.get("/api/v1/networks").json()["items"]
    }
    assert networks[world.n.slug] == 1


def test_its_history_stays_out_of_the_growth_series(world):
    def stops_and_ended_periods():
        series = metrics.growth(metrics.national(), THIS_YEAR)
        return sum(row["stopped"] for row in series), series[-1]["active"]

    assert stops_and_ended_periods() == (0, 2)
    for collective in (world.u, world.a):  # the unlisted one first: it changes nothing
        data = {**actions.collective_form_initial(collective), "status": "gestopt"}
        actions.update_collective(world.editor_a, collective, data)
    assert stops_and_ended_periods() == (1, 1)


def test_network_pages_and_peers_do_not_name_it(world, client):
    page = client.get(f"/netwerken/{world.n.slug}/").content.decode()
    assert world.a.name in page and world.u.name not in page
    peers = client.get(f"/api/v1/collectives/{world.a.slug}/peers").json()
    assert world.u.slug not in {p["slug"] for p in peers["items"]}


def test_the_open_data_dump_leaves_it_out(world):
    out = io.BytesIO()
    assert write_dump(out) == 2
    with zipfile.ZipFile(out) as archive:
        assert world.u.slug not in archive.read("collectives.csv").decode("utf-8-sig")


@pytest.mark.parametrize("who", ["editor_a", "admin_n", "staff"])
def test_editors_network_admins_and_staff_still_see_it(world, client_as, who):
    client = client_as(getattr(world, who))
    assert client.get(f"/collectieven/{world.u.slug}/").status_code == 200
    assert world.u.slug in _slugs(client, "/collectives")
    assert _map_count(client) == 2
    assert world.u.name in client.get(f"/netwerken/{world.n.slug}/").content.decode()


def test_an_editor_takes_it_off_the_list_and_back(world, client_as):
    client = client_as(world.editor_a)
    url = f"/collectieven/{world.a.slug}/redactie/"
    client.post(url, {"action": "listing", "unlisted": "1"})
    world.a.refresh_from_db()
    assert world.a.is_unlisted
    assert world.a.slug not in _slugs(client_as(None), "/collectives")
    client_as(world.editor_a).post(url, {"action": "listing", "unlisted": "0"})
    world.a.refresh_from_db()
    assert not world.a.is_unlisted
    actions = AuditEvent.objects.filter(collective_pk=world.a.pk).values_list("action", flat=True)
    assert {"collective.unlist", "collective.list"} <= set(actions)


@pytest.mark.parametrize("who", ["other", "editor_b", "admin_n", "viewer_consent"])
def test_nobody_else_changes_the_listing(world, client_as, who):
    response = client_as(getattr(world, who)).post(
        f"/collectieven/{world.a.slug}/redactie/", {"action": "listing", "unlisted": "1"}
    )
    assert response.status_code == 403
    world.a.refresh_from_db()
    assert not world.a.is_unlisted


def test_knowledge_it_shared_does_not_name_it(world, client_as):
    from opmars.knowledge.actions import create_item
    from tests.knowledge.conftest import item_data

    item = create_item(world.editor_a, world.u, item_data())
    assert world.u.name not in client_as(None).get(item.get_absolute_url()).content.decode()
    assert world.u.name in client_as(world.editor_a).get(item.get_absolute_url()).content.decode()
