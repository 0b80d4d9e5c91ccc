"""Sharing, editing and 'useful' go through actions with the policy and an audit event."""

import pytest
from django.core.exceptions import PermissionDenied

from opmars.accounts.models import AuditEvent
from opmars.knowledge import actions
from tests.knowledge.conftest import item_data


def test_only_editors_share_for_their_collective(make_collective, other_user):
    with pytest.raises(PermissionDenied):
        actions.create_item(other_user, make_collective(), item_data())


def test_validation_in_dutch_and_nothing_saved(make_collective, editor_user):
    with pytest.raises(actions.ActionError) as error:
        actions.create_item(editor_user, make_collective(), item_data(title="", item_type="roman"))
    fields = {e["field"] for e in error.value.errors}
    assert fields == {"title", "item_type"}
    assert "Vul dit veld in." in [e["message"] for e in error.value.errors]
    from opmars.knowledge.models import KnowledgeItem

    assert not KnowledgeItem.objects.exists()


def test_edit_retags_and_audits(make_item, editor_user, other_user):
    item = make_item()
    actions.update_item(editor_user, item, item_data(title="Nieuwe titel", themes=["geld"]))
    item.refresh_from_db()
    assert item.title == "Nieuwe titel"
    assert {(t.facet, t.code) for t in item.tags.all()} >= {("theme", "geld")}
    assert AuditEvent.objects.filter(action="knowledge.update").exists()
    with pytest.raises(PermissionDenied):
        actions.update_item(other_user, item, item_data())


def test_useful_toggles_once_per_user(make_item, other_user):
    item = make_item()
    assert actions.mark_useful(other_user, item) is True
    assert item.useful_marks.count() == 1
    assert actions.mark_useful(other_user, item) is False
    assert item.useful_marks.count() == 0


def test_create_and_edit_pages(client, editor_user, make_collective):
    collective = make_collective()
    client.force_login(editor_user)
    response = client.post(
        "/kennis/nieuw/", {**item_data(title="Over de ALV"), "collective": collective.slug}
    )
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "Over de ALV" in html and collective.name in html
    bad = client.post("/kennis/nieuw/", {"collective": collective.slug, "title": ""})
    assert "Vul dit veld in." in bad.content.decode()


def test_strangers_cannot_share(client, other_user):
    client.force_login(other_user)
    assert client.get("/kennis/nieuw/").status_code == 403
