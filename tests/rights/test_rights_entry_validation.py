"""A rights entry is checked field by field with a Dutch message naming the field; a bad entry
saves nothing."""

import pytest

from opmars.rights.forms import LocalRightForm
from opmars.rights.models import LocalRight

from .conftest import entry_data

pytestmark = pytest.mark.django_db


def errors_of(**overrides):
    form = LocalRightForm(entry_data(**overrides))
    assert not form.is_valid()
    return {name: " ".join(messages) for name, messages in form.errors.items()}


def test_a_complete_entry_is_valid():
    form = LocalRightForm(entry_data())
    assert form.is_valid(), form.errors
    assert form.cleaned_data["municipality"].code == "GM0363"


@pytest.mark.parametrize("status", ["ja", "nee"])
def test_ja_or_nee_without_a_source_document_is_refused(status):
    errors = errors_of(status=status, source_url="", since="" if status == "nee" else "01-01-2025")
    assert list(errors) == ["source_url"]
    assert "brondocument" in errors["source_url"]


def test_onbekend_needs_no_source_document():
    assert LocalRightForm(entry_data(status="onbekend", since="", source_url="")).is_valid()


def test_an_unknown_municipality_is_refused():
    assert "Deze gemeente kennen we niet" in errors_of(municipality="Atlantis")["municipality"]


def test_an_unknown_right_is_refused_with_the_choices():
    message = errors_of(right="recht_op_alles")["right"]
    assert "recht_op_alles" in message and "uitdaagrecht" in message


def test_an_unknown_status_is_refused():
    assert "ja, nee, onbekend" in errors_of(status="misschien")["status"]


def test_last_checked_is_required_and_not_in_the_future():
    assert "laatst nagekeken" in errors_of(last_checked="")["last_checked"]
    assert "toekomst" in errors_of(last_checked="01-01-2999")["last_checked"]


def test_since_only_with_ja():
    assert "alleen" in errors_of(status="nee", since="01-01-2020")["since"]


def test_dates_in_another_format_are_explained():
    assert "dd-mm-jjjj" in errors_of(since="1 januari")["since"]


def test_a_source_date_after_the_check_is_refused():
    assert "na 'laatst nagekeken'" in errors_of(source_date="02-03-2026")["source_date"]


def test_a_source_that_is_not_a_web_address_is_refused():
    assert "webadres" in errors_of(source_url="in de la")["source_url"]


def test_the_web_form_shows_the_field_label_and_saves_nothing(client, staff_user):
    client.force_login(staff_user)
    page = client.post("/lokale-rechten/vastleggen/", entry_data(source_url="")).content.decode()
    assert "Niet opgeslagen" in page
    assert ">brondocument</a>: Vul het brondocument in" in page
    assert not LocalRight.objects.exists()
