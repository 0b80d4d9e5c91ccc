"""The six-digit code from the authenticator app, checked against the user's devices."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code uit je app"),
        help_text=gettext_lazy("Zes cijfers; de app maakt elke 30 seconden een nieuwe."),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]*"}
        ),
        error_messages={
            "required": gettext_lazy("Vul de zes cijfers uit je app in."),
            "min_length": gettext_lazy("De code heeft zes cijfers."),
            "max_length": gettext_lazy("De code heeft zes cijfers."),
        },
    )

    def __init__(self, devices, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.devices = devices
        self.device = None

    def clean_code(self):
        code = self.cleaned_data["code"]
        if not code.isdigit():
            raise forms.ValidationError(_("De code bestaat alleen uit cijfers."))
        for device in self.devices:
            allowed, _details = device.verify_is_allowed()
            if not allowed:
                raise forms.ValidationError(
                    _("Te veel verkeerde codes achter elkaar. Wacht een minuut en probeer opnieuw.")
                )
            if device.verify_token(code):
                self.device = device
                return code
        raise forms.ValidationError(
            _(
                "Deze code klopt niet. Kijk of de tijd op je telefoon goed staat en probeer "
                "de nieuwe code."
            )
        )
