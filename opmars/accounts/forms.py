"""Sign-up and sign-in forms with plain Dutch labels and messages."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from opmars.accounts.models import User
from opmars.accounts.tokens import revoke_all_tokens


def dutch_password_error(error):
    """Django's Dutch catalogue lacks the 'too short' message; give it in plain Dutch."""
    if not isinstance(error, ValidationError) or not hasattr(error, "error_list"):
        return error
    messages = []
    for item in error.error_list:
        if item.code == "password_too_short":
            length = item.params["min_length"]
            item = ValidationError(
                ngettext(
                    "Dit wachtwoord is te kort: gebruik minstens %(min_length)d teken.",
                    "Dit wachtwoord is te kort: gebruik minstens %(min_length)d tekens.",
                    length,
                )
                % {"min_length": length},
                code=item.code,
            )
        messages.append(item)
    return ValidationError(messages)


class DutchPasswordErrors:
    def add_error(self, field, error):
        super().add_error(field, dutch_password_error(error))


class LoginForm(auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mailadres"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _(
            "Dit e-mailadres en wachtwoord horen niet bij elkaar. Let op hoofdletters, of vraag "
            "een nieuw wachtwoord aan."
        ),
        "inactive": _("Dit account is uitgezet. Neem contact op met Opmars."),
    }


class SignupForm(DutchPasswordErrors, forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres"),
        help_text=_("Hiermee log je in. We tonen het nergens."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Vul je e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."),
        },
    )
    password1 = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        help_text=_("Minstens 8 tekens. Niet alleen cijfers en geen veelgebruikt wachtwoord."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Kies een wachtwoord.")},
    )
    password2 = forms.CharField(
        label=_("Wachtwoord nog een keer"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Vul het wachtwoord nog een keer in.")},
    )

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(
                _(
                    "Er is al een account met dit e-mailadres. Log in, of vraag een nieuw "
                    "wachtwoord aan als je het bent vergeten."
                )
            )
        return email

    def clean(self):
        data = super().clean()
        password1, password2 = data.get("password1"), data.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("De twee wachtwoorden zijn niet gelijk."))
        elif password1:
            try:
                password_validation.validate_password(
                    password1, User(email=data.get("email") or "")
                )
            except ValidationError as error:
                self.add_error("password1", error)
        return data


class PasswordResetForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")},
    )

    def save(self, *args, request=None, **kwargs):
        """Past the limit of mails to one address, none is sent, silently: the answer must not
        tell whether the address has an account."""
        from django_ratelimit.exceptions import Ratelimited

        from opmars.common import limits

        address = self.cleaned_data["email"].strip().lower()
        try:
            limits.check(request, "password_reset_address", key=f"address:{address}")
        except Ratelimited:
            return
        super().save(*args, request=request, **kwargs)


class RevokesTokensOnSave:
    """A new password ends the API tokens too: whoever knew the old one may have made some."""

    @transaction.atomic
    def save(self, commit=True):
        user = super().save(commit)
        if commit:
            revoke_all_tokens(user, "wachtwoord gewijzigd")
        return user


class SetPasswordForm(DutchPasswordErrors, RevokesTokensOnSave, auth_forms.SetPasswordForm):
    pass


class PasswordChangeForm(DutchPasswordErrors, RevokesTokensOnSave, auth_forms.PasswordChangeForm):
    pass


class InviteEditorForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres van de nieuwe redacteur"),
        help_text=_("We sturen een link; die werkt 14 dagen en maar één keer."),
        error_messages={
            "required": _("Vul het e-mailadres in van wie je wilt uitnodigen."),
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."),
        },
    )


class ClaimForm(forms.Form):
    role = forms.CharField(
        label=_("Je rol in het collectief"),
        max_length=200,
        help_text=_("Bijvoorbeeld: secretaris van het bestuur."),
        error_messages={
            "required": _(
                "Vul je rol in het collectief in, zodat we de aanvraag kunnen beoordelen."
            ),
            "max_length": _("Houd je rol korter dan 200 tekens."),
        },
    )
    message = forms.CharField(
        label=_("Toelichting (niet verplicht)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Houd de toelichting korter dan 2000 tekens.")},
    )
    wants_unlisting = forms.BooleanField(
        label=_("Haal ons collectief van de openbare lijst"),
        required=False,
        help_text=_(
            "Dan tonen kaart, lijst, API, exports en tellingen het collectief niet meer; "
            "de redactie en Opmars zien het nog wel."
        ),
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Je wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Vul je wachtwoord in om je account te verwijderen.")},
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("Dit wachtwoord klopt niet; je account is niet verwijderd."))
        return password
