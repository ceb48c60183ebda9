"""Declarative table schemas of the shop's workbooks: the one place sheet, table and column
names live.

``WORKBOOKS`` maps a workbook key ("purchasing", "receivables") to its schema; ``TABLES``
maps every table key (unique across workbooks) to its ``TableSchema``. Jobs refer to tables
and columns by key only; the Norwegian headings and the Excel table names stay here.
The column types, formats and helpers are in ``schemas_base``; the tables themselves in
``schemas_purchasing`` (with the supplier-invoice tables of ``schemas_supplier_invoices``) and
``schemas_receivables``.
"""

from __future__ import annotations

from .schemas_base import (
    DEFAULT_FORMAT,
    FMT_DATE,
    FMT_DATETIME,
    FMT_FIGURE,
    FMT_GENERAL,
    FMT_INT,
    FMT_MONEY,
    FMT_PCT,
    FMT_TEXT,
    Column,
    ColumnType,
    TableSchema,
    WorkbookSchema,
    day,
    decimal,
    flag,
    integer,
    money,
    number_or_text,
    pct,
    renamed,
    stamp,
    text,
)
from .schemas_purchasing import PURCHASING
from .schemas_receivables import RECEIVABLES

WORKBOOKS: dict[str, WorkbookSchema] = {wb.key: wb for wb in (PURCHASING, RECEIVABLES)}

TABLES: dict[str, TableSchema] = {}
for _wb in WORKBOOKS.values():
    for _t in _wb.tables:
        if _t.key in TABLES:
            raise ValueError(f"table key {_t.key!r} is used by two workbooks")
        TABLES[_t.key] = _t


def table_schema(key: str) -> TableSchema:
    """The schema of a table by key; a KeyError names the known keys."""
    try:
        return TABLES[key]
    except KeyError:
        raise KeyError(f"unknown table {key!r}; known: {', '.join(sorted(TABLES))}") from None


def workbook_schema(key: str) -> WorkbookSchema:
    try:
        return WORKBOOKS[key]
    except KeyError:
        raise KeyError(f"unknown workbook {key!r}; known: {', '.join(WORKBOOKS)}") from None


def workbook_for_file(filename: str) -> WorkbookSchema | None:
    """The workbook schema whose file name matches (case-insensitive), e.g. ``Innkjop.xlsx``."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].lower()
    for wb in WORKBOOKS.values():
        if wb.filename.lower() == name:
            return wb
    return None


__all__ = [
    "Column",
    "ColumnType",
    "TableSchema",
    "WorkbookSchema",
    "TABLES",
    "WORKBOOKS",
    "PURCHASING",
    "RECEIVABLES",
    "table_schema",
    "workbook_schema",
    "workbook_for_file",
    "DEFAULT_FORMAT",
    "FMT_DATE",
    "FMT_DATETIME",
    "FMT_FIGURE",
    "FMT_GENERAL",
    "FMT_INT",
    "FMT_MONEY",
    "FMT_PCT",
    "FMT_TEXT",
    "day",
    "decimal",
    "flag",
    "integer",
    "money",
    "number_or_text",
    "pct",
    "renamed",
    "stamp",
    "text",
]
