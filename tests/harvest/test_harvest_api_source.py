"""Another Opmars's JSON API as a source: /api/v1/collectives read page by page, with the
filters its address carries. The list's fields are harvested; those it does not carry
(description, website, …) are left alone here."""

import pytest

from opmars.harvest import feeds
from opmars.harvest.actions import harvest
from opmars.harvest.models import FieldProvenance, HarvestSource
from opmars.registry.models import Collective

from .conftest import refusal


@pytest.fixture
def published(client, server, make_collective, monkeypatch):
    """This site's own API answers, served by the loopback server in pages of two; the
    collectives themselves are then removed here, as if they lived in another Opmars."""
    monkeypatch.setattr(feeds, "API_PAGE", 2)
    made = [
        make_collective(name=f"Wijkkracht {n}", municipality=code, founded_year=2010 + n)
        for n, code in enumerate(["GM0363", "GM0363", "GM0344", "GM0363", "GM0599"])
    ]
    for offset in range(0, 6, 2):
        path = f"/api/v1/collectives?municipality=GM0363&limit=2&offset={offset}"
        answer = client.get(path)
        assert answer.status_code == 200
        server.files[path] = answer.content
    Collective.objects.filter(pk__in=[c.pk for c in made]).delete()
    return made


def test_the_api_of_another_opmars_page_by_page(server, published):
    source = HarvestSource.objects.create(
        name="Amsterdam in Opmars", url=server.url + "/?municipality=GM0363", kind="api"
    )

    assert harvest(source), source.last_message

    source.refresh_from_db()
    assert source.counts["rijen"] == 3  # only the collectives the filter names
    names = set(Collective.objects.values_list("name", flat=True))
    assert names == {"Wijkkracht 0", "Wijkkracht 1", "Wijkkracht 3"}
    first = Collective.objects.get(name="Wijkkracht 0")
    assert (first.kind, first.legal_form, first.founded_year) == (
        "buurtcooperatie",
        "cooperatie_ua",
        2010,
    )
    assert first.description == ""  # not in the API's list: never made up
    said = set(FieldProvenance.objects.filter(collective=first).values_list("field", flat=True))
    assert "description" not in said
    assert {"name", "kind", "municipality", "domains", "status"} <= said


def test_an_api_answer_of_another_shape(server, db):
    answer = b'{"count": 1, "items": [{"slug": "a"}]}'
    server.files["/api/v1/collectives?limit=500&offset=0"] = answer
    source = HarvestSource.objects.create(name="Vreemd", url=server.url + "/", kind="api")
    message = refusal(source)
    assert "indeling van de bron is veranderd" in message and "name" in message
    assert not Collective.objects.exists()


def test_pages_past_the_size_limit_stop_the_harvest(server, published, monkeypatch):
    # Each page fits under the limit; the two together do not.
    page = max(len(body) for body in server.files.values())
    monkeypatch.setattr(feeds, "max_bytes", lambda: page + 1)
    source = HarvestSource.objects.create(
        name="Te groot", url=server.url + "/?municipality=GM0363", kind="api"
    )
    assert "Alle pagina's van de bron samen zijn groter" in refusal(source)
    assert not Collective.objects.exists()
