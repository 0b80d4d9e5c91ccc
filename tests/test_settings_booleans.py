"""A yes/no setting takes yes or no; a typo stops the start instead of quietly meaning no."""

import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from opmars.settings import env_bool


@pytest.mark.parametrize("word", ["1", "true", "Yes", " on "])
def test_yes_words_mean_yes(monkeypatch, word):
    monkeypatch.setenv("OPMARS_EXAMPLE", word)
    assert env_bool("OPMARS_EXAMPLE") is True


@pytest.mark.parametrize("word", ["0", "false", "NO", "off", ""])
def test_no_words_mean_no(monkeypatch, word):
    monkeypatch.setenv("OPMARS_EXAMPLE", word)
    assert env_bool("OPMARS_EXAMPLE", default=True) is False


def test_an_unset_setting_takes_its_default(monkeypatch):
    monkeypatch.delenv("OPMARS_EXAMPLE", raising=False)
    assert env_bool("OPMARS_EXAMPLE", default=True) is True


def test_a_typo_is_an_error_naming_the_variable(monkeypatch):
    monkeypatch.setenv("OPMARS_EXAMPLE", "ja")
    with pytest.raises(ImproperlyConfigured, match="OPMARS_EXAMPLE='ja'"):
        env_bool("OPMARS_EXAMPLE")


def test_opmars_does_not_start_on_a_typo(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "opmars.cli", "setup"],
        env={"OPMARS_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "OPMARS_DEBUG": "yse"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "OPMARS_DEBUG='yse'" in result.stderr
