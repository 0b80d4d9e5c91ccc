"""A case names a collective in Opmars, a year, what it was about, an outcome and a source; each
missing or wrong field gets a Dutch message, and nothing is saved."""

import pytest

from opmars.rights.forms import RightCaseForm
from opmars.rights.models import RightCase

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_data(make_collective):
    collective = make_collective()
    return {
        "municipality": "GM0363",
        "right": "recht_op_overname",
        "collective": collective.slug,
        "year": "2025",
        "subject": "overname van het dorpshuis",
        "outcome": "lopend",
        "source_url": "https://example.org/raadsbesluit",
    }


def errors_of(data, **overrides):
    form = RightCaseForm(data | overrides)
    assert not form.is_valid()
    return {name: " ".join(messages) for name, messages in form.errors.items()}


def test_a_complete_case_is_valid(case_data):
    assert RightCaseForm(case_data).is_valid()


def test_a_case_needs_a_source(case_data):
    assert errors_of(case_data, source_url="") == {
        "source_url": "Vul de bron in: het webadres van het document."
    }


def test_a_collective_not_in_opmars_is_refused(case_data):
    assert (
        "staat niet in Opmars"
        in errors_of(case_data, collective="Onbekend Collectief")["collective"]
    )


def test_the_year_is_checked(case_data):
    assert "Kies een jaar van 1990" in errors_of(case_data, year="1850")["year"]
    assert "jaartal" in errors_of(case_data, year="vorig jaar")["year"]


def test_unknown_municipality_right_and_outcome(case_data):
    errors = errors_of(case_data, municipality="GM9999", right="x", outcome="gewonnen")
    assert set(errors) == {"municipality", "right", "outcome"}
    assert "toegekend" in errors["outcome"]


def test_the_page_saves_nothing_when_a_field_is_wrong(client, staff_user, case_data):
    client.force_login(staff_user)
    page = client.post("/lokale-rechten/zaken/nieuw/", case_data | {"subject": ""})
    assert "Vul in waar het over ging." in page.content.decode()
    assert not RightCase.objects.exists()
    answer = client.post("/lokale-rechten/zaken/nieuw/", case_data)
    assert answer.status_code == 302
    case = RightCase.objects.get()
    assert case.collective_name == case.collective.name
