"""Typed seams to the workspace (issue 18 item 1), held by a scan of ``src/vareflyt``: settings
are read as typed attributes (``ws.config.dunning``), never through a by-name ``section("x")``,
and every ``ws`` parameter or field is annotated, so mypy sees a ``Workspace`` rather than
``Any`` (in ``excel/`` ``ws`` is a worksheet, which may stay ``Any``)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "vareflyt"
TREES = {
    path.relative_to(PACKAGE).as_posix(): ast.parse(path.read_text(encoding="utf-8"))
    for path in sorted(PACKAGE.rglob("*.py"))
}


def _section_calls(tree: ast.AST) -> list[int]:
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "section"
    ]


def _unannotated_ws(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            a = node.args
            found += [
                f"{node.lineno} {node.name}"
                for arg in a.posonlyargs + a.args + a.kwonlyargs
                if arg.arg == "ws" and arg.annotation is None
            ]
            found += [
                f"{node.lineno} {node.name} ws: Any"
                for arg in a.posonlyargs + a.args + a.kwonlyargs
                if arg.arg == "ws" and arg.annotation is not None and ast.unparse(arg.annotation) == "Any"
            ]
        elif (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and node.target.id == "ws"
            and ast.unparse(node.annotation) == "Any"
        ):
            found.append(f"{node.lineno} ws: Any")
    return found


def test_no_setting_is_read_by_section_name():
    found = [f"{rel}:{line}" for rel, tree in TREES.items() for line in _section_calls(tree)]
    assert found == [], f"read the typed attribute (ws.config.company), not section('company'): {found}"


def test_every_workspace_parameter_is_annotated():
    found = [
        f"{rel}:{where}"
        for rel, tree in TREES.items()
        for where in _unannotated_ws(tree)
        if not (rel.startswith("excel/") and where.endswith("ws: Any"))
    ]  # a worksheet there
    assert found == [], f"annotate ws as Workspace (import it under TYPE_CHECKING): {found}"


def test_the_scans_see_what_they_look_for():
    tree = ast.parse(
        "def a(ws, x): pass\ndef b(x, *, ws=None): pass\ndef c(ws: Workspace): pass\n"
        "def d(ws: Any): pass\nclass E:\n    ws: Any\n"
        "y = ws.config.section('company')\n"
    )
    assert _unannotated_ws(tree) == ["1 a", "2 b", "4 d ws: Any", "6 ws: Any"]
    assert _section_calls(tree) == [7]
