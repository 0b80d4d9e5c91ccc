"""Sign up, sign in and out, and the account overview. Django's own views do the password work."""

import contextlib

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.exceptions import Ratelimited

from opmars.accounts import actions, policy
from opmars.accounts.forms import (
    DeleteAccountForm,
    LoginForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    SignupForm,
)
from opmars.accounts.personal_data import personal_data
from opmars.common import limits
from opmars.common.limits import limited
from opmars.geo.models import Municipality

PAGE_SIZE = 20


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        # Failures are counted per client address across accounts (password spraying), next
        # to the lock-out of one account from one address (django-axes).
        if limits.exceeded(request, "login_failures", per_ip=True):
            return limits.too_many_page(request)
        response = super().post(request, *args, **kwargs)
        if not request.user.is_authenticated:
            with contextlib.suppress(Ratelimited):
                limits.check(request, "login_failures", per_ip=True)
        return response


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("Je bent uitgelogd."))
        return response


@limited("signup", methods=("POST",), per_ip=True)
def signup(request):
    if request.user.is_authenticated:
        return redirect("account")
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = ""
    form = SignupForm()
    if request.method == "POST":
        try:
            user = actions.sign_up(request.POST)
        except actions.ActionError as error:
            form = error.form
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welkom bij Opmars! Je account is aangemaakt."))
            if next_url:  # the account page says it itself
                messages.info(request, confirmation_sent(user))
            return redirect(next_url or "account")
    return render(request, "accounts/signup.html", {"form": form, "next": next_url})


def confirmation_sent(user):
    return _(
        "We stuurden een link naar %(email)s. Open die om je e-mailadres te bevestigen; daarna "
        "kun je collectieven aanmelden, claimen en API-sleutels maken."
    ) % {"email": user.email}


def email_confirm(request, token):
    """The link from the confirmation mail; it needs no login (it may open on another device)."""
    try:
        actions.confirm_email(token)
    except actions.ActionError as error:
        return render(request, "accounts/email_confirm.html", {"error": error.errors[0]["message"]})
    messages.success(request, _("Je e-mailadres is bevestigd. Dank je wel!"))
    return redirect("account" if request.user.is_authenticated else "login")


@require_POST
@login_required
@limited("confirmation_mail", methods=("POST",))
def email_confirm_resend(request):
    if not request.user.email_confirmed:
        actions.send_confirmation(request.user)
        messages.info(request, confirmation_sent(request.user))
    return redirect("account")


def confirm_first(request):
    """What an unconfirmed account sees instead of a form it may not use yet."""
    return render(request, "accounts/confirm_first.html", status=403)


@login_required
def account(request):
    collectives = policy.editable_collectives(request.user).order_by("name", "id")
    page = request.GET.get("pagina", "1")
    page = int(page) if page.isdigit() and int(page) > 0 else 1
    total = collectives.count()
    start = (page - 1) * PAGE_SIZE
    return render(
        request,
        "accounts/account.html",
        {
            "collectives": collectives.select_related("municipality")[start : start + PAGE_SIZE],
            "total": total,
            "page": page,
            "has_next": start + PAGE_SIZE < total,
            "networks": request.user.administered_networks.order_by("name"),
            "municipalities": Municipality.objects.filter(viewers__user=request.user),
            "sharing_drafts": policy.collectives_sharing_drafts(request.user).order_by("name")[
                :PAGE_SIZE
            ],
        },
    )


password_reset = limited("password_reset", methods=("POST",), per_ip=True)(
    auth_views.PasswordResetView.as_view(
        template_name="accounts/password_reset_form.html",
        email_template_name="accounts/password_reset_email.txt",
        subject_template_name="accounts/password_reset_subject.txt",
        form_class=PasswordResetForm,
    )
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html", form_class=SetPasswordForm
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
password_change = auth_views.PasswordChangeView.as_view(
    template_name="accounts/password_change_form.html", form_class=PasswordChangeForm
)
password_change_done = auth_views.PasswordChangeDoneView.as_view(
    template_name="accounts/password_change_done.html"
)


# Privacy (AVG)


def privacy(request):
    return render(request, "accounts/privacy.html")


@login_required
def my_data(request):
    """Everything we hold about the signed-in user, as a JSON download."""
    response = JsonResponse(
        personal_data(request.user), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens-opmars.json"'
    return response


@login_required
def delete_account(request):
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.delete_account(request.user)
        logout(request)
        messages.success(
            request, _("Je account is verwijderd. De gegevens van de collectieven blijven staan.")
        )
        return redirect("home")
    sole = [c for c in request.user.edited_collectives.order_by("name") if c.editors.count() == 1]
    return render(request, "accounts/delete_account.html", {"form": form, "sole_editor_of": sole})
