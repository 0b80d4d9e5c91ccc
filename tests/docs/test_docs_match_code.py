"""The docs are checked against the code: every command and setting is documented."""

import re
from pathlib import Path

from opmars.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]


def subcommands():
    action = next(a for a in build_parser()._actions if a.dest == "command")
    return action.choices


def test_every_cli_command_is_documented():
    cli_doc = (ROOT / "docs" / "cli.md").read_text()
    for name, parser in subcommands().items():
        assert f"## `opmars {name}" in cli_doc, name
        for action in parser._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert option in cli_doc, f"opmars {name} {option}"


def test_every_setting_from_the_environment_is_documented():
    settings_source = (ROOT / "opmars" / "settings.py").read_text()
    used = set(re.findall(r"""(?:environ\.get|env_bool)\(\s*"([A-Z_]+)\"""", settings_source))
    documented = (ROOT / "docs" / "configuration.md").read_text()
    assert used, "no settings found"
    for name in used:
        assert f"`{name}`" in documented, name


def test_readme_has_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    assert "opmars demo" in readme
    assert "pip install -e '.[test]' && pytest" in readme
