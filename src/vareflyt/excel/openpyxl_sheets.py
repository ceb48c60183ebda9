"""What the openpyxl adapter does to a loaded workbook: table bodies, report sheets, and the
finishing every written sheet gets before the workbook is saved (print setup, charts).

``write_body`` replaces a table's rows (formats from the schema, text never a formula);
``write_sheet`` replaces a plain report sheet, numbers as numbers with a format by value;
``finish`` gives a table sheet without one its print setup (a shop's own print choices in
Excel stay), stamps the header date of the sheets written in this save, and places the charts
queued for a sheet (``excel.charts``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from copy import copy
from datetime import date
from typing import Any

from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.worksheet import Worksheet

from .chart_specs import ChartSpec
from .charts import place_charts
from .print_setup import (
    finish_plain_sheet,
    has_print_setup,
    is_stamped,
    number_format_of,
    retitle,
    setup_table_sheet,
    stamp,
)
from .schemas import TableSchema, WorkbookSchema
from .schemas_cells import clean_text
from .templates import add_table_sheet


def find_table(book, schema: TableSchema):
    """(worksheet, table) of a schema's table; added from the schema when an older workbook lacks it."""
    for ws in book.worksheets:
        for table in ws.tables.values():  # (TableList.items() gives refs)
            if table.displayName.lower() == schema.table.lower():
                return ws, table
    ws = add_table_sheet(book, schema)
    return ws, ws.tables[schema.table]


def set_value(cell, value: Any) -> None:
    cell.value = value
    if isinstance(value, str) and cell.data_type != "s":
        cell.data_type = "s"  # "=…" or "#N/A" typed by someone stays text, never a formula


def write_body(ws: Worksheet, table, schema: TableSchema, cells: list[list[Any]]) -> None:
    c1, r1, c2, r2 = range_boundaries(table.ref)
    if r2 > r1:
        ws.delete_rows(r1 + 1, r2 - r1)  # old rows with their fills and comments
    width = len(schema.columns)
    head_style = ws.cell(r1, c1)._style
    for c in range(c1 + width, c2 + 1):
        ws.cell(r1, c).value = None
    for j, col in enumerate(schema.columns):
        head = ws.cell(r1, c1 + j)
        head.value = col.heading
        if not head.has_style:
            head._style = copy(head_style)
    for i, row in enumerate(cells or [[None] * width], start=r1 + 1):
        for j, (col, value) in enumerate(zip(schema.columns, row)):
            cell = ws.cell(i, c1 + j)
            if value is not None:
                set_value(cell, value)
            cell.number_format = col.number_format
    ref = f"{get_column_letter(c1)}{r1}:{get_column_letter(c1 + width - 1)}{r1 + max(len(cells), 1)}"
    table.ref = ref
    table.autoFilter = AutoFilter(ref=ref)
    table.sortState = None
    table.tableColumns = []  # openpyxl names them from the heading row


def write_sheet(book, name: str, rows: list[list[Any]]) -> None:
    """Replace the report sheet ``name`` with ``rows``: Decimals become numbers (with a
    format that shows their decimals), dates get dd.mm.yyyy; then widths and print setup."""
    if name in book.sheetnames:
        del book[name]
    ws = book.create_sheet(name)
    for i, row in enumerate(rows, start=1):
        for j, value in enumerate(row, start=1):
            if value is None:
                continue
            fmt = number_format_of(value)
            if isinstance(value, str):
                value = clean_text(value)
            elif not isinstance(value, (int, float, bool)) and hasattr(value, "as_tuple"):
                # Decimal -> float: Excel stores every number as an IEEE double; float() is the
                # nearest one and openpyxl writes its repr, so up to 15 digits read back as written
                value = float(value)
            cell = ws.cell(i, j)
            set_value(cell, value)
            if fmt:
                cell.number_format = fmt
    finish_plain_sheet(ws, rows)


def finish(
    book,
    schema: WorkbookSchema,
    *,
    title: str,
    day: date,
    written: Collection[str],
    charts: Mapping[str, Iterable[ChartSpec]],
) -> None:
    """Print setup of every table sheet that has none yet (the templates have it; what a shop
    changed in Excel is kept); on every sheet vareflyt writes, the workspace in the header,
    and today's date on those in ``written`` (and on any not dated yet); charts on the sheets
    named in ``charts``."""
    tables = {t.sheet: t for t in schema.tables}
    for ws in book.worksheets:
        table = tables.get(ws.title)
        if table is not None and table.table in ws.tables:
            if not has_print_setup(ws):  # an older workbook; a shop's own choices stay
                setup_table_sheet(ws, table)
        elif ws.title not in written and not is_stamped(ws):
            continue  # a sheet of the user's own
        if ws.title in written or not is_stamped(ws):
            stamp(ws, title, day)
        else:
            retitle(ws, title)
    sheets = {ws.title: ws for ws in book.worksheets}
    for name, specs in charts.items():
        if name in sheets:
            place_charts(sheets[name], specs)
