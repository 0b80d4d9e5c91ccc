"""A user deletes their account: the collectives stay, the audit log keeps its events under the
pseudonym, and nothing links that pseudonym to the person any more."""

from opmars.accounts.models import AuditEvent, Pseudonym, User
from tests.accounts.conftest import PASSWORD


def test_deleting_keeps_the_collective_and_the_pseudonymous_events(world, client_as):
    code = Pseudonym.objects.get(user=world.editor_b).code
    events = AuditEvent.objects.filter(actor_pseudonym=code).count()
    client = client_as(world.editor_b)
    response = client.post("/account/verwijderen/", {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(email="bert@example.org").exists()
    assert not Pseudonym.objects.filter(code=code).exists()
    world.b.refresh_from_db()  # the collective and its reports stay
    assert world.b.impact_reports.exists() and not world.b.editors.exists()
    assert AuditEvent.objects.filter(actor_pseudonym=code).count() == events + 1
    assert AuditEvent.objects.filter(action="account.delete", actor_pseudonym=code).exists()
    # Staff now see only the pseudonym in the log.
    log = client_as(world.staff).get(f"/collectieven/{world.b.slug}/logboek/").content.decode()
    assert code in log and "bert@example.org" not in log


def test_a_wrong_password_deletes_nothing(world, client_as):
    response = client_as(world.editor_b).post("/account/verwijderen/", {"password": "fout"})
    assert "Dit wachtwoord klopt niet" in response.content.decode()
    assert User.objects.filter(email="bert@example.org").exists()


def test_the_page_warns_a_sole_editor(world, client_as):
    page = client_as(world.editor_b).get("/account/verwijderen/").content.decode()
    assert "enige redacteur" in page and world.b.name in page


def test_an_orphaned_collective_can_be_claimed_again(world, client_as):
    client_as(world.editor_b).post("/account/verwijderen/", {"password": PASSWORD})
    page = client_as(world.other).get(f"/collectieven/{world.b.slug}/").content.decode()
    assert f"/collectieven/{world.b.slug}/claimen/" in page
