"""The filter form shared by the directory and the map, and the page parameter.

Validation is opmars.registry.query's job (one parser for directory, map and API); this module only
renders the form, keeps URLs short and shareable, and turns the page number into limit/offset.
"""

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opmars.common.errors import QueryError
from opmars.geo.models import Municipality, Province
from opmars.networks.models import Network
from opmars.registry.query import parse_query
from opmars.registry.vocab import Domain, Kind, Status
from opmars.ui.widgets import PlainSelect

PAGE_SIZE = 20
PAGE_PARAM = "pagina"
# Parameters the directory and the map understand; anything else is dropped from shared URLs.
FILTER_PARAMS = (
    *("q", "kind", "domain", "province", "municipality", "works_in", "network", "status"),
    "active_in",
)
# The years the directory offers for "active on 31 December of" (the API takes any).
ACTIVE_IN_FIRST = 2000
DIRECTORY_PARAMS = (*FILTER_PARAMS, "sort", PAGE_PARAM)
SORT_CHOICES = [
    ("", gettext_lazy("Standaard")),
    ("name", gettext_lazy("Naam A–Z")),
    ("-name", gettext_lazy("Naam Z–A")),
    ("-founded_year", gettext_lazy("Nieuwste eerst")),
    ("founded_year", gettext_lazy("Oudste eerst")),
]
FIELD_LABELS = {
    "q": gettext_lazy("Zoeken"),
    "kind": gettext_lazy("Soort"),
    "domain": gettext_lazy("Terrein"),
    "province": gettext_lazy("Provincie"),
    "municipality": gettext_lazy("Gemeente"),
    "works_in": gettext_lazy("Ook actief in"),
    "network": gettext_lazy("Netwerk"),
    "status": gettext_lazy("Status"),
    "active_in": gettext_lazy("Actief op 31 december van"),
    "sort": gettext_lazy("Sorteren"),
    PAGE_PARAM: gettext_lazy("Pagina"),
}


def _with_all(label, choices):
    return [("", label), *choices]


class FilterForm(forms.Form):
    """Only for rendering: the values come in as `initial`, so nothing is validated twice."""

    q = forms.CharField(
        label=gettext_lazy("Zoekwoord"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    kind = forms.ChoiceField(widget=PlainSelect, label=gettext_lazy("Soort"), required=False)
    domain = forms.ChoiceField(widget=PlainSelect, label=gettext_lazy("Terrein"), required=False)
    province = forms.ChoiceField(
        widget=PlainSelect, label=gettext_lazy("Provincie"), required=False
    )
    municipality = forms.ChoiceField(
        widget=PlainSelect, label=gettext_lazy("Gemeente"), required=False
    )
    network = forms.ChoiceField(widget=PlainSelect, label=gettext_lazy("Netwerk"), required=False)
    status = forms.ChoiceField(widget=PlainSelect, label=gettext_lazy("Status"), required=False)
    active_in = forms.ChoiceField(
        widget=PlainSelect,
        label=FIELD_LABELS["active_in"],
        required=False,
        help_text=gettext_lazy("Wie toen actief was, volgens de levensloop van elk collectief."),
    )
    sort = forms.ChoiceField(
        widget=PlainSelect, label=gettext_lazy("Sorteren op"), required=False, choices=SORT_CHOICES
    )

    def __init__(self, params, *, with_sort=True):
        initial = {name: params.getlist(name) for name in self.base_fields if name != "q"}
        initial["q"] = params.get("q", "")
        super().__init__(initial=initial)
        # Not a visible field (municipality pages link to it); kept so filtering keeps it.
        self.works_in_values = params.getlist("works_in")
        self.fields["kind"].choices = _with_all(_("Alle soorten"), Kind.choices)
        self.fields["domain"].choices = _with_all(_("Alle terreinen"), Domain.choices)
        self.fields["status"].choices = _with_all(_("Elke status"), Status.choices)
        this_year = timezone.localdate().year
        past_years = [(str(y), str(y)) for y in range(this_year - 1, ACTIVE_IN_FIRST - 1, -1)]
        self.fields["active_in"].choices = _with_all(_("Nu"), past_years)
        self.fields["province"].choices = _with_all(
            _("Alle provincies"), Province.objects.values_list("code", "name")
        )
        self.fields["municipality"].choices = _with_all(
            _("Alle gemeenten"), Municipality.objects.values_list("code", "name")
        )
        self.fields["network"].choices = _with_all(
            _("Alle netwerken"), Network.objects.values_list("slug", "name")
        )
        if not with_sort:
            del self.fields["sort"]


def clean_params(params, allowed=DIRECTORY_PARAMS):
    """The same filters without empty values, unknown names or page 1: the shareable URL."""
    cleaned = QueryDict(mutable=True)
    for name in allowed:
        values = [v.strip() for v in params.getlist(name) if v.strip()]
        if name == PAGE_PARAM and values == ["1"]:
            continue
        if values:
            cleaned.setlist(name, values)
    return cleaned


def page_number(params):
    """(page, error) from the `pagina` parameter; page 1 when it is missing or wrong."""
    raw = params.get(PAGE_PARAM, "").strip()
    if not raw:
        return 1, None
    if raw.isdigit() and int(raw) >= 1:
        return int(raw), None
    return 1, {
        "field": PAGE_PARAM,
        "code": "geen_getal",
        "message": _("Het paginanummer moet een heel getal zijn, 1 of hoger."),
    }


def parse_filters(params, page=1, page_size=PAGE_SIZE):
    """(query, errors): the registry's query for these filters, paged, or the Dutch errors."""
    data = clean_params(params, (*FILTER_PARAMS, "sort"))
    data["limit"] = str(page_size)
    data["offset"] = str((page - 1) * page_size)
    try:
        return parse_query(data), []
    except QueryError as exc:
        return None, [labelled(error) for error in exc.errors]


def labelled(error):
    """An error with the visible label of its field, so the message reads as a sentence."""
    return {**error, "label": FIELD_LABELS.get(error["field"], error["field"])}


def active_filters(params, form):
    """[(label, value label, URL without this value)] so people can see and remove each filter."""
    cleaned = clean_params(params, (*FILTER_PARAMS, "sort"))
    active = []
    for name in FILTER_PARAMS:
        for value in cleaned.getlist(name):
            remaining = cleaned.copy()
            remaining.setlist(name, [v for v in cleaned.getlist(name) if v != value])
            active.append(
                {
                    "label": FIELD_LABELS[name],
                    "value": _choice_label(form, name, value),
                    "query": remaining.urlencode(),
                }
            )
    return active


def _choice_label(form, name, value):
    field = form.fields.get(name)
    if name == "works_in":
        municipality = Municipality.objects.filter(code=value.upper()).first()
        return municipality.name if municipality else value
    for code, label in getattr(field, "choices", []):
        if code and str(code).lower() == value.lower():
            return label
    return value
