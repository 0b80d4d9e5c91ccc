"""Validation of local rights entries and cases, shared by the web forms, the CSV import and the
demo seed. Messages are Dutch, name the field by its label and say what to do."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from opmars.common.lazytext import interpolated
from opmars.common.register_import import choice_field as _choice
from opmars.geo.lookup import resolve_municipality
from opmars.registry.models import Collective
from opmars.rights.models import Outcome, Right, Status

DATE_FORMATS = ["%d-%m-%Y", "%Y-%m-%d"]
DATE_ERROR = gettext_lazy("Schrijf de datum als dd-mm-jjjj, bijvoorbeeld 01-03-2026.")
FIRST_YEAR = 1990


def _date_field(label, required=False, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        help_text=help_text,
        error_messages={
            "invalid": DATE_ERROR,
            "required": interpolated(gettext_noop("Vul '%(label)s' in."), label=label),
        },
    )


def _url_field(label, required, help_text):
    return forms.URLField(
        label=label,
        required=required,
        max_length=500,
        assume_scheme="https",
        help_text=help_text,
        error_messages={
            "invalid": gettext_lazy(
                "Vul een volledig webadres in, zoals "
                "https://lokaleregelgeving.overheid.nl/CVDR123456."
            ),
            "required": interpolated(
                gettext_noop("Vul de %(label)s in: het webadres van het document."), label=label
            ),
            "max_length": gettext_lazy("Het webadres is te lang (hoogstens 500 tekens)."),
        },
    )


class MunicipalityField(forms.CharField):
    """A municipality by CBS code or name (a former one leads to its successor)."""

    def clean(self, value):
        raw = super().clean(value)
        resolution = resolve_municipality(raw)
        if resolution.error:
            raise ValidationError(f"'{raw}': {resolution.error}")
        return resolution.municipality


def _municipality_field():
    return MunicipalityField(
        label=gettext_lazy("gemeente"),
        max_length=100,
        help_text=gettext_lazy("Naam of CBS-code, zoals GM0363."),
        error_messages={"required": gettext_lazy("Vul de gemeente in (naam of CBS-code).")},
    )


def _no_future(form, name):
    value = form.cleaned_data.get(name)
    if value and value > date.today():
        form.add_error(
            name,
            _("%(label)s kan niet in de toekomst liggen.") % {"label": form.fields[name].label},
        )


class LocalRightForm(forms.Form):
    municipality = _municipality_field()
    right = _choice(gettext_lazy("recht"), Right.choices, gettext_lazy("het recht"))
    status = _choice(gettext_lazy("status"), Status.choices, gettext_lazy("ja, nee of onbekend"))
    since = _date_field(
        gettext_lazy("sinds"),
        help_text=gettext_lazy("Sinds wanneer het recht geldt (dd-mm-jjjj). Alleen bij ja."),
    )
    instrument = forms.CharField(
        label=gettext_lazy("regeling"),
        max_length=200,
        required=False,
        help_text=gettext_lazy(
            "Waar het geregeld is, bijvoorbeeld 'Participatieverordening 2025'."
        ),
        error_messages={
            "max_length": gettext_lazy("Schrijf het korter: hoogstens 200 tekens."),
        },
    )
    source_url = _url_field(
        gettext_lazy("brondocument"),
        required=False,
        help_text=gettext_lazy(
            "Webadres van het document waarin het staat, bijvoorbeeld de verordening op "
            "lokaleregelgeving.overheid.nl. Nodig bij ja en bij nee."
        ),
    )
    source_date = _date_field(
        gettext_lazy("datum van het brondocument"),
        help_text=gettext_lazy("Bijvoorbeeld de datum waarop de verordening ging gelden."),
    )
    last_checked = _date_field(
        gettext_lazy("laatst nagekeken"),
        required=True,
        help_text=gettext_lazy("Wanneer iemand het brondocument voor het laatst bekeek."),
    )
    note = forms.CharField(
        label=gettext_lazy("toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_demo = forms.BooleanField(
        label=gettext_lazy("fictief voorbeeld (geen echte gegevens)"), required=False
    )

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if status in (Status.JA, Status.NEE) and not data.get("source_url"):
            if "source_url" not in self.errors:
                self.add_error(
                    "source_url",
                    _(
                        "Vul het brondocument in: bij '%(status)s' hoort het webadres van het "
                        "document waarin dat staat, zoals de participatieverordening. Weet je "
                        "het niet zeker? Kies dan 'onbekend'."
                    )
                    % {"status": Status(status).label},
                )
        if data.get("since") and status != Status.JA:
            self.add_error(
                "since",
                _(
                    "Vul dit alleen in als de status 'ja' is; bij nee of onbekend geldt het "
                    "recht niet."
                ),
            )
        _no_future(self, "last_checked")
        if data.get("source_date") and data.get("last_checked"):
            if data["source_date"] > data["last_checked"]:
                self.add_error(
                    "source_date",
                    _(
                        "Deze datum ligt na 'laatst nagekeken'. Een document kan pas worden "
                        "nagekeken als het er is."
                    ),
                )
        return data


class RightCaseForm(forms.Form):
    municipality = _municipality_field()
    right = _choice(gettext_lazy("recht"), Right.choices, gettext_lazy("het recht"))
    collective = forms.CharField(
        label=gettext_lazy("collectief"),
        max_length=200,
        help_text=gettext_lazy(
            "De naam of het webadres-deel (slug) van het collectief in Opmars, zoals "
            "'energiecooperatie-achterhoek'."
        ),
        error_messages={"required": gettext_lazy("Vul het collectief in (naam of slug).")},
    )
    year = forms.IntegerField(
        label=gettext_lazy("jaar"),
        error_messages={
            "required": gettext_lazy("Vul het jaar in."),
            "invalid": gettext_lazy("Vul een jaartal in, zoals 2025."),
        },
    )
    subject = forms.CharField(
        label=gettext_lazy("waar ging het over"),
        max_length=300,
        help_text=gettext_lazy("Bijvoorbeeld 'beheer van het dorpshuis' of 'groenonderhoud'."),
        error_messages={
            "required": gettext_lazy("Vul in waar het over ging."),
            "max_length": gettext_lazy("Schrijf het korter: hoogstens 300 tekens."),
        },
    )
    outcome = _choice(gettext_lazy("uitkomst"), Outcome.choices, gettext_lazy("de uitkomst"))
    source_url = _url_field(
        gettext_lazy("bron"),
        required=True,
        help_text=gettext_lazy("Webadres van een besluit, raadsstuk of bericht over deze zaak."),
    )
    source_date = _date_field(gettext_lazy("datum van de bron"))
    note = forms.CharField(
        label=gettext_lazy("toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_demo = forms.BooleanField(
        label=gettext_lazy("fictief voorbeeld (geen echte gegevens)"), required=False
    )

    def clean_year(self):
        year = self.cleaned_data["year"]
        high = date.today().year
        if not FIRST_YEAR <= year <= high:
            raise ValidationError(
                _("Kies een jaar van %(low)s tot en met %(high)s.")
                % {"low": FIRST_YEAR, "high": high}
            )
        return year

    def clean_collective(self):
        raw = self.cleaned_data["collective"].strip()
        found = Collective.objects.filter(slug=raw).first()
        if found is not None:
            return found
        named = list(Collective.objects.filter(name__iexact=raw)[:5])
        if len(named) == 1:
            return named[0]
        if named:
            raise ValidationError(
                _("Meer collectieven heten '%(name)s'. Gebruik de slug: %(slugs)s.")
                % {"name": raw, "slugs": ", ".join(c.slug for c in named)}
            )
        raise ValidationError(
            _("'%(name)s' staat niet in Opmars. Meld het collectief eerst aan.") % {"name": raw}
        )

    def clean(self):
        data = super().clean()
        _no_future(self, "source_date")
        return data
