"""Optional TOTP two-factor login: set up with a QR code on the account page, asked after the
password, switched off with a code. Staff must have it outside the demo."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from opmars.accounts.models import AuditEvent

pytestmark = pytest.mark.django_db
PASSWORD = "geheim-wachtwoord-1"


def code_for(device):
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def set_up(client, user):
    client.force_login(user)
    response = client.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=user)
    return response, device


def test_setup_shows_a_qr_code_and_the_key_and_turns_on_with_a_code(client, editor_user):
    response, device = set_up(client, editor_user)
    assert "<svg" in response.text and "QR-code" in response.text
    secret = device.config_url.split("secret=")[1].split("&")[0]
    assert secret[:4] + " " + secret[4:8] in response.text
    assert not device.confirmed

    response = client.post(reverse("two_factor_setup"), {"code": "000000"})
    assert "Deze code klopt niet" in response.text
    device.refresh_from_db()
    assert not device.confirmed

    device.throttle_reset()
    response = client.post(reverse("two_factor_setup"), {"code": code_for(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(action="account.two_factor_on").exists()


def test_login_asks_for_the_code_when_switched_on(client, editor_user):
    device = TOTPDevice.objects.create(user=editor_user, name="Opmars", confirmed=True)
    response = client.post(
        reverse("login"), {"username": editor_user.email, "password": PASSWORD, "next": "/account/"}
    )
    assert response.status_code == 302
    # Logged in with the password only: every page leads to the code page.
    response = client.get("/account/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_verify"))
    api = client.get("/api/v1/collectives")
    assert api.status_code == 403 and api.json()["errors"][0]["code"] == "tweestaps_nodig"

    response = client.post(reverse("two_factor_verify"), {"code": "12345a", "next": "/account/"})
    assert "alleen uit cijfers" in response.text
    response = client.post(
        reverse("two_factor_verify"), {"code": code_for(device), "next": "/account/"}
    )
    assert response.status_code == 302 and response["Location"] == "/account/"
    assert client.get("/account/").status_code == 200


def test_a_wrong_code_is_refused_and_repeated_tries_are_throttled(client, editor_user):
    TOTPDevice.objects.create(user=editor_user, name="Opmars", confirmed=True)
    client.force_login(editor_user)
    response = client.post(reverse("two_factor_verify"), {"code": "000000"})
    assert "Deze code klopt niet" in response.text
    response = client.post(reverse("two_factor_verify"), {"code": "000000"})
    assert "Te veel verkeerde codes" in response.text


def test_switching_off_needs_a_code(client, editor_user):
    device = TOTPDevice.objects.create(user=editor_user, name="Opmars", confirmed=True)
    client.force_login(editor_user)
    client.post(reverse("two_factor_verify"), {"code": code_for(device)})
    page = client.get(reverse("two_factor_setup"))
    assert "staat aan" in page.text
    device.throttle_reset()
    response = client.post(reverse("two_factor_setup"), {"code": code_for(device)})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=editor_user).exists()
    assert AuditEvent.objects.filter(action="account.two_factor_off").exists()


def test_staff_without_a_device_must_set_it_up_first(client, staff_user, settings):
    settings.OPMARS_STAFF_TWO_FACTOR = True
    client.force_login(staff_user)
    for path in ("/", "/import/", "/beheer/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("two_factor_setup"))
    page = client.get(reverse("two_factor_setup"))
    assert "Als medewerker van Opmars" in page.text
    device = TOTPDevice.objects.get(user=staff_user)
    client.post(reverse("two_factor_setup"), {"code": code_for(device)})
    assert client.get("/import/").status_code == 200
    # Required for staff: switching off is not offered.
    assert "uitzetten kan daarom niet" in client.get(reverse("two_factor_setup")).text


def test_in_the_demo_staff_need_no_second_factor(client, staff_user, settings):
    settings.OPMARS_STAFF_TWO_FACTOR = False
    client.force_login(staff_user)
    assert client.get("/import/").status_code == 200


def test_the_requirement_follows_demo_mode_by_default(monkeypatch):
    import importlib

    import opmars.settings

    try:
        monkeypatch.setenv("OPMARS_DEMO", "1")
        assert importlib.reload(opmars.settings).OPMARS_STAFF_TWO_FACTOR is False
        monkeypatch.setenv("OPMARS_DEMO", "0")
        assert importlib.reload(opmars.settings).OPMARS_STAFF_TWO_FACTOR is True
    finally:
        monkeypatch.delenv("OPMARS_DEMO")
        importlib.reload(opmars.settings)


def test_a_second_tab_that_lost_the_race_gets_no_server_error(client, editor_user, monkeypatch):
    """Switching off in two tabs at once: the second action finds nothing to remove."""
    from opmars.common.errors import ActionError
    from opmars.security import actions

    device = TOTPDevice.objects.create(user=editor_user, name="Opmars", confirmed=True)
    client.force_login(editor_user)
    client.post(reverse("two_factor_verify"), {"code": code_for(device)})
    device.throttle_reset()

    def already_off(user):
        raise ActionError.on("code", "staat_uit", "Tweestapsverificatie staat al uit.")

    monkeypatch.setattr(actions, "switch_off_two_factor", already_off)
    response = client.post(reverse("two_factor_setup"), {"code": code_for(device)})
    assert response.status_code == 302 and response["Location"] == reverse("account")
