"""opmars/ui (charts, SVG, palette) is kernel level: it imports no domain app, and every kind of
collective the registry knows has its colour there."""

import ast
from pathlib import Path

from opmars.registry.vocab import Kind
from opmars.ui import palette

UI = Path(palette.__file__).parent
KERNEL = ("opmars.ui", "opmars.common")


def _imported_modules(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def test_the_ui_module_imports_no_domain_app():
    imported = {
        module
        for path in UI.glob("*.py")
        for module in _imported_modules(ast.parse(path.read_text(encoding="utf-8")))
    }
    domain = {m for m in imported if m.startswith("opmars") and not m.startswith(KERNEL)}
    assert domain == set()


def test_every_kind_has_a_colour_in_the_legend_in_the_vocabularys_order():
    legend = palette.legend(Kind.choices)
    assert [item["code"] for item in legend] == list(Kind.values)
    assert all(item["colour"].startswith("#") for item in legend)
    assert set(palette.KIND_COLOURS) == set(Kind.values)
