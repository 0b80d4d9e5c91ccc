"""The upload form of the import flow and the labels of the fields a column can feed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from opmars.registry.forms import CollectiveForm, YearlyFactsForm

TYPE_CHOICES = [
    ("collectives", _("Collectieven")),
    ("facts", _("Jaarcijfers van collectieven")),
    ("impact", _("Impactuitkomsten per collectief en jaar")),
]
EXTRA_LABELS = {
    "external_id": _("Eigen nummer in de lijst (bron-id)"),
    "last_verified": _("Laatst gecontroleerd"),
    "slug": _("Opmars-sleutel (slug)"),
    "name": _("Naam"),
    "kvk_number": _("KvK-nummer"),
    "municipality": _("Gemeente"),
}


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_("CSV (met ; of ,) of Excel (.xlsx). De eerste regel bevat de kolomnamen."),
        error_messages={"required": _("Kies een bestand.")},
    )
    kind = forms.ChoiceField(
        label=_("Wat staat erin?"), choices=TYPE_CHOICES, initial="collectives"
    )
    network = forms.ModelChoiceField(
        label=_("Namens netwerk"),
        queryset=None,
        required=False,
        empty_label=_("Geen netwerk (Opmars)"),
        help_text=_(
            "Nieuwe collectieven worden lid van dit netwerk. Bestaande collectieven die nog "
            "geen lid zijn, krijgen een uitnodiging (door Opmars geïmporteerd: meteen lid)."
        ),
    )

    def __init__(self, *args, user=None, **kwargs):
        from opmars.accounts.policy import importable_networks

        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = importable_networks(user).order_by("name")
        if user is not None and not user.is_staff:
            # A network admin imports on behalf of one of their networks, never as Opmars.
            self.fields["network"].required = True
            self.fields["network"].empty_label = None
            self.fields["network"].error_messages["required"] = _("Kies je netwerk.")


def field_choices(kind):
    """(field, label) for the column mapping's choices, in the synonyms' order."""
    from opmars.dataio.importing import SYNONYMS

    labels = {}
    for form in _forms_for(kind):
        labels.update({name: field.label for name, field in form.fields.items()})
    return [(name, EXTRA_LABELS.get(name) or labels.get(name) or name) for name in SYNONYMS[kind]]


def field_labels(kind, names):
    """The labels people read for field names (the changes a dry run lists), never the code."""
    labels = {}
    for form in _forms_for(kind):
        labels.update({name: field.label for name, field in form.fields.items()})
    labels.update(EXTRA_LABELS)
    return [str(labels.get(name) or name) for name in names]


def _forms_for(kind):
    if kind == "collectives":
        return [CollectiveForm()]
    if kind == "impact":
        from opmars.impact.forms import OutcomeForm, ReportForm

        return [YearlyFactsForm(), ReportForm(), OutcomeForm()]
    return [YearlyFactsForm()]
