"""Forms for knowledge items, questions and messages; every message in Dutch."""

from django import forms
from django.utils.translation import gettext_lazy as _

from opmars.knowledge.models import ItemType, PostKind, Resource, Theme
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
    kind = forms.ChoiceField(label=_("Wat wilt u plaatsen?"), choices=PostKind.choices)
    resource = forms.ChoiceField(label=_("Waarover gaat het?"), choices=Resource.choices)
    title = forms.CharField(
        label=_("Uw vraag of aanbod in één zin"), max_length=200, error_messages=REQUIRED
    )
    body = forms.CharField(
        label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 6}), error_messages=REQUIRED
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Uw bericht"),
        min_length=10,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            **REQUIRED,
            "min_length": _("Schrijf minstens %(limit_value)d tekens."),
            "max_length": _("Schrijf hoogstens %(limit_value)d tekens."),
        },
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("Wat is er mis?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=REQUIRED,
    )
