"""The impact report editor: one form for the year and inputs, one per outcome. Dutch (B1)."""

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from opmars.impact import engine
from opmars.impact.models import (
    LADDER,
    EvidenceGrade,
    ImpactReport,
    Indicator,
    Proxy,
    ReportOutcome,
)
from opmars.registry.forms import current_year

LADDER_CHOICES = [("", _("standaard"))] + [(str(v), label) for v, label in LADDER]
MONEY = {"min_value": 0, "required": False}


def _money(label, help_text):
    return forms.FloatField(label=label, help_text=help_text, initial=0, **MONEY)


class ReportForm(forms.Form):
    year = forms.IntegerField(
        label=_("Jaar"),
        help_text=_("Het kalenderjaar waarover je rapporteert."),
        min_value=2010,
    )
    grant_municipality = _money(_("Subsidie van de gemeente (€)"), _("Geld van de gemeente."))
    grant_province = _money(_("Subsidie van de provincie (€)"), _("Geld van de provincie."))
    grant_national = _money(_("Subsidie van het Rijk (€)"), _("Geld van de landelijke overheid."))
    grant_funds = _money(_("Bijdragen van fondsen (€)"), _("Geld van fondsen en stichtingen."))
    grant_other = _money(_("Overige subsidies (€)"), _("Andere subsidies."))
    member_contributions = _money(
        _("Bijdragen van leden (€)"), _("Contributie en andere bijdragen van leden.")
    )
    donations = _money(_("Giften (€)"), _("Giften van mensen en bedrijven."))
    in_kind = _money(
        _("Bijdragen in natura (€)"),
        _("Wat jullie gratis kregen, zoals een ruimte, tegen de prijs die het anders kost."),
    )
    volunteer_hours = _money(
        _("Vrijwilligersuren"), _("Alle uren die vrijwilligers in het jaar gaven, bij elkaar.")
    )
    volunteer_hour_value = forms.FloatField(
        label=_("Waarde van een vrijwilligersuur (€)"),
        help_text=_("Leeg laten: dan rekenen we met het minimumloon."),
        **MONEY,
    )
    assurance = forms.CharField(
        label=_("Externe toetsing"),
        help_text=_("Heeft iemand van buiten de cijfers gecontroleerd? Zo ja, wie?"),
        required=False,
        max_length=200,
    )

    def __init__(self, *args, collective=None, report=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.collective = collective
        self.report = report

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year > current_year():
            raise forms.ValidationError(_("Het jaar kan niet in de toekomst liggen."), "toekomst")
        taken = ImpactReport.objects.filter(collective=self.collective, year=year)
        if self.report is not None:
            taken = taken.exclude(pk=self.report.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("Er is al een rapportage over %(year)s. Open die om hem te wijzigen."),
                "bestaat_al",
                params={"year": year},
            )
        return year

    def clean(self):
        data = super().clean()
        for name in self.fields:
            if name not in ("volunteer_hour_value", "assurance", "year") and data.get(name) is None:
                data[name] = 0.0
        return data


class OutcomeForm(forms.Form):
    indicator = forms.ModelChoiceField(
        label=_("Wat is er veranderd?"),
        help_text=_("Kies de indicator uit de lijst."),
        queryset=Indicator.objects.all(),
        required=False,
        empty_label=_("— kies —"),
    )
    description = forms.CharField(label=_("Korte omschrijving"), required=False, max_length=200)
    quantity = forms.FloatField(
        label=_("Hoeveel?"),
        help_text=_("In de eenheid van de indicator."),
        min_value=0,
        required=False,
    )
    quantity_low = forms.FloatField(label=_("Laagste schatting"), min_value=0, required=False)
    quantity_high = forms.FloatField(label=_("Hoogste schatting"), min_value=0, required=False)
    evidence_grade = forms.TypedChoiceField(
        label=_("Hoe zeker is dit getal?"),
        choices=EvidenceGrade.choices,
        coerce=int,
        initial=EvidenceGrade.OWN_RECORDS,
    )
    evidence_source = forms.CharField(
        label=_("Waar komt het getal vandaan?"), required=False, max_length=200
    )
    deadweight = forms.TypedChoiceField(
        label=_("Was het ook zonder jullie gebeurd?"),
        help_text=_(
            "0 % = helemaal niet, 100 % = het was zeker ook gebeurd. "
            "‘Standaard’ = het percentage uit de catalogus."
        ),
        choices=LADDER_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )
    attribution = forms.TypedChoiceField(
        label=_("Welk deel komt door anderen?"),
        help_text=_(
            "Bijvoorbeeld de gemeente, de huisarts of een andere club. "
            "‘Standaard’ = het percentage uit de catalogus."
        ),
        choices=LADDER_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )
    displacement = forms.TypedChoiceField(
        label=_("Verdringen jullie iets anders?"),
        help_text=_(
            "Neemt jullie werk werk of waarde elders weg? "
            "‘Standaard’ = het percentage uit de catalogus."
        ),
        choices=LADDER_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )
    adjustments_confirmed = forms.BooleanField(
        label=_("Ik heb deze percentages bekeken en ze kloppen"),
        help_text=_("Zonder bevestiging tellen we de uitkomst niet mee in de waarde."),
        required=False,
    )
    justification = forms.CharField(
        label=_("Waarom deze percentages?"),
        help_text=_("Eén zin. Verplicht als je 0 % kiest bij de eerste twee vragen."),
        required=False,
        max_length=300,
    )
    duration = forms.IntegerField(
        label=_("Hoeveel jaar blijft het effect?"),
        help_text=_("1 voor iets dat elk jaar opnieuw gebeurt, zoals opgewekte stroom."),
        min_value=1,
        max_value=engine.MAX_DURATION,
        initial=1,
        required=False,
    )
    drop_off = forms.IntegerField(
        label=_("Hoeveel neemt het effect per jaar af (%)?"),
        help_text=_("Alleen nodig als het effect langer dan een jaar duurt."),
        min_value=0,
        max_value=100,
        initial=0,
        required=False,
    )
    delete = forms.BooleanField(label=_("Deze uitkomst verwijderen"), required=False)

    def is_blank(self):
        data = getattr(self, "cleaned_data", {})
        return not data.get("indicator") and data.get("quantity") is None

    def clean(self):
        data = super().clean()
        if data.get("delete") or self.is_blank():
            return data
        if not data.get("indicator"):
            self.add_error(
                "indicator", forms.ValidationError(_("Kies een indicator."), "ontbreekt")
            )
        if data.get("quantity") is None:
            self.add_error("quantity", forms.ValidationError(_("Vul een aantal in."), "ontbreekt"))
        self._clean_range(data)
        self._clean_justification(data)
        return data

    def _clean_range(self, data):
        low, high, quantity = (
            data.get("quantity_low"),
            data.get("quantity_high"),
            data.get("quantity"),
        )
        if (low is None) != (high is None):
            self.add_error(
                "quantity_high" if high is None else "quantity_low",
                forms.ValidationError(_("Vul de laagste én de hoogste schatting in."), "ontbreekt"),
            )
        elif low is not None and quantity is not None and not low <= quantity <= high:
            self.add_error(
                "quantity_low",
                forms.ValidationError(
                    _("De laagste schatting moet onder het aantal liggen, de hoogste erboven."),
                    "buiten_bereik",
                ),
            )

    def _clean_justification(self, data):
        zero = data.get("deadweight") == 0 or data.get("attribution") == 0
        if data.get("adjustments_confirmed") and zero and not data.get("justification"):
            self.add_error(
                "justification",
                forms.ValidationError(
                    _("Leg in één zin uit waarom je 0 % kiest."), "toelichting_nodig"
                ),
            )


def _plain(value):
    """4000.0 shows as 4000 in the form; fractions stay as they are."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def outcome_initial(outcome):
    return {
        "indicator": outcome.indicator_id,
        "description": outcome.description,
        "quantity": _plain(outcome.quantity),
        "quantity_low": _plain(outcome.quantity_low),
        "quantity_high": _plain(outcome.quantity_high),
        "evidence_grade": outcome.evidence_grade,
        "evidence_source": outcome.evidence_source,
        "deadweight": outcome.deadweight,
        "attribution": outcome.attribution,
        "displacement": outcome.displacement,
        "adjustments_confirmed": outcome.adjustments_confirmed,
        "justification": outcome.justification,
        "duration": outcome.duration,
        "drop_off": outcome.drop_off,
    }


REPORT_FIELDS = [name for name in ReportForm.base_fields if name != "year"]
INPUT_FIELDS = [name for name in REPORT_FIELDS if name != "assurance"]
# Shown at once on the editor (Anouk's grant and hours); the other inputs fold, opening by
# themselves as soon as one of them holds something.
MAIN_INPUTS = ("grant_municipality", "volunteer_hours")
OTHER_INPUTS = [name for name in INPUT_FIELDS if name not in MAIN_INPUTS]
CERTAINTY_FIELDS = ("evidence_grade", "quantity_low", "quantity_high", "evidence_source",
                    "description")  # fmt: skip
DURATION_FIELDS = ("duration", "drop_off")
ADJUSTMENTS = ("deadweight", "attribution", "displacement")


def _filled(value):
    return value not in (None, "")


def _nonzero(value):
    """Anything but empty or zero ('0', '0,0', 0.0); text that is no number counts as filled."""
    if not _filled(value):
        return False
    try:
        return float(str(value).replace(",", ".")) != 0
    except ValueError:
        return True


def _shown(value):
    """A quantity as the editor typed it, or a stored one in Dutch notation (1.200,5)."""
    if not _filled(value):
        return ""
    if isinstance(value, str):
        return value
    return number_format(_plain(value), force_grouping=True)


def _with_errors(form, names):
    return form.is_bound and any(form[name].errors for name in names)


def _grade_label(value):
    try:
        return EvidenceGrade(int(value)).label
    except (TypeError, ValueError):
        return _("bewijs niet gekozen")


def _duration_text(form):
    duration, drop_off = form["duration"].value(), form["drop_off"].value()
    if not _filled(duration):
        return _("standaard uit de catalogus")
    text = _("%(years)s jaar") % {"years": _shown(duration)}
    if _filled(drop_off):
        text += ", " + _("afname %(percent)s %%") % {"percent": _shown(drop_off)}
    return text


def add_overviews(outcome_forms):
    """What the editor shows of an outcome while it is folded (``form.overview``): indicator,
    quantity, whether its percentages are confirmed; and what opens by itself: an outcome or
    part with errors, and a new report's only, empty outcome."""
    codes = [f["indicator"].value() for f in outcome_forms]
    indicators = Indicator.objects.in_bulk([str(code) for code in codes if code])
    for form in outcome_forms:
        code = form["indicator"].value()
        indicator = indicators.get(str(code)) if code else None
        quantity = form["quantity"].value()
        blank = indicator is None and not _filled(quantity)
        if indicator is not None:
            _name_defaults(form, indicator)
        confirmed = bool(form["adjustments_confirmed"].value())
        deleted = bool(form["delete"].value())
        form.overview = {
            "indicator": indicator,
            "quantity": _shown(quantity),
            "confirmed": confirmed,
            "deleted": deleted,
            "blank": blank,
            # Open: errors, a new report's only outcome, and the step of confirming percentages.
            "open": (form.is_bound and bool(form.errors))
            or (blank and len(outcome_forms) == 1)
            or (indicator is not None and not confirmed and not deleted),
            "grade": _grade_label(form["evidence_grade"].value()),
            "certainty_open": _with_errors(form, CERTAINTY_FIELDS),
            "certainty_filled": any(_filled(form[n].value()) for n in CERTAINTY_FIELDS[1:]),
            "duration_text": _duration_text(form),
            "duration_open": _with_errors(form, DURATION_FIELDS),
        }
    return outcome_forms


def _name_defaults(form, indicator):
    """'standaard' says which percentage it stands for: nobody confirms a value not shown."""
    for name in ADJUSTMENTS:
        percent = getattr(indicator, name)
        form.fields[name].choices = [
            ("", _("standaard: %(percent)s %%") % {"percent": percent}),
            *LADDER_CHOICES[1:],
        ]


def editor_step(report):
    """Where the editor is: 1 filling in, 2 confirming the percentages, 3 ready to publish."""
    if report is None or not report.outcomes.exists():
        return 1
    if report.outcomes.filter(adjustments_confirmed=False).exists():
        return 2
    return 3


def inputs_overview(form):
    """Whether the folded 'other inputs' hold anything (then they open) or have errors."""
    filled = any(_nonzero(form[name].value()) for name in OTHER_INPUTS)
    errors = _with_errors(form, OTHER_INPUTS)
    return {"filled": filled, "open": filled or errors}


def editor_forms(collective, report, year=None):
    if report is None:
        default_year = int(year) if year and year.isdigit() else _free_year(collective)
        form = ReportForm(initial={"year": default_year}, collective=collective)
        outcomes = []
    else:
        initial = {name: _plain(getattr(report, name)) for name in REPORT_FIELDS}
        form = ReportForm(initial={"year": report.year, **initial}, collective=collective,
                          report=report)  # fmt: skip
        outcomes = list(report.outcomes.all())
    outcome_forms = [
        OutcomeForm(prefix=f"u-{i}", initial=outcome_initial(o)) for i, o in enumerate(outcomes)
    ]
    outcome_forms.append(OutcomeForm(prefix=f"u-{len(outcomes)}"))
    return form, outcome_forms


def _free_year(collective):
    """Last year, or the latest year before it without a report."""
    taken = set(collective.impact_reports.values_list("year", flat=True))
    year = current_year() - 1
    while year in taken and year > 2010:
        year -= 1
    return year


def bound_forms(collective, data, report):
    form = ReportForm(data, collective=collective, report=report)
    try:
        count = min(int(data.get("outcome_count", 0)), 60)
    except ValueError:
        count = 0
    outcome_forms = [OutcomeForm(data, prefix=f"u-{i}") for i in range(count)]
    return form, outcome_forms


def build_outcomes(outcome_forms):
    """Unsaved ReportOutcome objects; empty ladder choices take the catalogue default,
    unconfirmed (§8: proposed visibly, a PM item until the editor confirms)."""
    outcomes = []
    for position, form in enumerate(f for f in outcome_forms if not _skipped(f)):
        data = form.cleaned_data
        indicator = data["indicator"]
        chosen = {
            name: data[name] if data.get(name) is not None else getattr(indicator, name)
            for name in ADJUSTMENTS
        }
        outcomes.append(
            ReportOutcome(
                indicator=indicator,
                description=data["description"],
                quantity=data["quantity"],
                quantity_low=data["quantity_low"],
                quantity_high=data["quantity_high"],
                evidence_grade=data["evidence_grade"],
                evidence_source=data["evidence_source"],
                adjustments_confirmed=data["adjustments_confirmed"],
                justification=data["justification"],
                duration=data["duration"] or indicator.duration,
                drop_off=data["drop_off"] if data["drop_off"] is not None else indicator.drop_off,
                position=position,
                **chosen,
            )
        )
    return outcomes


def _skipped(form):
    return form.cleaned_data.get("delete") or form.is_blank()


PROXY_STATUSES = ("source", "secondary")  # METHODOLOGY's tags S and S2
PROXY_FIELDS = [
    "description", "value", "low", "high", "unit", "currency", "price_year", "source", "status",
    "note",
]  # fmt: skip


class ProxyForm(forms.ModelForm):
    """One proxy of a new library version, as staff or the operator give it: every value
    checked before a version is made, since a version is never edited afterwards."""

    class Meta:
        model = Proxy
        fields = PROXY_FIELDS

    def clean_status(self):
        status = self.cleaned_data["status"]
        if status not in PROXY_STATUSES:
            raise forms.ValidationError(
                _("Kies source (een eigen bron) of secondary (overgenomen uit een andere bron)."),
                code="onbekende_waarde",
            )
        return status

    def clean_price_year(self):
        year = self.cleaned_data["price_year"]
        if not 1990 <= year <= current_year():
            raise forms.ValidationError(
                _("Het prijsjaar ligt tussen 1990 en %(year)s."),
                code="buiten_bereik",
                params={"year": current_year()},
            )
        return year

    def clean(self):
        data = super().clean()
        value, low, high = data.get("value"), data.get("low"), data.get("high")
        if value is not None and low is not None and low > value:
            self.add_error("low", _("De lage waarde is hoger dan de waarde zelf."))
        if value is not None and high is not None and high < value:
            self.add_error("high", _("De hoge waarde is lager dan de waarde zelf."))
        return data
