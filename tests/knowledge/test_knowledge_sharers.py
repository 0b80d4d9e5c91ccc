"""Knowledge-sharing credit (issue 16, ask 2): what others confirmed a collective shared — helpful
conversations, useful marks, answers, talks a network logged — per municipality, network and
year; people only with their consent; no self-marks; a spreadsheet and an API for a reward
scheme."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from opmars.accounts.audit import AuditAction
from opmars.accounts.models import AuditEvent, User
from opmars.common.errors import ActionError
from opmars.knowledge import actions, sharers
from opmars.knowledge.models import Reply, SharingActivity, UsefulMark
from opmars.networks.models import Membership, Network
from opmars.registry.models import Collective
from tests.knowledge.conftest import send

PASSWORD = "geheim-wachtwoord-1"


@pytest.fixture
def sharer(make_item):
    """A collective (in Amsterdam) with one knowledge item written by its editor, anouk@."""
    return make_item(title="Zo werven wij leden").collectives.get()


@pytest.fixture
def network(sharer):
    network = Network.objects.get(slug="cooplink")
    Membership.objects.create(network=network, collective=sharer)
    return network


@pytest.fixture
def network_admin(network):
    admin = User.objects.create_user(email="bram@example.org", password=PASSWORD)
    network.admins.add(admin)
    return admin


def activity(network, collective, held_on, title="Lezing over ledenwerving"):
    return {
        "collective": str(collective.pk),
        "kind": "lezing",
        "title": title,
        "held_on": held_on.isoformat(),
        "audience": "drie dorpsraden",
    }


def credit_of(collective, year=None):
    rows = sharers.collective_credit(Collective.objects.filter(pk=collective.pk), year)
    return rows[0].figures if rows else None


def test_what_others_confirmed_counts_and_self_marks_do_not(
    sharer, editor_user, other_user, make_collective, network, network_admin
):
    item = sharer.knowledge_items.get()
    actions.mark_useful(other_user, item)
    with pytest.raises(ActionError, match="eigen kennis"):
        actions.mark_useful(editor_user, item)
    # A self-mark from before the rule is in the table, but it is not counted.
    UsefulMark.objects.create(item=item, user=editor_user)
    asker = make_collective(name="Jonge Energie")
    asker.editors.set([other_user])
    message = send(other_user, sharer, sign_as=asker.slug)
    actions.mark_helped(other_user, message)
    actions.log_sharing_activity(
        network_admin, network, activity(network, sharer, timezone.localdate())
    )
    assert credit_of(sharer) == {
        "helped": 1,
        "useful": 1,
        "answers": 0,
        "activities": 1,
        "items": 1,
    }
    assert sharers.collective_credit(Collective.objects.filter(pk=sharer.pk))[0].total == 3


def test_a_year_counts_only_what_happened_in_it(sharer, network, network_admin):
    last_year = timezone.localdate().replace(month=6, day=1) - datetime.timedelta(days=366)
    actions.log_sharing_activity(network_admin, network, activity(network, sharer, last_year))
    this_year = timezone.localdate().year
    assert credit_of(sharer, this_year)["activities"] == 0
    assert credit_of(sharer, last_year.year)["activities"] == 1
    assert credit_of(sharer)["activities"] == 1


def test_a_person_is_shown_by_name_only_after_consenting(
    client, sharer, other_user, make_collective, editor_user
):
    asker = make_collective(name="Jonge Energie")
    asker.editors.set([other_user])
    message = send(other_user, sharer, sign_as=asker.slug)
    Reply.objects.create(message=message, author=editor_user, from_recipient=True, body="Zo.")
    actions.mark_helped(other_user, message)
    editor_user.first_name, editor_user.last_name = "Anouk", "de Vries"
    editor_user.save()
    everyone = Collective.objects.all()
    assert sharers.consenting_people(everyone) == []
    assert "Anouk de Vries" not in client.get("/kennisdelers/").content.decode()

    client.force_login(editor_user)
    client.post("/account/kennisdeler/", {"tonen": "ja"})
    (person,) = sharers.consenting_people(everyone)
    assert (person.name, person.figures["helped"], person.figures["items"]) == (
        "Anouk de Vries",
        1,
        1,
    )
    assert "Anouk de Vries" in client.get("/kennisdelers/").content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.SHARER_CONSENT).count() == 1

    client.post("/account/kennisdeler/", {"tonen": "nee"})
    assert sharers.consenting_people(everyone) == []


def test_only_the_networks_admins_log_and_bad_input_saves_nothing(
    client, sharer, network, network_admin, other_user, make_collective
):
    url = f"/netwerken/{network.slug}/kennisdeling/"
    today = timezone.localdate()
    client.force_login(other_user)
    assert client.post(url, activity(network, sharer, today)).status_code == 403

    client.force_login(network_admin)
    stranger = make_collective(name="Niet Aangesloten")
    answer = client.post(url, activity(network, stranger, today))
    assert "Kies een collectief dat lid is van dit netwerk." in answer.content.decode()
    tomorrow = today + datetime.timedelta(days=1)
    answer = client.post(url, activity(network, sharer, tomorrow))
    assert "Deze datum ligt in de toekomst" in answer.content.decode()
    answer = client.post(url, {**activity(network, sharer, today), "title": ""})
    assert "Vul dit veld in." in answer.content.decode()
    assert not SharingActivity.objects.exists()

    answer = client.post(url, activity(network, sharer, today), follow=True)
    assert "De kennisdeling is vastgelegd." in answer.content.decode()
    logged = SharingActivity.objects.get()
    assert (logged.collective, logged.logged_by) == (sharer, network_admin)
    assert AuditEvent.objects.filter(action=AuditAction.SHARING_LOG).count() == 1

    client.post(f"/kennisdeling/{logged.pk}/verwijderen/")
    assert not SharingActivity.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.SHARING_REMOVE).count() == 1


def test_the_spreadsheet_for_a_reward_scheme(client, sharer, other_user):
    actions.mark_useful(other_user, sharer.knowledge_items.get())
    answer = client.get("/kennisdelers/export.csv?gemeente=GM0363")
    text = answer.content.decode("utf-8")
    assert text.startswith("\ufeff") and answer["Content-Type"].startswith("text/csv")
    header, *rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert header[:5] == ["soort", "naam", "gemeente", "adres op Opmars", "dit hielp ons"]
    (row,) = rows
    assert row[:3] == ["collectief", sharer.name, "Amsterdam"]
    assert row[header.index("nuttig gevonden")] == "1"
    assert row[header.index("periode")] == "alle jaren"
    elsewhere = client.get("/kennisdelers/export.csv?gemeente=GM0344").content.decode()
    assert sharer.name not in elsewhere
    assert client.get("/kennisdelers/?gemeente=GM9999").status_code == 404


def test_the_api_lists_sharers_of_a_municipality(client, sharer, other_user):
    actions.mark_useful(other_user, sharer.knowledge_items.get())
    body = client.get("/api/v1/knowledge-sharers?municipality=GM0363").json()
    assert body["count"] == 1 and body["year"] is None
    (row,) = body["items"]
    assert (row["type"], row["slug"], row["total"]) == ("collective", sharer.slug, 1)
    assert row["figures"] == {"helped": 0, "useful": 1, "answers": 0, "activities": 0, "items": 1}
    wrong = client.get("/api/v1/knowledge-sharers?municipality=GM9999")
    assert wrong.status_code == 400
    assert wrong.json()["errors"][0]["field"] == "municipality"


def test_a_consenting_persons_page_says_what_for_whom_and_when(
    client, sharer, other_user, make_collective, editor_user
):
    asker = make_collective(name="Jonge Energie")
    asker.editors.set([other_user])
    message = send(other_user, sharer, sign_as=asker.slug)
    Reply.objects.create(message=message, author=editor_user, from_recipient=True, body="Zo.")
    actions.mark_helped(other_user, message)
    editor_user.first_name, editor_user.last_name = "Anouk", "de Vries"
    editor_user.save()
    url = f"/kennisdelers/mensen/{editor_user.pk}/"
    assert client.get(url).status_code == 404  # no consent, no page
    actions.set_sharer_consent(editor_user, True)
    page = client.get(url).content.decode()
    assert "Anouk de Vries, kennisdeler" in page
    assert "Zo werven wij leden" in page and "Hielp Jonge Energie" in page
    assert url in client.get("/kennisdelers/").content.decode()


def test_moderation_takes_away_a_mark_that_was_abuse(
    client, sharer, other_user, staff_user, editor_user
):
    actions.mark_useful(other_user, sharer.knowledge_items.get())
    mark = UsefulMark.objects.get()
    client.force_login(editor_user)
    assert client.get("/moderatie/markeringen/").status_code == 403
    assert (
        client.post("/moderatie/markeringen/", {"soort": "nuttig", "id": mark.pk}).status_code
        == 403
    )
    client.force_login(staff_user)
    assert "Zo werven wij leden" in client.get("/moderatie/markeringen/").content.decode()
    client.post("/moderatie/markeringen/", {"soort": "nuttig", "id": mark.pk})
    assert not UsefulMark.objects.exists()
    assert credit_of(sharer)["useful"] == 0
    assert AuditEvent.objects.filter(action=AuditAction.MARK_REMOVE).count() == 1
