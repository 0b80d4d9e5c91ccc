"""Anyone can read on /collectieven/{slug}/geschiedenis/ what changed in a collective's public
record, when, and which kind of actor changed it (the collective, a network, Opmars staff, an
import), with per field its latest source; never a person's name or a private value."""

import pytest

from opmars.accounts.audit import AuditAction, record
from opmars.networks.models import Membership, Network
from opmars.registry import actions
from opmars.registry.models import Collective


def history_page(client, collective):
    response = client.get(f"/collectieven/{collective.slug}/geschiedenis/")
    assert response.status_code == 200
    return response.content.decode()


def changed_section(html):
    return html[html.index('id="wijzigingen"') :]


def edit(actor, collective, **changes):
    data = {**actions.collective_form_initial(collective), **changes}
    return actions.update_collective(actor, collective, data)


@pytest.mark.django_db
def test_an_editors_change_shows_with_before_and_after_but_no_name(client, make_collective):
    collective = make_collective(name="Buurtcoöperatie De Linde", description="Oud verhaal")
    editor = collective.editors.get()
    edit(editor, collective, description="Nieuw verhaal over de buurt")
    html = changed_section(history_page(client, collective))
    assert "gegevens gewijzigd" in html and "de redactie van het collectief" in html
    assert "Oud verhaal" in html and "Nieuw verhaal over de buurt" in html
    assert editor.email not in html and str(editor) not in html


@pytest.mark.django_db
def test_a_private_value_never_shows(client, make_collective):
    collective = make_collective(contact_email="bestuur@linde.example")
    edit(collective.editors.get(), collective, contact_email="nieuw@linde.example")
    html = changed_section(history_page(client, collective))
    assert "linde.example" not in html


@pytest.mark.django_db
def test_staff_and_a_network_are_named_as_such(client, make_collective, staff_user, other_user):
    collective = make_collective()
    actions.verify_collective(staff_user, collective)
    network = Network.objects.get(slug="cooplink")
    Membership.objects.create(network=network, collective=collective, network_writes_facts=True)
    network.admins.add(other_user)
    actions.save_yearly_facts(other_user, collective, {"year": 2025, "members": 140})
    html = changed_section(history_page(client, collective))
    assert "geverifieerd" in html and "Opmars (medewerker)" in html
    assert f"netwerk {network.name}" in html
    assert "Leden (2025)" in html and "140" in html
    assert staff_user.email not in html and other_user.email not in html


@pytest.mark.django_db
def test_each_field_names_its_latest_source(client, make_collective, staff_user):
    collective = make_collective(website="https://oud.example")
    edit(collective.editors.get(), collective, website="https://eerst.example")
    edit(staff_user, Collective.objects.get(pk=collective.pk), website="https://laatst.example")
    html = changed_section(history_page(client, collective))
    sources = html[html.index("Waar elk gegeven vandaan komt") : html.index("Alle wijzigingen")]
    row = sources[sources.index("Website") :].split("</tr>")[0]
    assert "Opmars (medewerker)" in row and "redactie" not in row


@pytest.mark.django_db
def test_events_that_are_not_about_the_record_stay_out(client, make_collective, other_user):
    collective = make_collective()
    record(other_user, AuditAction.CLAIM_REQUEST, collective, {"role": "secretaris"})
    record(other_user, AuditAction.EDITOR_ADD, collective, {"editor": "iemand"})
    html = changed_section(history_page(client, collective))
    assert "claim" not in html and "redacteur toegevoegd" not in html
    assert "collectief aangemeld" in html  # the creation is about the record
