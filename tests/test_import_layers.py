"""Imports point one way (DESIGN.md, "The house"): ``core`` ← ``directory``, ``privacy`` ←
the domains ← integrations, console, reports, home. Every module is parsed, imports inside
functions and ``if TYPE_CHECKING:`` blocks included; only the composition root (app.py)
names every domain."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOMAINS = ("directory", "privacy", "feedback", "notices", "consultations", "radio",
           "appointments", "factcheck", "integrations", "console", "reports", "home")


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def _imported(path: Path) -> set[str]:
    """Top-level names of every package ``path`` imports."""
    return _imported_by(path.read_text(encoding="utf-8"), path.relative_to(ROOT).parts[0])


def _imported_by(source: str, package: str) -> set[str]:
    """Top-level names of every package ``source`` imports, anywhere in it (relative
    imports are of its own ``package``)."""
    tree = ast.parse(source)
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                names.add(package)
            elif node.module:
                names.add(node.module.split(".")[0])
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "import_module" and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            names.add(node.args[0].value.split(".")[0])
    return names


def _violations(package: str, forbidden: set[str]) -> list[str]:
    found = []
    for path in _modules(package):
        for name in sorted(_imported(path) & forbidden):
            found.append(f"{path.relative_to(ROOT)} imports {name}")
    return found


def test_the_parser_sees_imports_inside_functions_and_type_checking_blocks():
    source = ("from typing import TYPE_CHECKING\n"
              "if TYPE_CHECKING:\n    from consultations.models import X\n"
              "def f():\n    import feedback.models\n    from . import y\n"
              "    importlib.import_module('notices.routes')\n")
    assert _imported_by(source, "privacy") == {"typing", "consultations", "feedback",
                                               "privacy", "notices"}
    assert {"core", "privacy"} <= _imported(ROOT / "privacy" / "__init__.py")


def test_privacy_never_imports_feedback_or_consultations():
    assert _violations("privacy", {"feedback", "consultations"}) == []


def test_core_imports_no_domain():
    assert _violations("core", set(DOMAINS)) == []


def test_directory_imports_only_core():
    assert _violations("directory", set(DOMAINS) - {"directory"}) == []



def test_production_code_never_imports_the_tests_or_their_fakes():
    found = []
    for package in ("core", *DOMAINS):
        found += _violations(package, {"tests"})
    for path in (ROOT / "app.py", ROOT / "wsgi.py", ROOT / "celery_app.py"):
        if "tests" in _imported(path):
            found.append(f"{path.name} imports tests")
    assert found == []


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _module_graph() -> dict[str, set[str]]:
    """Every module of the domains and core, and the modules it imports anywhere in it
    (``from package import name`` counts as the package's ``__init__`` unless ``name`` is
    a module of the package)."""
    paths = {_module_name(p): p for pkg in ("core", *DOMAINS) for p in _modules(pkg)}

    def known(name: str) -> str | None:
        while name and name not in paths:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(filter(None, (known(alias.name) for alias in node.names)))
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(package[:len(package) - node.level + 1]
                                    + ([node.module] if node.module else []))
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    target = full if full in paths else known(base)
                    if target:
                        targets.add(target)
        graph[name] = targets - {name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected parts of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            part = []
            while True:
                top = stack.pop()
                part.append(top)
                if top == node:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_sees_a_cycle_through_a_function_level_import():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_imports_itself_back_even_inside_functions():
    graph = _module_graph()
    # the graph sees real imports
    assert {"core.db", "privacy.consent"} <= graph["feedback.service"]
    assert _cycles(graph) == []


def test_no_package_imports_itself_back():
    packages: dict[str, set[str]] = {}
    for name, targets in _module_graph().items():
        top = name.split(".")[0]
        packages.setdefault(top, set()).update(t.split(".")[0] for t in targets)
    for top, targets in packages.items():
        targets.discard(top)
    assert _cycles(packages) == []
