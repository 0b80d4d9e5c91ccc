"""A knowledge item names the collectives with experience; an unlisted one among them stays
out of sight for whoever cannot see it, in the API as on the item's page."""

import pytest

from opmars.knowledge.models import KnowledgeItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(make_collective):
    listed = make_collective(name="Open Buurtkracht")
    unlisted = make_collective(name="Verborgen Wijkraad")
    type(unlisted).objects.filter(pk=unlisted.pk).update(is_unlisted=True)
    item = KnowledgeItem.objects.create(
        slug="buurtkamer-openen",
        title="Een buurtkamer openen",
        item_type="handleiding",
        summary="Zo deden wij het.",
        body="Stap voor stap.",
    )
    item.collectives.add(listed, unlisted)
    return listed, unlisted


def api_collectives(client):
    items = client.get("/api/v1/knowledge").json()["items"]
    return next(i["collectives"] for i in items if i["slug"] == "buurtkamer-openen")


def test_anonymous_readers_see_only_the_listed_collective(client, shared):
    listed, unlisted = shared
    assert api_collectives(client) == [listed.slug]


def test_its_editor_sees_both(client, editor_user, shared):
    client.force_login(editor_user)
    assert sorted(api_collectives(client)) == sorted(c.slug for c in shared)
