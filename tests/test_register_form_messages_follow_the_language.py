"""A register form's messages with a value filled in (the codes to choose from, the field's
label) are translated when they are shown, not when the module was imported: on the English
site they are English, on the Dutch site Dutch."""

from django.utils import translation

from opmars.finance.forms import RouteForm
from opmars.rights.forms import LocalRightForm


def errors_in(language, form_class, data):
    with translation.override(language):
        form = form_class(data)
        form.is_valid()
        return {name: " ".join(str(e) for e in errors) for name, errors in form.errors.items()}


def test_a_choice_error_speaks_the_language_of_the_page(db):
    data = {"route_type": "zzz", "kinds": ["qq"]}
    english = errors_in("en", RouteForm, data)
    assert english["route_type"].startswith("We do not know 'zzz'. Choose from: fonds")
    assert "as a type of collective" in english["kinds"]
    dutch = errors_in("nl", RouteForm, data)
    assert dutch["route_type"].startswith("'zzz' kennen we niet. Kies uit: fonds")
    assert "kennen we niet als soort collectief" in dutch["kinds"]


def test_a_required_field_names_its_label_in_the_language_of_the_page(db):
    english = errors_in("en", LocalRightForm, {"status": "onbekend"})
    assert english["right"] == "Choose the right."
    assert english["last_checked"] == "Enter 'last checked'."
    dutch = errors_in("nl", LocalRightForm, {"status": "onbekend"})
    assert dutch["right"] == "Kies het recht."
    assert dutch["last_checked"] == "Vul 'laatst nagekeken' in."
