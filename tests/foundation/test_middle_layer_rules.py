"""The middle layer's rules (issue 18 items 3 and 4), held by a scan of ``src/vareflyt``.

Plain imports instead of modules loaded by name; no ImportError fallbacks for vareflyt's own
modules; one rename-into-place (``vareflyt.files``); jobs never import the demo; no private
name imported from another module. ``docs/development.md`` ("Rules the tests hold") says why.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = SRC / "vareflyt"

# Path renames that are not a hand-written temp-file-then-rename: a finished staged file moved
# into place after the store committed it (promote/recover).
MOVES = {"jobs/outbox.py", "jobs/letter_files.py"}
# Private names still imported across modules (none left; add one only with a reason).
PRIVATE_DEBT: set[tuple[str, str]] = set()


def _modules() -> list[tuple[str, str, ast.Module]]:
    """(path relative to the package, dotted module name, tree) for every source file."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        parts = ["vareflyt", *path.relative_to(PACKAGE).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found.append((rel, ".".join(parts), ast.parse(path.read_text(encoding="utf-8"))))
    return found


MODULES = _modules()


def _imported(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module an ``from … import`` names."""
    if node.level == 0:
        return node.module or ""
    base = module.split(".")
    base = base[: len(base) - node.level + (1 if is_package else 0)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(rel: str, module: str, tree: ast.AST):
    """(absolute module, node) for every import in ``tree``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node
        elif isinstance(node, ast.ImportFrom):
            yield _imported(module, rel.endswith("__init__.py"), node), node


def test_no_module_is_loaded_by_name():
    found = []
    for rel, _, tree in MODULES:
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                f = node.func
                name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
                if name in ("import_module", "__import__"):
                    found.append(f"{rel}:{node.lineno}")
    assert found == [], f"import the module plainly (or lazily inside the function): {found}"


def test_no_import_error_fallback_for_our_own_modules():
    found = []
    for rel, module, tree in MODULES:
        for node in ast.walk(tree):
            if not isinstance(node, ast.Try):
                continue
            caught = {ast.unparse(h.type) for h in node.handlers if h.type is not None}
            if not caught & {"ImportError", "ModuleNotFoundError", "(ImportError, ModuleNotFoundError)"}:
                continue
            for stmt in node.body:
                for name, _ in _imports(rel, module, stmt):
                    if name == "vareflyt" or name.startswith("vareflyt."):
                        found.append(f"{rel}:{node.lineno} {name}")
    assert found == [], f"vareflyt's own modules always exist; import them plainly: {found}"


def _renames(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            f = node.func
            on_os = isinstance(f.value, ast.Name) and f.value.id == "os" and f.attr in ("replace", "rename")
            on_path = f.attr in ("replace", "rename") and len(node.args) == 1 and not node.keywords
            if on_os or on_path:  # str.replace takes two arguments, date.replace keywords
                yield node


def test_files_are_renamed_into_place_only_by_the_one_helper():
    found = [
        f"{rel}:{node.lineno} {ast.unparse(node)}"
        for rel, _, tree in MODULES
        if rel != "files.py" and rel not in MOVES
        for node in _renames(tree)
    ]
    assert found == [], f"write through vareflyt.files (atomic_write, write_bytes, write_text): {found}"


def test_the_scan_sees_a_hand_written_rename():
    tree = ast.parse(
        "tmp.write_bytes(b'x')\ntmp.replace(target)\nos.replace(a, b)\n"
        "name.replace('a', 'b')\nday.replace(day=1)\n"
    )
    assert [ast.unparse(n) for n in _renames(tree)] == ["tmp.replace(target)", "os.replace(a, b)"]


def test_jobs_never_import_the_demo():
    found = [
        f"{rel}:{node.lineno} {name}"
        for rel, module, tree in MODULES
        if rel.startswith("jobs/")
        for name, node in _imports(rel, module, tree)
        if name == "vareflyt.demo" or name.startswith("vareflyt.demo.")
    ]
    assert found == [], f"the demo calls jobs, never the other way round: {found}"


def test_no_private_name_is_imported_from_another_module():
    found = []
    for rel, module, tree in MODULES:
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    private = alias.name.startswith("_") and not alias.name.startswith("__")
                    if private and (rel, alias.name) not in PRIVATE_DEBT:
                        found.append(
                            f"{rel}:{node.lineno} {_imported(module, rel.endswith('__init__.py'), node)}"
                            f".{alias.name}"
                        )
    assert found == [], f"make the name public (and document it) or keep the code in its module: {found}"


@pytest.mark.parametrize(
    "source, expected",
    [("from ..demo.invoicing import x", "vareflyt.demo.invoicing"), ("from . import files", "vareflyt.jobs")],
)
def test_relative_imports_are_resolved(source, expected):
    node = ast.parse(source).body[0]
    assert _imported("vareflyt.jobs.demo_days", False, node) == expected


def _public_store_functions():
    """(place, function node) of every public top-level function in store/ (migrations aside)."""
    for rel, _, tree in MODULES:
        if rel.startswith("store/") and not rel.startswith("store/migrations/"):
            for node in tree.body:
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith(
                    "_"
                ):
                    yield f"{rel}:{node.lineno} {node.name}", node


def test_store_imports_only_the_domain_of_vareflyt():
    outer = ("vareflyt.rules", "vareflyt.jobs", "vareflyt.excel", "vareflyt.cli")
    found = [
        f"{rel}:{node.lineno} {name}"
        for rel, module, tree in MODULES
        if rel.startswith("store/")
        for name, node in _imports(rel, module, tree)
        if any(name == layer or name.startswith(layer + ".") for layer in outer)
    ]
    assert found == [], f"the store returns raw facts; types it shares with rules live in domain/: {found}"


def _missing_annotations(node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    a = node.args
    params = [*a.posonlyargs, *a.args, *a.kwonlyargs, *[p for p in (a.vararg, a.kwarg) if p is not None]]
    return [p.arg for p in params if p.annotation is None] + (["return"] if node.returns is None else [])


def test_public_store_functions_are_annotated():
    found = [
        f"{place} {missing}"
        for place, node in _public_store_functions()
        if (missing := _missing_annotations(node))
    ]
    assert found == [], f"store functions are typed seams; annotate: {found}"


def test_the_annotation_scan_sees_what_is_missing():
    tree = ast.parse("def f(conn: int, where, *a, **kw: int) -> int: ...\ndef g(x: int): ...\n")
    assert [_missing_annotations(n) for n in tree.body] == [["where", "a"], ["return"]]
