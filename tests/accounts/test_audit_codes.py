"""Audit codes are one enum (AuditAction) with a Dutch label each: every call that records an
event names a member, no code is spelled out as a bare string, and the audit page shows the
label, not the code."""

import ast
from pathlib import Path

from opmars.accounts.audit import AuditAction
from tests.accounts.test_audit_log_pages import _rename

PACKAGE = Path(__file__).resolve().parents[2] / "opmars"
AUDIT_MODULE = PACKAGE / "accounts" / "audit.py"
CODES = set(AuditAction.values)


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" not in path.parts and path != AUDIT_MODULE:
            yield path, ast.parse(path.read_text(encoding="utf-8"))


def _audit_names(tree):
    """The local names of opmars.accounts.audit's record and event in this module."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "opmars.accounts.audit":
            names |= {a.asname or a.name for a in node.names if a.name in ("record", "event")}
    return names


def _action_arguments(tree):
    """(line, action argument) of every record/event call and every AuditEvent(action=…)."""
    names = _audit_names(tree)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        via_module = isinstance(func, ast.Attribute) and getattr(func.value, "id", "") == "audit"
        if called in names or (via_module and called in ("record", "event")):
            keyword = [k.value for k in node.keywords if k.arg == "action"]
            yield node.lineno, node.args[1] if len(node.args) > 1 else keyword[0]
        elif called == "AuditEvent" or ast.unparse(func) == "AuditEvent.objects.create":
            yield from ((node.lineno, k.value) for k in node.keywords if k.arg == "action")


def _is_member(node):
    """AuditAction.X, a choice between members, or a name that passes one on (where no code
    is written as a string, a name can only carry a member)."""
    if isinstance(node, ast.IfExp):
        return _is_member(node.body) and _is_member(node.orelse)
    if isinstance(node, ast.Attribute):
        return getattr(node.value, "id", "") == "AuditAction" and node.attr in AuditAction.names
    return isinstance(node, ast.Name)


def test_every_recorded_action_is_an_enum_member():
    found, wrong = 0, []
    for path, tree in _modules():
        for line, argument in _action_arguments(tree):
            found += 1
            if not _is_member(argument):
                wrong.append(f"{path.relative_to(PACKAGE)}:{line}: {ast.unparse(argument)}")
    assert found > 40  # the walk finds the calls at all
    assert wrong == []


def test_no_audit_code_is_written_as_a_bare_string():
    bare = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value}"
        for path, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value in CODES
    ]
    assert bare == []


def test_every_code_has_its_own_label():
    for member in AuditAction:
        assert str(member.label).strip()
        assert str(member.label) != member.value


def test_the_audit_page_shows_the_label(world, client_as):
    _rename(world, "Buurtkracht Amstel-Oost")
    page = client_as(world.editor_a).get(f"/collectieven/{world.a.slug}/logboek/")
    label = str(AuditAction.COLLECTIVE_UPDATE.label)
    assert page.context["rows"][0]["action"] == label
    assert label in page.content.decode()
    assert AuditAction.COLLECTIVE_UPDATE.value not in page.content.decode()
