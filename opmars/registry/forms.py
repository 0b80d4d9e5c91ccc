"""Validation of collectives and yearly facts, shared by the web form, the API, the CLI and imports.

Messages are Dutch, name the field and say what to do.
"""

import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opmars.geo.lookup import normalise_postcode, postcode_point, resolve_municipality
from opmars.geo.shapes import in_netherlands
from opmars.registry.fields import COLLECTIVE, FACTS, imported, named
from opmars.registry.models import Collective, Review, YearlyFacts
from opmars.registry.vocab import (
    CHARACTERISTICS,
    DatePrecision,
    Domain,
    EventKind,
    Kind,
    LegalForm,
    Status,
)

FIRST_YEAR = 1800
LABELS = {name: field.label for name, field in named(COLLECTIVE).items()}


def current_year():
    return date.today().year


def validate_year(value, label):
    """`label` is lazy where a bulk import checks every row: it is read only for the error."""
    if value is not None and not FIRST_YEAR <= value <= current_year():
        raise ValidationError(
            _("%(label)s moet tussen %(low)s en %(high)s liggen.")
            % {"label": label, "low": FIRST_YEAR, "high": current_year()}
        )


class CollectiveForm(forms.Form):
    name = forms.CharField(
        label=LABELS["name"],
        max_length=200,
        help_text=gettext_lazy("De naam zoals jullie die zelf gebruiken."),
        error_messages={"required": gettext_lazy("Vul de naam van het collectief in.")},
    )
    kind = forms.ChoiceField(
        label=LABELS["kind"],
        choices=Kind.choices,
        help_text=gettext_lazy("Kies wat het best past. Twijfel je? Kies 'Overig'."),
    )
    legal_form = forms.ChoiceField(
        label=LABELS["legal_form"],
        choices=LegalForm.choices,
        help_text=gettext_lazy("Zoals bij de KvK ingeschreven. Geen rechtsvorm? Kies 'Informeel'."),
    )
    kvk_number = forms.CharField(
        label=LABELS["kvk_number"],
        required=False,
        help_text=gettext_lazy("8 cijfers. Laat leeg als jullie niet ingeschreven zijn."),
    )
    municipality = forms.CharField(
        label=LABELS["municipality"],
        required=False,
        help_text=gettext_lazy(
            "Naam of CBS-code (GM0363). Een oude gemeentenaam mag ook. Leeg laten kan als je een "
            "postcode invult."
        ),
    )
    works_in = forms.CharField(
        label=LABELS["works_in"],
        required=False,
        help_text=gettext_lazy(
            "Andere gemeenten waar jullie actief zijn, gescheiden door komma's."
        ),
    )
    postcode = forms.CharField(
        label=LABELS["postcode"],
        required=False,
        help_text=gettext_lazy(
            "Bijvoorbeeld 1234 AB. Wordt niet getoond; we tonen alleen de 4 cijfers."
        ),
    )
    lat = forms.FloatField(label=LABELS["lat"], required=False)
    lon = forms.FloatField(label=LABELS["lon"], required=False)
    address_is_public = forms.BooleanField(
        label=LABELS["address_is_public"],
        required=False,
        help_text=gettext_lazy("Alleen dan tonen we de precieze plek op de kaart."),
    )
    founded_year = forms.IntegerField(
        label=LABELS["founded_year"],
        required=False,
        help_text=gettext_lazy("Bijvoorbeeld 2015."),
    )
    status = forms.ChoiceField(label=LABELS["status"], choices=Status.choices, initial="actief")
    status_year = forms.IntegerField(label=LABELS["status_year"], required=False)
    domains = forms.MultipleChoiceField(
        label=LABELS["domains"],
        choices=Domain.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Waar werken jullie aan? Meer dan één mag."),
    )
    description = forms.CharField(
        label=LABELS["description"],
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "Wat doen jullie, voor wie, en sinds wanneer? Een paar zinnen is genoeg."
        ),
    )
    website = forms.URLField(
        label=LABELS["website"],
        required=False,
        assume_scheme="https",
        error_messages={
            "invalid": gettext_lazy("Vul een geldig webadres in, zoals https://voorbeeld.nl.")
        },
    )
    contact_email = forms.EmailField(
        label=LABELS["contact_email"],
        required=False,
        help_text=gettext_lazy("Niet openbaar. Opmars stuurt hierheen berichten door."),
        error_messages={"invalid": gettext_lazy("Vul een geldig e-mailadres in.")},
    )
    source = forms.CharField(label=LABELS["source"], required=False, max_length=200)

    def __init__(self, *args, instance=None, **kwargs):
        self.instance = instance
        super().__init__(*args, **kwargs)
        for code, label, help_text in CHARACTERISTICS:
            self.fields[code] = forms.BooleanField(label=label, help_text=help_text, required=False)

    # Lookups as methods, so the bulk import can answer them from memory with the same rules.
    def resolve_municipality(self, text):
        return resolve_municipality(text)

    def postcode_point(self, postcode):
        return postcode_point(postcode)

    def municipality_at(self, lat, lon):
        from opmars.geo.models import Municipality
        from opmars.geo.shapes import municipality_code_at

        return Municipality.objects.filter(code=municipality_code_at(lat, lon)).first()

    def kvk_taken(self, value):
        taken = Collective.objects.filter(kvk_number=value)
        if self.instance:
            taken = taken.exclude(pk=self.instance.pk)
        return taken.exists()

    def clean_kvk_number(self):
        value = re.sub(r"[\s.]", "", self.cleaned_data.get("kvk_number") or "")
        if not value:
            return None
        if not re.fullmatch(r"\d{8}", value):
            raise ValidationError(_("Een KvK-nummer heeft precies 8 cijfers."))
        if self.kvk_taken(value):
            raise ValidationError(
                _("KvK-nummer %(kvk)s staat al bij een ander collectief. Zoek dat collectief op.")
                % {"kvk": value}
            )
        return value

    def clean_postcode(self):
        raw = self.cleaned_data.get("postcode") or ""
        if not raw.strip():
            return ""
        value = normalise_postcode(raw)
        if not value:
            raise ValidationError(_("Vul een Nederlandse postcode in, zoals 1234 AB."))
        if not self.postcode_point(value):
            raise ValidationError(_("Postcode %(pc)s kennen we niet.") % {"pc": value})
        return value

    def clean_municipality(self):
        raw = self.cleaned_data.get("municipality") or ""
        if not raw.strip():
            return None
        resolution = self.resolve_municipality(raw)
        if resolution.error:
            raise ValidationError(resolution.error)
        return resolution.municipality

    def clean_works_in(self):
        municipalities, problems = [], []
        for part in (self.cleaned_data.get("works_in") or "").split(","):
            if not part.strip():
                continue
            resolution = self.resolve_municipality(part)
            if resolution.error:
                problems.append(f"{part.strip()}: {resolution.error}")
            else:
                municipalities.append(resolution.municipality)
        if problems:
            raise ValidationError(problems)
        return municipalities

    def clean_domains(self):
        # A domain sent twice (a crafted post, the API) would be stored twice, against a unique
        # constraint: once is what was meant.
        return list(dict.fromkeys(self.cleaned_data.get("domains") or []))

    def clean_founded_year(self):
        value = self.cleaned_data.get("founded_year")
        validate_year(value, gettext_lazy("Het oprichtingsjaar"))
        return value

    def clean_status_year(self):
        value = self.cleaned_data.get("status_year")
        validate_year(value, gettext_lazy("Het jaar van de status"))
        return value

    def clean(self):
        data = super().clean()
        lat, lon = data.get("lat"), data.get("lon")
        if (lat is None) != (lon is None):
            self.add_error("lat", _("Vul breedtegraad én lengtegraad in, of geen van beide."))
        elif lat is not None and not in_netherlands(lat, lon):
            self.add_error("lat", _("Deze coördinaten liggen niet in Nederland."))
        if data.get("address_is_public") and lat is None:
            self.add_error("address_is_public", _("Een openbaar adres heeft coördinaten nodig."))
        if not self.errors and not data.get("municipality"):
            self._place_from_location(data)
        founded, status_year = data.get("founded_year"), data.get("status_year")
        if founded and status_year and status_year < founded:
            self.add_error(
                "status_year", _("Het jaar van de status ligt vóór het oprichtingsjaar.")
            )
        return data

    def _place_from_location(self, data):
        point = self.postcode_point(data["postcode"]) if data.get("postcode") else None
        if point:
            data["municipality"] = point.municipality
        elif data.get("lat") is not None:
            data["municipality"] = self.municipality_at(data["lat"], data["lon"])
        if not data.get("municipality"):
            self.add_error(
                "municipality", _("Vul de gemeente in, of een postcode waaruit we die afleiden.")
            )


class YearlyFactsForm(forms.ModelForm):
    class Meta:
        model = YearlyFacts
        fields = [f.name for f in imported(FACTS)]

    def __init__(self, *args, collective=None, **kwargs):
        self.collective = collective
        super().__init__(*args, **kwargs)
        for name, form_field in self.fields.items():
            form_field.error_messages["min_value"] = gettext_lazy("Vul 0 of meer in.")
            _limit_as_the_model_does(form_field, YearlyFacts._meta.get_field(name))
            form_field.error_messages["invalid"] = gettext_lazy("Vul een heel getal in.")
            form_field.widget.attrs.setdefault("inputmode", "numeric")
            if name != "year":
                form_field.help_text = gettext_lazy("Laat leeg als je het niet weet (niet 0).")

    def show_earlier(self, earlier):
        """A new year starts empty; each field says, as a hint, what it was in the latest
        earlier year (never as a value, so saving never copies it)."""
        for name, form_field in self.fields.items():
            value = getattr(earlier, name, None) if name != "year" else None
            if value is not None:
                hint = _("In %(year)s: %(value)s.") % {
                    "year": earlier.year,
                    "value": number_format(value, force_grouping=True),
                }
                form_field.help_text = f"{hint} {form_field.help_text}"

    def clean_year(self):
        year = self.cleaned_data["year"]
        validate_year(year, _("Het jaar"))
        founded = self.collective.founded_year if self.collective else None
        if founded and year < founded:
            raise ValidationError(
                _("Het jaar ligt vóór het oprichtingsjaar (%(year)s).") % {"year": founded}
            )
        stopped = self._stopped_in()
        if stopped and year > stopped:
            raise ValidationError(
                _("Het jaar ligt na het jaar waarin het collectief stopte (%(year)s).")
                % {"year": stopped}
            )
        return year

    def clean(self):
        data = super().clean()
        if self.collective is not None and not self.errors:
            data["review"] = self._review(data)
        return data

    def _review(self, data):
        """Open when a count of people exceeds the seat municipality's population, unless
        staff already confirmed these same figures."""
        population = self.collective.municipality.population
        implausible = [f for f in YearlyFacts.PEOPLE_IN_FIELDS if (data.get(f) or 0) > population]
        if not implausible:
            return Review.NONE
        stored = YearlyFacts.objects.filter(
            collective=self.collective, year=data.get("year")
        ).first()
        unchanged = stored and all(getattr(stored, f) == data.get(f) for f in implausible)
        return Review.CONFIRMED if unchanged and stored.review == Review.CONFIRMED else Review.OPEN

    def _stopped_in(self):
        collective = self.collective
        if collective and collective.status == Status.GESTOPT:
            return collective.status_year
        return None


def _limit_as_the_model_does(form_field, model_field):
    """The model's upper bound on the form field too: the browser knows it (max) and the error
    says the bound in Dutch digits."""
    for validator in model_field.validators:
        if isinstance(validator, MaxValueValidator):
            form_field.max_value = validator.limit_value
            form_field.validators.append(validator)
            form_field.widget.attrs["max"] = validator.limit_value
            form_field.error_messages["max_value"] = _(
                "Hoogstens %(limit)s: klopt dit getal? Laat het leeg als je het niet weet."
            ) % {"limit": number_format(validator.limit_value, force_grouping=True)}


# What an editor (or a write token) may record by hand; the other kinds follow from other writes
# (joining a network, a merge) and are recorded there.
ADDABLE_EVENTS = [
    EventKind.OPGERICHT,
    EventKind.ACTIEF,
    EventKind.SLAPEND,
    EventKind.HERACTIVEERD,
    EventKind.GESTOPT,
    EventKind.RECHTSVORM,
    EventKind.BETAALDE_KRACHT,
]
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y")


def parse_event_date(text):
    """'2019' (a year) or a day ('2019-03-01', '1-3-2019'): (date, precision)."""
    from datetime import datetime

    text = str(text or "").strip()
    if re.fullmatch(r"\d{4}", text):
        year = int(text)
        if year > current_year():
            raise ValidationError(_("Datum: %(year)s ligt in de toekomst.") % {"year": year})
        if year >= FIRST_YEAR:
            return date(year, 1, 1), DatePrecision.JAAR
    for pattern in DATE_FORMATS:
        try:
            day = datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if day.year >= FIRST_YEAR:
            return day, DatePrecision.DAG
    raise ValidationError(
        _("Datum: vul een jaar (2019) of een dag (2019-03-01 of 1-3-2019) in, niet '%(text)s'.")
        % {"text": text[:20]}
    )


class EventDateField(forms.CharField):
    def clean(self, value):
        text = super().clean(value)
        return parse_event_date(text)


class LifeEventForm(forms.Form):
    """One event added to a collective's life (the whole life is checked by registry.history)."""

    kind = forms.ChoiceField(
        label=gettext_lazy("Wat gebeurde er"),
        choices=[(k.value, k.label) for k in ADDABLE_EVENTS],
        error_messages={
            "invalid_choice": gettext_lazy(
                "Soort gebeurtenis: '%(value)s' kennen we niet. Kies opgericht, actief, slapend, "
                "heractiveerd, gestopt, rechtsvorm of betaalde_kracht."
            ),
            "required": gettext_lazy("Soort gebeurtenis: kies wat er gebeurde."),
        },
    )
    date = EventDateField(
        label=gettext_lazy("Wanneer"),
        max_length=10,
        help_text=gettext_lazy("Een jaar (2019) of een dag (2019-03-01). Niet in de toekomst."),
        error_messages={"required": gettext_lazy("Datum: vul in wanneer het gebeurde.")},
    )
    legal_form = forms.ChoiceField(
        label=gettext_lazy("Nieuwe rechtsvorm"),
        choices=[("", "—"), *LegalForm.choices],
        required=False,
        help_text=gettext_lazy("Alleen bij een nieuwe rechtsvorm."),
    )
    source = forms.CharField(
        label=gettext_lazy("Bron"),
        max_length=150,
        required=False,
        help_text=gettext_lazy("Waar het staat, zoals 'KvK-uittreksel' of 'jaarverslag 2019'."),
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") == EventKind.RECHTSVORM and not data.get("legal_form"):
            self.add_error("legal_form", _("Nieuwe rechtsvorm: kies de rechtsvorm die het werd."))
        return data


class EventCorrectionForm(forms.Form):
    date = EventDateField(
        label=gettext_lazy("Juiste datum"),
        max_length=10,
        help_text=gettext_lazy("Een jaar (2019) of een dag (2019-03-01)."),
        error_messages={"required": gettext_lazy("Datum: vul de juiste datum in.")},
    )
    source = forms.CharField(
        label=gettext_lazy("Bron van de correctie"), max_length=150, required=False
    )
