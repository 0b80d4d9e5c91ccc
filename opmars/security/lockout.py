"""The page a locked-out login gets: the login form again, with why and for how long."""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import ngettext

from opmars.accounts.forms import LoginForm


def username(request, credentials):
    """The email address as counted: case and spaces do not make a fresh address."""
    value = (credentials or {}).get("username") or request.POST.get("username") or ""
    return value.strip().lower()


def lockout_message():
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return ngettext(
        "Te vaak een verkeerd wachtwoord: inloggen met dit e-mailadres kan vanaf hier "
        "%(minutes)d minuut niet. Probeer het daarna opnieuw, of vraag een nieuw wachtwoord aan.",
        "Te vaak een verkeerd wachtwoord: inloggen met dit e-mailadres kan vanaf hier "
        "%(minutes)d minuten niet. Probeer het daarna opnieuw, of vraag een nieuw wachtwoord aan.",
        minutes,
    ) % {"minutes": minutes}


def locked_out(request, credentials=None, *args, **kwargs):
    # Unbound: validating it would try the password again and count another failure.
    form = LoginForm(request, initial={"username": request.POST.get("username", "")})
    return render(
        request,
        "accounts/login.html",
        {"form": form, "lockout": lockout_message(), "next": request.POST.get("next", "")},
        status=429,
    )
