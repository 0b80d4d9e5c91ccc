"""Registering, editing, yearly facts and verifying through the web forms."""

import pytest
from django.urls import reverse

from opmars.accounts.models import AuditEvent
from opmars.registry.models import Collective, YearlyFacts
from tests.conftest import collective_data

CREATE = reverse("collective_create")


def form_data(**overrides):
    """What the browser sends: booleans only when ticked, lists as repeated fields."""
    data = {k: v for k, v in collective_data(**overrides).items() if v is not False}
    return {k: ("on" if v is True else v) for k, v in data.items()}


def test_anonymous_visitors_are_sent_to_login(client, db):
    response = client.get(CREATE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_form_renders_every_field_with_label_and_help(client, editor_user):
    client.force_login(editor_user)
    html = client.get(CREATE).content.decode()
    for label in [
        "Naam",
        "Soort collectief",
        "Rechtsvorm",
        "Gemeente (vestigingsplaats)",
        "Postcode",
        "Terreinen",
        "Vrijwillig",
        "Contactadres",
    ]:
        assert label in html
    assert "Niet openbaar. Opmars stuurt hierheen berichten door." in html
    assert 'aria-describedby="id_name_helptext"' in html


def test_create_saves_redirects_and_audits(client, editor_user):
    client.force_login(editor_user)
    response = client.post(CREATE, form_data(name="Buurtcoöperatie Oost"), follow=True)
    collective = Collective.objects.get(name="Buurtcoöperatie Oost")
    assert response.redirect_chain[-1][0] == collective.get_absolute_url()
    assert "Buurtcoöperatie Oost is aangemeld." in response.content.decode()
    event = AuditEvent.objects.get(action="collective.create", target_id=collective.slug)
    assert event.actor == editor_user
    assert editor_user in collective.editors.all()
    assert collective.is_open and collective.domain_codes == ["zorg_welzijn"]


def test_bad_data_gives_dutch_errors_and_saves_nothing(client, editor_user):
    client.force_login(editor_user)
    response = client.post(
        CREATE, form_data(name="", kvk_number="123", founded_year="3000", website="geen url")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Niet opgeslagen: verbeter wat hieronder staat" in html
    assert "Vul de naam van het collectief in." in html
    assert "Een KvK-nummer heeft precies 8 cijfers." in html
    assert "Het oprichtingsjaar moet tussen 1800 en" in html
    assert "Vul een geldig webadres in" in html
    assert 'href="#id_kvk_number"' in html  # the summary links to the field
    assert 'value="123"' in html  # what was typed is kept
    assert not Collective.objects.exists()
    assert not AuditEvent.objects.exists()


def test_ambiguous_municipality_offers_the_candidates(client, editor_user):
    client.force_login(editor_user)
    html = client.post(CREATE, form_data(name="Dorpsraad Bergen", municipality="Bergen"))
    html = html.content.decode()
    assert "Deze naam past bij meer dan één gemeente" in html
    assert "Welke gemeente bedoel je?" in html
    assert 'name="municipality" value="GM0373"' in html
    assert 'name="municipality" value="GM0893"' in html
    # The browser sends the typed text and then the chosen option; the choice wins.
    data = form_data(name="Dorpsraad Bergen")
    data["municipality"] = ["Bergen", "GM0893"]
    response = client.post(CREATE, data)
    assert response.status_code == 302
    assert Collective.objects.get(name="Dorpsraad Bergen").municipality_id == "GM0893"


@pytest.fixture
def collective(make_collective):
    return make_collective(name="Buurtcoöperatie West", founded_year=2010)


def test_edit_form_is_filled_in_and_saves(client, collective, editor_user):
    url = reverse("collective_edit", args=[collective.slug])
    client.force_login(editor_user)
    html = client.get(url).content.decode()
    assert 'value="Buurtcoöperatie West"' in html
    assert 'value="GM0363"' in html
    response = client.post(
        url, form_data(name="Buurtcoöperatie West", founded_year="2011"), follow=True
    )
    assert "De wijzigingen zijn opgeslagen." in response.content.decode()
    collective.refresh_from_db()
    assert collective.founded_year == 2011
    event = AuditEvent.objects.get(action="collective.update")
    assert event.changes["founded_year"] == [2010, 2011]


def test_edit_errors_keep_the_old_record(client, collective, editor_user):
    client.force_login(editor_user)
    response = client.post(reverse("collective_edit", args=[collective.slug]), form_data(name=""))
    assert "Vul de naam van het collectief in." in response.content.decode()
    collective.refresh_from_db()
    assert collective.name == "Buurtcoöperatie West"


def test_other_users_cannot_edit(client, collective, other_user):
    client.force_login(other_user)
    for name in ("collective_edit", "collective_facts"):
        url = reverse(name, args=[collective.slug])
        assert client.get(url).status_code == 403
        response = client.post(url, form_data(name="Overgenomen", year="2023"))
        assert response.status_code == 403
        assert "Je bent geen redacteur van dit collectief." in response.content.decode()
    collective.refresh_from_db()
    assert collective.name == "Buurtcoöperatie West"
    assert not YearlyFacts.objects.exists()


def test_staff_may_edit_any_collective(client, collective, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("collective_edit", args=[collective.slug])).status_code == 200


def test_yearly_facts_are_saved_and_unknown_stays_empty(client, collective, editor_user):
    url = reverse("collective_facts", args=[collective.slug])
    client.force_login(editor_user)
    assert "Leden" in client.get(url).content.decode()
    response = client.post(url, {"year": "2023", "members": "85", "volunteers": ""}, follow=True)
    assert "De cijfers over 2023 zijn opgeslagen." in response.content.decode()
    facts = YearlyFacts.objects.get(collective=collective, year=2023)
    assert facts.members == 85 and facts.volunteers is None
    assert AuditEvent.objects.filter(action="facts.save").exists()
    # Opening that year again shows what is known and says it will be replaced.
    html = client.get(url, {"jaar": "2023"}).content.decode()
    assert 'value="85"' in html and "Wat je opslaat, vervangt ze." in html


def test_yearly_facts_errors_in_dutch(client, collective, editor_user):
    client.force_login(editor_user)
    url = reverse("collective_facts", args=[collective.slug])
    html = client.post(url, {"year": "2005", "members": "-3", "volunteers": "veel"})
    html = html.content.decode()
    assert "Het jaar ligt vóór het oprichtingsjaar (2010)." in html
    assert "Vul 0 of meer in." in html
    assert "Vul een heel getal in." in html
    assert not YearlyFacts.objects.exists()


def test_staff_verifies_with_a_post(client, collective, staff_user):
    url = reverse("collective_verify", args=[collective.slug])
    client.force_login(staff_user)
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert "Buurtcoöperatie West is geverifieerd." in response.content.decode()
    collective.refresh_from_db()
    assert collective.is_verified and collective.last_verified
    assert AuditEvent.objects.by(staff_user).filter(action="collective.verify").exists()


def test_editors_cannot_verify(client, collective, editor_user):
    client.force_login(editor_user)
    response = client.post(reverse("collective_verify", args=[collective.slug]))
    assert response.status_code == 403
    collective.refresh_from_db()
    assert not collective.is_verified


def test_anonymous_verify_goes_to_login(client, collective):
    response = client.post(reverse("collective_verify", args=[collective.slug]))
    assert response.status_code == 302
    collective.refresh_from_db()
    assert not collective.is_verified
