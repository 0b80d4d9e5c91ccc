"""`opmars token create|list|revoke`: operators make, see and stop API tokens from the command
line; the secret is printed once, never listed, and every step is audited."""

import pytest

from opmars.accounts.models import AuditEvent
from opmars.api.models import ApiToken
from opmars.cli import build_parser
from tests.conftest import writes_with

pytestmark = pytest.mark.django_db


def opmars_token(capsys, *args):
    """Run `opmars token …` in this process (its database); (exit status, stdout, stderr)."""
    from opmars.accounts.cli import run_token

    status = run_token(build_parser().parse_args(["token", *args]))
    out, err = capsys.readouterr()
    return status, out, err


def test_create_prints_the_secret_once_and_it_works(capsys, client, editor_user):
    status, out, _err = opmars_token(
        capsys, "create", "--email", "ANOUK@example.org", "--scope", "write", "--days", "30"
    )
    assert status == 0
    secret = next(line for line in out.splitlines() if line.startswith("opm_"))
    token = ApiToken.objects.get(user=editor_user)
    assert (token.name, token.scope, token.expires_at is not None) == (
        "opdrachtregel",
        "write",
        True,
    )
    assert secret not in str(token.__dict__), "only the hash is stored"
    answer = writes_with(client, secret)
    assert answer.status_code in (400, 422), "past the token check; the empty body is refused"
    event = AuditEvent.objects.get(action="api_token.create")
    assert event.changes["via"] == "opdrachtregel" and event.actor_pseudonym == ""


def test_list_shows_tokens_but_never_a_secret(capsys, editor_user, other_user):
    _status, out, _err = opmars_token(
        capsys, "create", "--email", editor_user.email, "--scope", "read"
    )
    secret = next(line for line in out.splitlines() if line.startswith("opm_"))
    opmars_token(capsys, "create", "--email", other_user.email, "--scope", "read")
    status, listing, _err = opmars_token(capsys, "list", "--email", editor_user.email)
    assert status == 0
    rows = listing.strip().splitlines()
    assert len(rows) == 2 and rows[1].startswith(secret[:12])
    assert "actief" in rows[1] and secret not in listing
    _status, everything, _err = opmars_token(capsys, "list")
    assert len(everything.strip().splitlines()) == 3


def test_revoke_stops_the_token(capsys, client, editor_user):
    _status, out, _err = opmars_token(
        capsys, "create", "--email", editor_user.email, "--scope", "read"
    )
    secret = next(line for line in out.splitlines() if line.startswith("opm_"))
    status, out, _err = opmars_token(capsys, "revoke", secret[:12])
    assert status == 0 and "ingetrokken" in out
    answer = writes_with(client, secret)
    assert answer.status_code == 401
    assert AuditEvent.objects.get(action="api_token.revoke").changes["via"] == "opdrachtregel"
    _status, listing, _err = opmars_token(capsys, "list")
    assert "ingetrokken" in listing


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["create", "--email", "niemand@example.org", "--scope", "read"], "geen account"),
        (["revoke", "opm_onbekend"], "geen sleutel"),
    ],
)
def test_unknown_accounts_and_tokens_are_refused_in_dutch(capsys, editor_user, args, message):
    status, _out, err = opmars_token(capsys, *args)
    assert status == 1 and message in err
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("days", ["0", "3651", "veel"])
def test_wrong_options_exit_with_2(capsys, days):
    with pytest.raises(SystemExit) as stopped:
        build_parser().parse_args(
            ["token", "create", "--email", "a@b.nl", "--scope", "read", "--days", days]
        )
    assert stopped.value.code == 2
