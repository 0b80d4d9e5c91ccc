"""Optional TOTP two-factor login (django-otp), required for staff outside the demo.

After the password, a user with a confirmed device is logged in but not yet *verified*; the
middleware keeps such a session to the code page (and logout) until the code is given. Staff
without a device are sent to set one up first (OPMARS_STAFF_TWO_FACTOR).
"""

from base64 import b32encode
from urllib.parse import quote

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from opmars.api.errors import error_response
from opmars.common.errors import field_error
from opmars.security import actions
from opmars.security.forms import CodeForm


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("account")


def _in_groups(secret):
    """The key in groups of four, easier to type over; authenticator apps ignore the spaces."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@login_required
def verify(request):
    """The second login step: the code from the app."""
    devices = list(devices_for_user(request.user, confirmed=True))
    if not devices or request.user.is_verified():
        return redirect(_next_url(request))
    form = CodeForm(devices, request.POST or None)
    if request.method == "POST" and form.is_valid():
        otp_login(request, form.device)
        return redirect(_next_url(request))
    return render(request, "security/verify.html", {"form": form, "next": _next_url(request)})


def _pending_device(user):
    """The unconfirmed device being set up, made once so the QR code stays the same."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Opmars", confirmed=False)


@login_required
def setup(request):
    """Switch two-factor login on (QR code + code) or off (code), on the account's own page."""
    confirmed = list(devices_for_user(request.user, confirmed=True))
    if confirmed:
        return _switch_off(request, confirmed)
    device = _pending_device(request.user)
    form = CodeForm([device], request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _done(form, actions.switch_on_two_factor, request.user, device)
    ):
        otp_login(request, device)
        messages.success(
            request,
            _(
                "Tweestapsverificatie staat aan. Bij het inloggen vragen we "
                "voortaan ook de code uit je app."
            ),
        )
        return redirect(_next_url(request))
    context = {
        "form": form,
        "qr": segno.make(device.config_url, micro=False).svg_inline(
            scale=5, title=_("QR-code voor je authenticator-app")
        ),
        "secret": _in_groups(b32encode(device.bin_key).decode()),
        "required": actions.staff_must_use(request.user),
        "next": _next_url(request),
    }
    return render(request, "security/setup.html", context)


def _switch_off(request, devices):
    required = actions.staff_must_use(request.user)
    form = CodeForm(devices, request.POST or None)
    if request.method == "POST" and not required and form.is_valid():
        if not _done(form, actions.switch_off_two_factor, request.user):
            return redirect("account")  # switched off meanwhile (a second tab): nothing to do
        messages.info(request, _("Tweestapsverificatie staat uit."))
        return redirect("account")
    return render(request, "security/enabled.html", {"form": form, "required": required})


def _done(form, action, *args):
    """Run the action; a refusal (a second tab got there first) goes on the form instead of
    becoming a server error."""
    try:
        action(*args)
    except actions.ActionError as refusal:
        for error in refusal.errors:
            form.add_error(None, error["message"])
        return False
    return True


def _exempt_paths(has_device):
    own = reverse("two_factor_verify") if has_device else reverse("two_factor_setup")
    return (own, reverse("logout"), "/i18n/", settings.STATIC_URL)


def require_second_factor(get_response):
    """Keep a session without its second factor (or staff without a device) to the code page."""

    def middleware(request):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return get_response(request)
        has_device = user_has_device(user)
        if not has_device and not actions.staff_must_use(user):
            return get_response(request)
        if request.path.startswith(_exempt_paths(has_device)):
            return get_response(request)
        if request.path.startswith("/api/"):
            message = _("Log eerst in met de code uit je app (tweestapsverificatie).")
            return error_response(403, [field_error("", "tweestaps_nodig", message)])
        target = "two_factor_verify" if has_device else "two_factor_setup"
        return redirect(f"{reverse(target)}?next={quote(request.get_full_path())}")

    return middleware
