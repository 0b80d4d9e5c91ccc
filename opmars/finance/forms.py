"""Validation of a financing route, shared by the web form, the CSV import, the command line
and the demo seed. Messages are Dutch, name the field by its label and say what to do."""

import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from opmars.common.lazytext import interpolated
from opmars.common.register_import import choice_field as _choice
from opmars.finance.models import FinanceRoute, Level, Phase, RouteType
from opmars.geo.lookup import resolve_municipality
from opmars.geo.models import Province
from opmars.registry.vocab import Kind, LegalForm
from opmars.text import fold

DATE_FORMATS = ["%d-%m-%Y", "%Y-%m-%d"]
DATE_ERROR = gettext_lazy("Schrijf de datum als dd-mm-jjjj, bijvoorbeeld 01-03-2026.")
# Words for "the whole country" in the area field of a national route.
NATIONAL_WORDS = {"", "nederland", "heel nederland", "landelijk", "nl"}
LIST_SEPARATORS = re.compile(r"[|,;\s]+")


def _date_field(label, help_text=""):
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        help_text=help_text,
        error_messages={"invalid": DATE_ERROR},
    )


class CodeListField(forms.MultipleChoiceField):
    """Several codes, as ticked boxes on the page or as one cell 'a|b' (or 'a, b') in a CSV.
    None ticked means: open to every one."""

    widget = forms.CheckboxSelectMultiple

    def to_python(self, value):
        if isinstance(value, str):
            value = [value]
        codes = []
        for item in value or []:
            codes += [code.strip().lower() for code in LIST_SEPARATORS.split(str(item)) if code]
        return codes

    def validate(self, value):
        for code in value:
            if not self.valid_value(code):
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice",
                    params={"value": code},
                )  # fmt: skip


def _codes(label, choices, what, help_text):
    return CodeListField(
        label=label,
        choices=choices,
        required=False,
        help_text=help_text,
        error_messages={
            "invalid_choice": interpolated(
                gettext_noop("'%%(value)s' kennen we niet als %(what)s. Kies uit: %(codes)s."),
                what=what,
                codes=", ".join(code for code, _label in choices),
            ),
        },
    )


def _amount(label):
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=2_000_000_000,
        help_text=gettext_lazy("In hele euro's, zonder punt. Leeg als het onbekend is."),
        error_messages={
            "invalid": gettext_lazy("Vul een bedrag in hele euro's in, zoals 25000."),
            "min_value": gettext_lazy("Een bedrag kan niet negatief zijn."),
            "max_value": gettext_lazy("Dit bedrag is te groot; controleer het aantal nullen."),
        },
    )


def resolve_area(level, text):
    """(province, municipality) for a route of this level from the text in the area field;
    raises ValidationError with a Dutch message when it does not fit the level."""
    raw = (text or "").strip()
    if level == Level.LANDELIJK:
        if fold(raw) not in NATIONAL_WORDS:
            raise ValidationError(
                _(
                    "Een landelijke route geldt in heel Nederland: laat 'Gebied' leeg, of kies "
                    "als niveau provinciaal of gemeentelijk."
                )
            )
        return None, None
    if level == Level.PROVINCIAAL:
        if not raw:
            raise ValidationError(_("Vul de provincie in, zoals Gelderland of PV25."))
        key = fold(raw)
        for province in Province.objects.all():
            if key in (fold(province.name), fold(province.code), fold(province.iso_code)):
                return province, None
        raise ValidationError(
            _(
                "'%(raw)s' kennen we niet als provincie. Schrijf de naam of de CBS-code, zoals "
                "Gelderland of PV25."
            )
            % {"raw": raw}
        )
    if not raw:
        raise ValidationError(_("Vul de gemeente in, zoals Oost Gelre of GM1586."))
    resolution = resolve_municipality(raw)
    if resolution.municipality is None:
        reason = resolution.error or _("die gemeente kennen we niet.")
        raise ValidationError(
            _("'%(raw)s': %(reason)s Schrijf de naam of de CBS-code, zoals Oost Gelre of GM1586.")
            % {"raw": raw, "reason": reason}
        )
    return resolution.municipality.province, resolution.municipality


class RouteForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Naam"),
        max_length=200,
        error_messages={
            "required": gettext_lazy("Vul de naam van de route in."),
            "max_length": gettext_lazy("Schrijf de naam korter: hoogstens 200 tekens."),
        },
    )
    provider = forms.CharField(
        label=gettext_lazy("Aanbieder"),
        max_length=200,
        help_text=gettext_lazy("Wie het geld geeft of uitleent, zoals een fonds of provincie."),
        error_messages={
            "required": gettext_lazy("Vul de aanbieder in: wie het geld geeft of uitleent."),
            "max_length": gettext_lazy("Schrijf de aanbieder korter: hoogstens 200 tekens."),
        },
    )
    route_type = _choice(
        gettext_lazy("Soort route"), RouteType.choices, gettext_lazy("de soort route")
    )
    level = _choice(gettext_lazy("Niveau"), Level.choices, gettext_lazy("het niveau"))
    area = forms.CharField(
        label=gettext_lazy("Gebied"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"list": "finance-areas", "autocomplete": "off"}),
        help_text=gettext_lazy(
            "Bij een provinciale route de provincie, bij een gemeentelijke de gemeente (naam of "
            "CBS-code). Leeg bij een landelijke route."
        ),
    )
    kinds = _codes(
        gettext_lazy("Voor soorten"),
        Kind.choices,
        gettext_lazy("soort collectief"),
        gettext_lazy("Niets aangevinkt: voor elke soort collectief."),
    )
    legal_forms = _codes(
        gettext_lazy("Voor rechtsvormen"),
        LegalForm.choices,
        gettext_lazy("rechtsvorm"),
        gettext_lazy("Niets aangevinkt: voor elke rechtsvorm."),
    )
    phases = _codes(
        gettext_lazy("Voor fasen"),
        Phase.choices,
        gettext_lazy("fase"),
        gettext_lazy(
            "Startfase: jonger dan 3 jaar. Groeifase: 3 tot 10 jaar. Volwassen: 10 jaar of "
            "ouder. Niets aangevinkt: voor elke fase."
        ),
    )
    amount_min = _amount(gettext_lazy("Bedrag vanaf"))
    amount_max = _amount(gettext_lazy("Bedrag tot en met"))
    opens = _date_field(
        gettext_lazy("Opent op"),
        gettext_lazy("Vanaf wanneer je kunt aanvragen (dd-mm-jjjj). Leeg: al open."),
    )
    closes = _date_field(
        gettext_lazy("Sluit op"),
        gettext_lazy(
            "De laatste dag om aan te vragen (dd-mm-jjjj). Leeg bij een doorlopende route."
        ),
    )
    is_ongoing = forms.BooleanField(
        label=gettext_lazy("Doorlopend (geen sluitdatum)"), required=False
    )
    description = forms.CharField(
        label=gettext_lazy("Beschrijving"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Waarvoor het geld is en wat je moet doen om het aan te vragen."),
        error_messages={"max_length": gettext_lazy("Schrijf het korter: hoogstens 3000 tekens.")},
    )
    source_url = forms.URLField(
        label=gettext_lazy("Bron"),
        max_length=500,
        assume_scheme="https",
        help_text=gettext_lazy("Het webadres van de aanbieder waar de route beschreven staat."),
        error_messages={
            "required": gettext_lazy(
                "Vul de bron in: het webadres waar de route beschreven staat. Zonder bron nemen "
                "we een route niet op."
            ),
            "invalid": gettext_lazy("Vul een volledig webadres in, zoals https://www.fonds.nl/."),
            "max_length": gettext_lazy("Het webadres is te lang (hoogstens 500 tekens)."),
        },
    )
    last_checked = forms.DateField(
        label=gettext_lazy("Laatst nagekeken"),
        input_formats=DATE_FORMATS,
        help_text=gettext_lazy("Wanneer iemand de bron voor het laatst bekeek (dd-mm-jjjj)."),
        error_messages={
            "invalid": DATE_ERROR,
            "required": gettext_lazy(
                "Vul in wanneer iemand de bron voor het laatst bekeek (dd-mm-jjjj)."
            ),
        },
    )
    is_demo = forms.BooleanField(
        label=gettext_lazy("Fictief voorbeeld (geen echte route)"), required=False
    )

    def __init__(self, *args, route=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.route = route

    def clean(self):
        data = super().clean()
        self._clean_area(data)
        opens, closes = data.get("opens"), data.get("closes")
        if opens and closes and closes < opens:
            self.add_error(
                "closes",
                _(
                    "'Sluit op' (%(closes)s) ligt vóór 'Opent op' (%(opens)s). Een route kan pas "
                    "sluiten nadat hij opent."
                )
                % {"closes": closes.strftime("%d-%m-%Y"), "opens": opens.strftime("%d-%m-%Y")},
            )
        if data.get("is_ongoing") and closes:
            self.add_error(
                "closes",
                _(
                    "Een doorlopende route heeft geen sluitdatum: laat 'Sluit op' leeg, of vink "
                    "'Doorlopend' uit."
                ),
            )
        if not data.get("is_ongoing") and not closes and "closes" not in self.errors:
            self.add_error(
                "closes",
                _("Vul 'Sluit op' in, of vink 'Doorlopend' aan als je altijd kunt aanvragen."),
            )
        low, high = data.get("amount_min"), data.get("amount_max")
        if low is not None and high is not None and high < low:
            self.add_error(
                "amount_max",
                _(
                    "'Bedrag tot en met' is lager dan 'Bedrag vanaf'. Draai ze om of verbeter "
                    "er één."
                ),
            )
        checked = data.get("last_checked")
        if checked and checked > date.today():
            self.add_error("last_checked", _("'Laatst nagekeken' kan niet in de toekomst liggen."))
        self._clean_duplicate(data)
        return data

    def _clean_area(self, data):
        level = data.get("level")
        data["province"], data["municipality"] = None, None
        if not level:
            return
        try:
            data["province"], data["municipality"] = resolve_area(level, data.get("area"))
        except ValidationError as error:
            self.add_error("area", error)
            return
        if level == Level.PROVINCIAAL:
            data["municipality"] = None

    def _clean_duplicate(self, data):
        name, provider = data.get("name"), data.get("provider")
        if not (name and provider):
            return
        others = FinanceRoute.objects.filter(
            name__iexact=name.strip(), provider__iexact=provider.strip(), archived_at=None
        )
        if self.route is not None and self.route.pk:
            others = others.exclude(pk=self.route.pk)
        if others.exists():
            self.add_error(
                "name",
                _(
                    "Er staat al een route '%(name)s' van %(provider)s in het register. Wijzig "
                    "die, of geef deze een andere naam."
                )
                % {"name": name, "provider": provider},
            )


def initial_for(route):
    """The form's starting values for an existing route (dates as the form writes them)."""
    area = ""
    if route.municipality_id:
        area = route.municipality.name
    elif route.province_id:
        area = route.province.name
    return {
        "name": route.name,
        "provider": route.provider,
        "route_type": route.route_type,
        "level": route.level,
        "area": area,
        "kinds": route.kinds,
        "legal_forms": route.legal_forms,
        "phases": route.phases,
        "amount_min": route.amount_min,
        "amount_max": route.amount_max,
        "opens": route.opens.strftime("%d-%m-%Y") if route.opens else "",
        "closes": route.closes.strftime("%d-%m-%Y") if route.closes else "",
        "is_ongoing": route.is_ongoing,
        "description": route.description,
        "source_url": route.source_url,
        "last_checked": route.last_checked.strftime("%d-%m-%Y"),
        "is_demo": route.is_demo,
    }
