"""Store functions hand out named rows and take typed ones (issue 18 item 2), held by a scan.

A store function is the seam between the jobs and the database: a caller should read
``row.due_date``, not ``row[3]`` or ``row["due_date"]``. So no public function in
``src/vareflyt/store`` may, in its return or parameter annotations, use

* a ``dict`` as a row (``list[dict]``, ``dict[str, dict]``, a bare ``dict``) or ``Any``,
* return a bare ``tuple[...]`` as a row (a tuple as a mapping's *key* is a composite key, not a
  row; a tuple *argument* such as ``(invoice id, status)`` pairs is typed and allowed),
* or leave its return unannotated.

A mapping from a key to one plain value (``dict[str, Decimal]``) is allowed. The few raw
helpers that exist for speed are listed in ``RAW`` with the reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

STORE = Path(__file__).resolve().parents[2] / "src" / "vareflyt" / "store"

# Functions that hand out raw DB-API rows on purpose (module, function): the reason beside each.
RAW = {
    # The fast cursor read behind the named-row builders in store/invoices (issue 19 item 5):
    # it returns the driver's rows so a caller can convert a column at a time.
    ("invoice_rows", "fetch"),
    # Converters of one raw driver value or column (str, float, int, datetime or None).
    ("invoice_rows", "dec"),
    ("invoice_rows", "day"),
    ("raw_columns", "decimal_column"),
    ("raw_columns", "date_column"),
    ("raw_columns", "flag_column"),
    # The primary key of an insert's result, whatever SQLAlchemy's result class.
    ("types", "inserted_id"),
    # A version's rows as columns, one per ``CatalogueArticle`` field in field order (each holds
    # that field's type), for the column-wise rule ``rules.prices.in_effect`` (issue 19): the
    # replacement list's 100 000 previous prices are compared without an article per row.
    ("price_list_rows", "columns_of"),
}
# Left to convert (issue 18 item 2). Remove an entry when its function returns named rows; the
# test fails on an entry that is no longer needed, so this list only shrinks.
DEBT: set[tuple[str, str]] = set()
ROWLESS = {"Any", "dict", "Dict", "tuple", "Tuple"}
MAPPINGS = {"dict", "Dict", "Mapping", "MutableMapping", "defaultdict"}


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _faults(node: ast.expr | None, tuples_ok: bool = False) -> list[str]:
    """What in one annotation is a bare row (empty when the annotation is fine)."""
    if node is None:
        return []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return _faults(ast.parse(node.value, mode="eval").body, tuples_ok)
    if isinstance(node, ast.BinOp):  # X | Y
        return _faults(node.left, tuples_ok) + _faults(node.right, tuples_ok)
    if isinstance(node, ast.Subscript):
        outer = _name(node.value)
        args = list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice]
        if outer in ("tuple", "Tuple") and not tuples_ok:
            return [ast.unparse(node)]
        if outer in MAPPINGS and len(args) == 2:
            key, value = args
            # A composite key (a tuple, or any subscripted type) names no row.
            key_faults = [] if isinstance(key, ast.Subscript) else _faults(key, tuples_ok)
            return key_faults + _faults(value, tuples_ok)
        return [fault for arg in args for fault in _faults(arg, tuples_ok)]
    if _name(node) in ROWLESS:
        return [ast.unparse(node)]
    return []


def _store_functions() -> list[tuple[str, str, ast.FunctionDef]]:
    found = []
    for path in sorted(STORE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                found.append((path.stem, node.name, node))
    return found


def _function_faults(function: ast.FunctionDef) -> list[str]:
    faults = [] if function.returns is not None else ["return not annotated"]
    faults += [f"returns {fault}" for fault in _faults(function.returns)]
    arguments = function.args.posonlyargs + function.args.args + function.args.kwonlyargs
    for argument in arguments:
        faults += [f"{argument.arg}: {fault}" for fault in _faults(argument.annotation, tuples_ok=True)]
    return faults


def test_every_store_function_hands_out_named_rows() -> None:
    offenders = {
        (module, name): faults
        for module, name, function in _store_functions()
        if (module, name) not in RAW | DEBT and (faults := _function_faults(function))
    }
    assert offenders == {}


def test_the_debt_list_only_names_functions_still_in_debt() -> None:
    functions = {(module, name): function for module, name, function in _store_functions()}
    paid = {key for key in DEBT if key not in functions or not _function_faults(functions[key])}
    assert paid == set(), "remove these from DEBT: they return named rows now"


@pytest.mark.parametrize(
    ("annotation", "faulty"),
    [
        ("list[dict]", True),
        ("dict[str, tuple[str, date]]", True),
        ("set[tuple[str, str, str]]", True),
        ("tuple[int, int]", True),
        ("Mapping[str, tuple[bool, str]]", True),
        ("dict[str, list[dict[str, Any]]]", True),
        ("Sequence[Any]", True),
        ("dict[tuple[str, str], Decimal]", False),
        ("dict[int, list[StoredFinding]]", False),
        ("list[PartyChange] | None", False),
        ("Iterator[Row]", False),
    ],
)
def test_the_scan_tells_a_bare_row_from_a_named_one(annotation: str, faulty: bool) -> None:
    assert bool(_faults(ast.parse(annotation, mode="eval").body)) is faulty
