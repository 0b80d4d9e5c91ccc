"""The seven journeys of JOURNEYS.md run against Opmars as it is installed: an `opmars`
command started in its own data directory with the demo (`opmars demo --no-serve`, then
`opmars serve`), the way the README starts it. The tests see it only as a person does, through
the browser, its downloads and its API; they never reach into its database.

Which `opmars` runs: OPMARS_JOURNEY_BIN (CI points it at the built wheel installed in a fresh
environment, .ci/run), or else the one installed beside this Python (the README's editable
install). OPMARS_JOURNEY_DATABASE_URL gives the server a database of its own (CI: a PostgreSQL
database next to the test database); without it the server uses SQLite in its data directory.
"""

import email
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

DEMO_PASSWORD = "opmars-demo"
STARTUP_SECONDS = 90


def _opmars_command():
    given = os.environ.get("OPMARS_JOURNEY_BIN")
    if given:
        return given
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("CI runs the journeys against the installed wheel: set OPMARS_JOURNEY_BIN")
    beside = Path(sys.executable).with_name("opmars")
    return str(beside) if beside.exists() else "opmars"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(url, server, log):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"opmars serve stopped: {log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url + "/", timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"opmars serve did not answer within {STARTUP_SECONDS} s")


class InstalledSite:
    """The running server: its URL, and the mails it sent (a file per mail)."""

    def __init__(self, url, mail_dir):
        self.url = url
        self.mail_dir = mail_dir

    def mails_to(self, address):
        """The mails sent to `address`, oldest first, as email.message.Message objects."""
        found = []
        for path in sorted(self.mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime):
            # The file backend writes each message followed by a line of dashes.
            for chunk in path.read_text().split("-" * 79):
                message = email.message_from_string(chunk.strip())
                if address in (message.get("To") or ""):
                    found.append(message)
        return found


@pytest.fixture(scope="session")
def installed_site(tmp_path_factory):
    """Opmars started from its installed command, with the demo, on a free port."""
    home = tmp_path_factory.mktemp("journey-site")
    mail_dir = home / "mail"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "OPMARS_", "DATABASE_URL", "PYTHONPATH"))
    }
    env |= {
        "OPMARS_DATA_DIR": str(home / "data"),
        "OPMARS_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPMARS_EMAIL_FILE_PATH": str(mail_dir),
    }
    if os.environ.get("OPMARS_JOURNEY_DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["OPMARS_JOURNEY_DATABASE_URL"]
    command = _opmars_command()
    # From a directory that is not the checkout, so a source tree cannot stand in for the install.
    demo = subprocess.run(
        [command, "demo", "--no-serve"], cwd=home, env=env, capture_output=True, text=True
    )
    assert demo.returncode == 0, demo.stdout[-2000:] + demo.stderr[-3000:]
    port = _free_port()
    log = home / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [command, "serve", "--port", str(port), "--workers", "1"],
            cwd=home,
            env=env | {"OPMARS_DEMO": "1"},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, server, log)
        yield InstalledSite(url, mail_dir)
    finally:
        server.terminate()
        server.wait(timeout=20)


def log_in(page, site, email_address, password=DEMO_PASSWORD):
    """Log in through the login form, as a person does."""
    page.goto(site.url + "/account/inloggen/")
    page.get_by_label("E-mailadres").fill(email_address)
    page.get_by_label("Wachtwoord").fill(password)
    page.locator("main button.button[type=submit]").click()
    page.wait_for_load_state()
