"""The account page where a user makes and revokes their API tokens (/account/tokens/); the
actions are in opmars/accounts/tokens.py."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from opmars.accounts.tokens import create_token, revoke_token
from opmars.accounts.views import confirm_first
from opmars.api.models import ApiToken


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Naam"),
        max_length=100,
        help_text=gettext_lazy("Waarvoor is deze sleutel? Bijvoorbeeld 'ledenadministratie'."),
        error_messages={
            "required": gettext_lazy("Geef de sleutel een naam, zodat je hem later herkent."),
            "max_length": gettext_lazy("Een naam heeft hoogstens 100 tekens."),
        },
    )
    scope = forms.ChoiceField(
        label=gettext_lazy("Rechten"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "Alleen lezen kan niets wijzigen. Lezen en schrijven kan collectieven aanmelden, en "
            "de collectieven die jij bijhoudt wijzigen, met hun jaarcijfers. Beheer je een "
            "netwerk, dan ook de jaarcijfers van leden die dat toestaan."
        ),
    )
    valid_days = forms.TypedChoiceField(
        label=gettext_lazy("Geldig"),
        choices=[
            ("30", gettext_lazy("30 dagen")),
            ("90", gettext_lazy("90 dagen")),
            ("365", gettext_lazy("1 jaar")),
            ("", gettext_lazy("Zonder vervaldatum")),
        ],
        coerce=int,
        empty_value=None,
        required=False,
        initial="365",
    )


@never_cache
@login_required
def tokens(request):
    """GET lists the tokens; POST makes one and shows its secret on this answer only."""
    if not request.user.email_confirmed:
        return confirm_first(request)
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        _token, secret = create_token(request.user, data["name"], data["scope"], data["valid_days"])
        form = TokenForm()
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "secret": secret,
            "tokens": request.user.api_tokens.all(),
        },
    )


@require_POST
@login_required
def revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    revoke_token(request.user, token)
    messages.success(
        request,
        _("De sleutel '%(name)s' is ingetrokken en werkt niet meer.") % {"name": token.name},
    )
    return redirect("api_tokens")
