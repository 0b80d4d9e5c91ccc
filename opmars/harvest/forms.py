from django import forms
from django.utils.translation import gettext_lazy as _

from opmars.harvest.models import HarvestSource

MAX_INTERVAL_HOURS = 24 * 365


class SourceForm(forms.ModelForm):
    url = forms.URLField(
        label=_("adres (URL)"),
        max_length=500,
        assume_scheme="https",
        error_messages={
            "required": _("Vul het adres van de bron in."),
            "invalid": _("Vul een volledig webadres in, zoals https://voorbeeld.nl/open-data/."),
        },
        help_text=_(
            "Voor een andere Opmars: de pagina /open-data/ (dan nemen we steeds de nieuwste "
            "dump) of het zip-bestand; voor zijn API: het adres van de site of van "
            "/api/v1/collectives met filters. Voor HSDS: het zip-bestand met de tabellen of het "
            "adres van /organizations. Voor een CSV: het adres van het bestand."
        ),
    )

    class Meta:
        model = HarvestSource
        fields = ["name", "url", "kind", "interval_hours", "is_active"]
        error_messages = {
            "name": {
                "required": _("Geef de bron een naam."),
                "unique": _("Er is al een bron met deze naam. Kies een andere naam."),
            },
            "kind": {"required": _("Kies de soort bron.")},
            "interval_hours": {
                "invalid": _("Vul een heel aantal uren in, zoals 24."),
                "min_value": _("Het aantal uren kan niet negatief zijn."),
            },
        }

    def clean_url(self):
        url = self.cleaned_data["url"]
        if not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError(_("Alleen adressen met http:// of https:// kunnen."))
        return url

    def clean_interval_hours(self):
        value = self.cleaned_data["interval_hours"]
        if value is not None and value > MAX_INTERVAL_HOURS:
            raise forms.ValidationError(_("Kies hoogstens een jaar (8760 uur)."))
        return value
