"""Every page carries the security headers; cookies are secure only when the site is https."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_pages_carry_the_security_headers(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_the_local_http_site_sends_no_hsts_and_plain_cookies(client, settings):
    assert settings.SITE_URL.startswith("http://")
    assert not settings.SESSION_COOKIE_SECURE and not settings.CSRF_COOKIE_SECURE
    response = client.get("/", secure=True)
    assert "Strict-Transport-Security" not in response


@override_settings(SECURE_HSTS_SECONDS=31536000)
def test_https_sites_get_hsts(client):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_https_site_url_switches_on_secure_cookies_and_hsts(monkeypatch):
    import importlib

    import opmars.settings

    monkeypatch.setenv("OPMARS_SITE_URL", "https://opmars.example.nl")
    try:
        fresh = importlib.reload(opmars.settings)
        assert fresh.SESSION_COOKIE_SECURE and fresh.CSRF_COOKIE_SECURE
        assert fresh.SECURE_HSTS_SECONDS == 31536000
    finally:
        monkeypatch.delenv("OPMARS_SITE_URL")
        importlib.reload(opmars.settings)


def test_map_tiles_host_is_allowed_for_images(monkeypatch):
    import importlib

    import opmars.settings

    monkeypatch.setenv("OPMARS_MAP_TILE_URL", "https://{s}.tile.example.org/{z}/{x}/{y}.png")
    try:
        fresh = importlib.reload(opmars.settings)
        assert (
            "https://*.tile.example.org" in fresh.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]
        )
    finally:
        monkeypatch.delenv("OPMARS_MAP_TILE_URL")
        importlib.reload(opmars.settings)
