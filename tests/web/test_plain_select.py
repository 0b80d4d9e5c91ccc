"""The filter form's select renders the same HTML as Django's own Select, without a template per
option (the directory page renders about 400 options on every request)."""

from django import forms
from django.test.html import parse_html

from opmars.ui.widgets import PlainSelect

CHOICES = [
    ("", "Alle gemeenten"),
    ("GM0363", "Amsterdam"),
    ("GM0014", "Groningen & <omgeving>"),
    ("Noord", [("GM0080", "Leeuwarden"), ("GM0088", "Schiermonnikoog")]),
]


def rendered(widget_class, value, attrs=None):
    widget = widget_class(choices=CHOICES, attrs={"class": "wide"})
    return widget.render("municipality", value, attrs=attrs)


def test_same_html_as_django_select_with_a_selected_value_and_groups():
    attrs = {"id": "id_municipality", "aria-describedby": "id_municipality_helptext"}
    plain = rendered(PlainSelect, "GM0088", attrs)
    assert parse_html(plain) == parse_html(rendered(forms.Select, "GM0088", attrs))
    assert '<option value="GM0088" selected>Schiermonnikoog</option>' in plain


def test_labels_and_values_are_escaped():
    plain = rendered(PlainSelect, "")
    assert "Groningen &amp; &lt;omgeving&gt;" in plain
    assert "<omgeving>" not in plain


def test_nothing_selected_when_the_value_is_unknown():
    assert " selected" not in rendered(PlainSelect, "GM9999")
