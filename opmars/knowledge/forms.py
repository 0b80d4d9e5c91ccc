"""Forms for knowledge items, questions and messages; every message in Dutch."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opmars.knowledge.models import ActivityKind, ItemType, PostKind, Resource, Theme
from opmars.registry.vocab import Domain, Kind

REQUIRED = {"required": _("Vul dit veld in.")}


class KnowledgeItemForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200, error_messages=REQUIRED)
    item_type = forms.ChoiceField(
        label=_("Soort kennis"), choices=ItemType.choices, error_messages=REQUIRED
    )
    summary = forms.CharField(
        label=_("Samenvatting in één of twee zinnen"), max_length=300, error_messages=REQUIRED
    )
    body = forms.CharField(
        label=_("Tekst"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "Markdown mag: **vet**, *schuin*, lijstjes met - en links als [tekst](https://…)."
        ),
        error_messages=REQUIRED,
    )
    kinds = forms.MultipleChoiceField(
        label=_("Voor welke soorten collectieven"),
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    domains = forms.MultipleChoiceField(
        label=_("Terreinen"),
        choices=Domain.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.MultipleChoiceField(
        label=_("Thema's"),
        choices=Theme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    last_reviewed = forms.DateField(
        label=_("Laatst nagekeken (dd-mm-jjjj)"),
        required=False,
        input_formats=["%d-%m-%Y", "%Y-%m-%d"],
        error_messages={"invalid": _("Schrijf de datum als dd-mm-jjjj, bijvoorbeeld 01-03-2026.")},
    )


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Wat wil je plaatsen?"), choices=PostKind.choices)
    resource = forms.ChoiceField(label=_("Waarover gaat het?"), choices=Resource.choices)
    title = forms.CharField(
        label=_("Je vraag of aanbod in één zin"), max_length=200, error_messages=REQUIRED
    )
    body = forms.CharField(
        label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 6}), error_messages=REQUIRED
    )


MESSAGE_ERRORS = {
    **REQUIRED,
    "min_length": _("Schrijf minstens %(limit_value)d tekens."),
    "max_length": _("Schrijf hoogstens %(limit_value)d tekens."),
}
# The sign_as choice for "only my name", next to the slugs of the sender's collectives.
NAME_ONLY = "naam"


class MessageForm(forms.Form):
    """A first message: the text, and how the sender shows up on the other side (a collective
    they edit, or a name they type). Never an e-mail address."""

    sign_as = forms.ChoiceField(label=_("Wie stuurt dit bericht?"), required=False)
    name = forms.CharField(
        label=_("Je naam zoals het collectief die ziet"),
        max_length=100,
        required=False,
        help_text=_("Alleen als je niet namens een collectief schrijft. Geen e-mailadres."),
    )
    body = forms.CharField(
        label=_("Je bericht"),
        min_length=10,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages=MESSAGE_ERRORS,
    )

    def __init__(self, *args, collectives=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sign_as"].choices = [
            *((c.slug, _("Namens %(name)s") % {"name": c.name}) for c in collectives),
            (NAME_ONLY, _("Alleen met mijn naam")),
        ]

    def clean_sign_as(self):
        return self.cleaned_data["sign_as"] or NAME_ONLY

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if "@" in name:
            raise forms.ValidationError(
                _("Vul een naam in, geen e-mailadres: Opmars geeft geen adressen door.")
            )
        return name


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Je antwoord"),
        min_length=2,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages=MESSAGE_ERRORS,
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("Wat is er mis?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=REQUIRED,
    )


class SharingActivityForm(forms.Form):
    """A network logs a talk, visit or workshop of one of its members."""

    collective = forms.ChoiceField(
        label=_("Collectief dat zijn kennis deelde"), error_messages=REQUIRED
    )
    kind = forms.ChoiceField(
        label=_("Soort"), choices=ActivityKind.choices, error_messages=REQUIRED
    )
    title = forms.CharField(label=_("Waarover"), max_length=200, error_messages=REQUIRED)
    held_on = forms.DateField(
        label=_("Datum"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={**REQUIRED, "invalid": _("Vul een datum in, zoals 2026-03-14.")},
    )
    audience = forms.CharField(
        label=_("Voor wie"),
        max_length=200,
        help_text=_("Bijvoorbeeld: drie dorpsraden uit de regio."),
        error_messages=REQUIRED,
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collective"].choices = [("", "")] + [(str(c.pk), c.name) for c in members]
        self.fields["collective"].error_messages["invalid_choice"] = _(
            "Kies een collectief dat lid is van dit netwerk."
        )

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(
                _("Deze datum ligt in de toekomst; leg vast wat al gebeurde.")
            )
        return held_on
