"""The writes an ``OpenpyxlWorkbook`` queues until ``save()``: which of them the fast path
writes, and how openpyxl applies the rest to a loaded workbook.

Each queued write is a tuple whose first item is its kind:

- ``("replace", table, rows, converted)``: the table's new rows (``converted`` when they are
  already cell values);
- ``("set", table, row_index, {column: cell value})`` and
  ``("mark", table, row_index, column, colour, comment)``: one row's cells;
- ``("sheet", name, rows)``: a plain report sheet; ``("chart", sheet, ChartSpec)``: a chart;
- ``("ensure", table)``: added by ``plan_save`` for a table the fast path writes that the
  workbook does not have yet (openpyxl adds it from the schema first).

They are their own module because deciding and applying the queued writes is one piece (the
plan is where the big tables are kept out of openpyxl's way, see ``openpyxl_adapter``), while
the adapter holds the port's methods, the reading and the order of the save's steps.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.utils import range_boundaries

from .chart_specs import ChartSpec
from .openpyxl_sheets import find_table, set_value, write_body, write_sheet
from .port import rows_to_cells
from .schemas import TableSchema, table_schema
from .xlsx_parts import read_locations


def goes_fast(schema: TableSchema, n_rows: int, fast_threshold: int) -> bool:
    return schema.big or n_rows > fast_threshold


def plan_save(
    path: Path, ops: Sequence[tuple], tables: Sequence[TableSchema], fast_threshold: int
) -> tuple[dict[str, list], set[str], list[tuple], set[str]]:
    """-> (tables for the fast path, the tables to empty before openpyxl, the operations
    openpyxl applies, the big tables this save leaves as they are: emptied for openpyxl,
    then their rows put back — copied (``kept_tables``) or, failing that, read back)."""
    locations = read_locations(path)

    def loc(key: str):
        return locations.get(table_schema(key).table.lower())

    touched = {op[1] for op in ops if op[0] in ("set", "mark")}
    replaced = {op[1]: op[2] for op in ops if op[0] == "replace"}
    fast = {
        k: cells
        for k, cells in replaced.items()
        if k not in touched
        and not (loc(k) and loc(k).has_comments)
        and goes_fast(table_schema(k), len(cells), fast_threshold)
    }
    other = [op for op in ops if not (op[0] == "replace" and op[1] in fast)]
    other = [("ensure", k) for k in fast if loc(k) is None] + other
    if not other:
        return fast, set(), [], set()
    stub = {k for k in fast if loc(k) is not None}
    untouched = set()
    for table in tables:  # keep big tables out of openpyxl's way
        where = loc(table.key)
        if (
            table.key in replaced
            or table.key in touched
            or where is None
            or where.has_comments
            or where.body_rows <= fast_threshold
        ):
            continue
        stub.add(table.key)
        untouched.add(table.key)
    return fast, stub, other, untouched


def written_sheets(ops: Sequence[tuple], fast: Mapping[str, Any]) -> set[str]:
    """Sheets whose content this save writes (their header gets today's date)."""
    names = {op[1] if op[0] in ("sheet", "chart") else table_schema(op[1]).sheet for op in ops}
    return names | {table_schema(k).sheet for k in fast}


def queued_charts(ops: Sequence[tuple]) -> dict[str, list[ChartSpec]]:
    charts: dict[str, list[ChartSpec]] = {}
    for op in ops:
        if op[0] == "chart":
            charts.setdefault(op[1], []).append(op[2])
    return charts


def apply_op(book, op: tuple) -> None:
    kind = op[0]
    if kind == "sheet":
        write_sheet(book, op[1], op[2])
        return
    if kind == "chart":  # placed by ``finish`` once the sheets are written
        return
    schema = table_schema(op[1])
    ws, table = find_table(book, schema)
    if kind == "ensure":
        return
    if kind == "replace":
        write_body(ws, table, schema, op[2] if op[3] else rows_to_cells(schema, op[2]))
        return
    c1, r1, _, r2 = range_boundaries(table.ref)
    row = r1 + 1 + op[2]
    if not r1 < row <= r2:
        raise IndexError(f"table {schema.key} has no row {op[2]}")
    headings = {
        str(ws.cell(r1, c).value or "").strip().lower(): c
        for c in range(c1, range_boundaries(table.ref)[2] + 1)
    }

    def cell(key: str):
        col = schema.column(key)
        column = next((headings[h] for h in col.known_headings if h in headings), None)
        if column is None:
            raise KeyError(f"column {col.heading!r} not found in table {schema.table}")
        return ws.cell(row, column)

    if kind == "set":
        for key, value in op[3].items():
            target = cell(key)
            set_value(target, value)
            target.number_format = schema.column(key).number_format
    elif kind == "mark":
        target = cell(op[3])
        target.fill = PatternFill(fill_type="solid", start_color="FF" + op[4], end_color="FF" + op[4])
        if op[5]:
            target.comment = Comment(op[5], "vareflyt", height=90, width=260)
