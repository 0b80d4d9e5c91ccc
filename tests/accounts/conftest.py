"""A small world with every role: collectives A (listed, consents to its municipality), U
(unlisted) and B, networks N (A and U) and M (B), two municipality viewers, and staff."""

from types import SimpleNamespace

import pytest

from opmars.accounts.models import MunicipalityViewer, User
from opmars.impact import actions as impact_actions
from opmars.networks.models import Membership, Network
from opmars.registry import actions
from tests.conftest import collective_data
from tests.impact.test_reports import form_data as impact_form_data

PASSWORD = "geheim-wachtwoord-1"


def user(email, **flags):
    return User.objects.create_user(email=email, password=PASSWORD, **flags)


def collective(editor, name, municipality, **flags):
    made = actions.create_collective(
        editor, collective_data(name=name, municipality=municipality, founded_year=2010)
    )
    if flags:
        type(made).objects.filter(pk=made.pk).update(**flags)
        made.refresh_from_db()
    return made


def network(slug, admin, *members):
    made = Network.objects.create(slug=slug, name=slug.title(), kind="thematisch")
    made.admins.add(admin)
    for member in members:
        Membership.objects.create(network=made, collective=member)
    return made


def viewer(email, municipality):
    officer = user(email)
    MunicipalityViewer.objects.create(user=officer, municipality_id=municipality)
    return officer


@pytest.fixture
def world(db):
    w = SimpleNamespace(
        other=user("iemand@example.org"),
        editor_a=user("anouk@example.org"),
        editor_b=user("bert@example.org"),
        admin_n=user("nina@example.org"),
        admin_m=user("mo@example.org"),
        viewer_consent=viewer("ambtenaar@amsterdam.example.org", "GM0363"),
        viewer_no_consent=viewer("ambtenaar@rotterdam.example.org", "GM0599"),
        staff=user("staf@example.org", is_staff=True),
        anonymous=None,
    )
    w.a = collective(
        w.editor_a, "Buurtkracht Amstel", "GM0363", shares_drafts_with_municipality=True
    )
    w.u = collective(w.editor_a, "Verborgen Wijkraad Zonnehoek", "GM0363", is_unlisted=True)
    w.b = collective(w.editor_b, "Energie Maasoever", "GM0599")
    w.n = network("netwerk-n", w.admin_n, w.a, w.u)
    w.m = network("netwerk-m", w.admin_m, w.b)
    impact_actions.save_report(w.editor_a, w.a, impact_form_data(year=2024))
    impact_actions.save_report(w.editor_b, w.b, impact_form_data(year=2024))
    return w


@pytest.fixture
def client_as(client):
    """A test client signed in as the given user (None: anonymous)."""

    def sign_in(person):
        client.logout()
        if person is not None:
            client.force_login(person)
        return client

    return sign_in
