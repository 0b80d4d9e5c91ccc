"""No installation signs with a key somebody else knows: without OPMARS_SECRET_KEY the data
directory gets a random key of its own, `opmars serve` refuses to run on it outside demo mode,
and the documented production settings pass Django's deployment check."""

import secrets
import stat
import subprocess
import sys
from pathlib import Path

from opmars.settings import local_secret_key

DEPLOYMENT_DOC = (Path(__file__).resolve().parents[2] / "docs" / "deployment.md").read_text()


def run_opmars(tmp_path, *args, **env):
    return subprocess.run(
        [sys.executable, "-m", "opmars.cli", *args],
        env={"OPMARS_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_data_directory_gets_a_random_key_readable_by_its_owner_only(tmp_path):
    first = local_secret_key(tmp_path / "a")
    assert len(first) >= 50
    assert local_secret_key(tmp_path / "a") == first, "the key is kept, so sessions survive"
    assert local_secret_key(tmp_path / "b") != first
    mode = stat.S_IMODE((tmp_path / "a" / "secret_key").stat().st_mode)
    assert mode == 0o600


def test_serve_refuses_to_start_without_a_key_of_its_own(tmp_path):
    result = run_opmars(tmp_path, "serve", "--port", "1")
    assert result.returncode != 0
    assert "OPMARS_SECRET_KEY" in result.stderr
    assert "geheime sleutel" in result.stderr


def test_the_documented_production_settings_pass_the_deployment_check(tmp_path):
    production = {
        "OPMARS_SECRET_KEY": secrets.token_urlsafe(50),
        "OPMARS_ALLOWED_HOSTS": "opmars.example",
        "OPMARS_CSRF_TRUSTED_ORIGINS": "https://opmars.example",
        "OPMARS_SITE_URL": "https://opmars.example",
        "OPMARS_BEHIND_HTTPS_PROXY": "1",
    }
    for name in production:
        assert f"`{name}" in DEPLOYMENT_DOC, f"{name} is not in docs/deployment.md"
    result = run_opmars(tmp_path, "manage", "check", "--deploy", **production)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout + result.stderr
