from django import forms
from django.utils.translation import gettext_lazy as _

from opmars.networks import peers
from opmars.registry.vocab import Kind


class PeerFilterForm(forms.Form):
    radius_km = forms.IntegerField(
        label=_("Afstand (km)"),
        min_value=1,
        max_value=peers.MAX_RADIUS_KM,
        required=False,
        initial=peers.DEFAULT_RADIUS_KM,
        error_messages={"max_value": _("Kies een afstand van hoogstens %(limit_value)s km.")},
    )
    kind = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("Alle soorten")), *Kind.choices]
    )

    def peer_query(self):
        data = self.cleaned_data
        return peers.PeerQuery(
            limit=20,
            radius_km=data.get("radius_km") or peers.DEFAULT_RADIUS_KM,
            kinds=(data["kind"],) if data.get("kind") else (),
        )
