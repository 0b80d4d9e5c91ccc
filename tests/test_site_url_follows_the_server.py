"""Without OPMARS_SITE_URL, the links Opmars writes point to the address `opmars serve` (or
`opmars demo`) listens on, not to port 8000 (issue 14); a configured address always wins."""

import os

import pytest

from opmars.cli import _site_url_from, build_parser


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["serve", "--port", "8123"], "http://127.0.0.1:8123"),
        (["serve", "--host", "0.0.0.0", "--port", "9000"], "http://127.0.0.1:9000"),
        (["demo", "--host", "opmars.local", "--port", "8001"], "http://opmars.local:8001"),
    ],
)
def test_the_site_address_is_where_the_server_listens(monkeypatch, argv, expected):
    monkeypatch.delenv("OPMARS_SITE_URL", raising=False)
    _site_url_from(build_parser().parse_args(argv))
    assert os.environ["OPMARS_SITE_URL"] == expected


def test_a_configured_address_wins(monkeypatch):
    monkeypatch.setenv("OPMARS_SITE_URL", "https://opmars.nl")
    _site_url_from(build_parser().parse_args(["serve", "--port", "8123"]))
    assert os.environ["OPMARS_SITE_URL"] == "https://opmars.nl"
