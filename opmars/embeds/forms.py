"""The form on /insluiten/: what to embed, in which language. It reads with GET, so the page
works without JavaScript and holds no CSRF token."""

import re

from django import forms
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from opmars.accounts.policy import visible_collectives
from opmars.geo.models import Municipality, Province
from opmars.networks.models import Network
from opmars.ui.widgets import PlainSelect

EMBED_LANGUAGES = ("nl", "en")
KINDS = (
    ("gemeenten", _("Gemeente")),
    ("provincies", _("Provincie")),
    ("netwerken", _("Netwerk")),
    ("collectieven", _("Collectief")),
)
# The snippet's iframe height per kind: enough for the figures (and the map) on a phone.
HEIGHTS = {"gemeenten": 900, "provincies": 620, "netwerken": 560, "collectieven": 520}
URL_NAMES = {
    "gemeenten": "embed_municipality",
    "provincies": "embed_province",
    "netwerken": "embed_network",
    "collectieven": "embed_collective",
}
# The form field that names an area of each kind (a collective is named by its slug).
AREA_FIELDS = {"gemeenten": "gemeente", "provincies": "provincie", "netwerken": "netwerk"}
# A pasted page address, e.g. https://…/collectieven/de-zaak/: its last part is the slug.
COLLECTIVE_ADDRESS = re.compile(r"/collectieven/([\w-]+)/?(?:[?#].*)?$")


class EmbedForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Wat wil je insluiten?"),
        choices=KINDS,
        initial="gemeenten",
        widget=forms.RadioSelect,
    )
    gemeente = forms.ChoiceField(label=_("Gemeente"), required=False, widget=PlainSelect)
    provincie = forms.ChoiceField(label=_("Provincie"), required=False, widget=PlainSelect)
    netwerk = forms.ChoiceField(label=_("Netwerk"), required=False, widget=PlainSelect)
    collectief = forms.CharField(
        label=_("Collectief"),
        required=False,
        max_length=300,
        help_text=_(
            "Plak het webadres van de pagina van het collectief, of alleen het laatste deel "
            "ervan, zoals buurtcooperatie-de-zaak."
        ),
    )
    taal = forms.ChoiceField(
        label=_("Taal"),
        required=False,
        choices=(("nl", "Nederlands"), ("en", "English")),
        initial="nl",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].choices = list(
            Municipality.objects.order_by("name").values_list("code", "name")
        )
        self.fields["provincie"].choices = list(
            Province.objects.order_by("name").values_list("code", "name")
        )
        self.fields["netwerk"].choices = list(
            Network.objects.order_by("name").values_list("slug", "name")
        )
        self.collective = None

    def clean_collectief(self):
        text = self.cleaned_data["collectief"].strip()
        found = COLLECTIVE_ADDRESS.search(text)
        return found.group(1) if found else text.strip("/")

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("soort")
        if kind == "collectieven":
            slug = cleaned.get("collectief", "")
            self.collective = visible_collectives(None).filter(slug=slug).first() if slug else None
            if self.collective is None:
                self.add_error(
                    "collectief",
                    gettext(
                        "Dit collectief vinden we niet in de openbare lijst. Kopieer het "
                        "webadres van zijn pagina op Opmars en plak het hier."
                    ),
                )
        elif kind and not cleaned.get(AREA_FIELDS[kind]):
            self.add_error(AREA_FIELDS[kind], gettext("Kies er een uit de lijst."))
        return cleaned

    def _code(self):
        kind = self.cleaned_data["soort"]
        if kind == "collectieven":
            return self.collective.slug
        return self.cleaned_data[AREA_FIELDS[kind]]

    def embed_path(self):
        path = reverse(URL_NAMES[self.cleaned_data["soort"]], args=[self._code()])
        language = self.cleaned_data["taal"] or "nl"
        return path if language == "nl" else f"{path}?taal={language}"

    def height(self):
        return HEIGHTS[self.cleaned_data["soort"]]

    def chosen_name(self):
        kind = self.cleaned_data["soort"]
        if kind == "collectieven":
            return self.collective.name
        return dict(self.fields[AREA_FIELDS[kind]].choices)[self._code()]
