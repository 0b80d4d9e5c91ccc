"""The apps stand in layers (docs/architecture.md): a module imports its own app, the apps below
it, the kernel, and any app's models (one database schema, whose foreign keys cross apps
anyway). The shell on top (URL assembly, command line, admin, app configs, demo data,
management commands) may import anything. No two modules import each other, directly or
round about. Imports inside functions count: they hide a dependency, they do not remove it."""

import ast
from pathlib import Path

import opmars

PACKAGE = Path(opmars.__file__).parent

# Import nothing of Opmars but each other.
KERNEL = ("common", "text", "siteurl", "ui")
# Lowest first.
LAYERS = (
    "caching", "geo", "accounts", "api", "security",
    "registry", "networks", "knowledge", "impact", "rights", "finance",
    "monitor", "embeds", "dataio", "linkeddata", "harvest", "web",
)  # fmt: skip
SHELL_MODULES = {"opmars.urls", "opmars.cli", "opmars.wsgi", "opmars.settings", "opmars.replicas"}
SHELL_NAMES = {"urls", "cli", "admin", "apps", "demo", "management"}


def module_name(path):
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules():
    return {
        module_name(path): path for path in PACKAGE.rglob("*.py") if "migrations" not in path.parts
    }


def imported(path, known):
    """The Opmars modules a file imports (a `from package import module` names the module)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("opmars"):
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.add(full if full in known else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("opmars"))
    return found


def app_of(module):
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or module in KERNEL_MODULES else None


KERNEL_MODULES = {f"opmars.{name}" for name in KERNEL}


def is_shell(module):
    return module in SHELL_MODULES or bool(SHELL_NAMES & set(module.split(".")[2:]))


def is_schema(module):
    return module.endswith(".models") or module == "opmars.registry.vocab"


def allowed(source, target):
    source_app, target_app = app_of(source), app_of(target)
    if source_app == target_app or target_app is None or target_app in KERNEL:
        return True
    if source_app in KERNEL:
        return False
    if is_schema(target) and source_app is not None:
        return True
    return LAYERS.index(target_app) < LAYERS.index(source_app)


def graph():
    known = modules()
    return {name: imported(path, known) & known.keys() for name, path in known.items()}


def test_every_app_has_its_place():
    packages = {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").exists()}
    assert packages == (set(KERNEL) - {"text", "siteurl"}) | set(LAYERS)


def test_no_module_imports_from_a_higher_layer():
    wrong = sorted(
        f"{source} imports {target}"
        for source, targets in graph().items()
        if not is_shell(source)
        for target in targets
        if not is_shell(target) and not allowed(source, target)
    )
    assert wrong == []


def test_the_kernel_imports_no_app():
    wrong = sorted(
        f"{source} imports {target}"
        for source, targets in graph().items()
        if app_of(source) in KERNEL
        for target in targets
        if app_of(target) not in KERNEL
    )
    assert wrong == []


def strongly_connected(edges):
    """Tarjan's components of more than one module: each is an import cycle."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles():
    edges = {
        source: {t for t in targets if t != source and not t.startswith(f"{source}.")}
        for source, targets in graph().items()
    }
    assert strongly_connected(edges) == []


def test_the_checker_sees_a_wrong_import():
    assert not allowed("opmars.registry.query", "opmars.monitor.metrics")
    assert allowed("opmars.monitor.metrics", "opmars.registry.query")
    assert allowed("opmars.accounts.policy", "opmars.networks.models")
    assert not allowed("opmars.common.errors", "opmars.registry.models")
    assert strongly_connected({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c"]]
