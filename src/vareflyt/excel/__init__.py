"""Spreadsheets: the workbook port and its adapters, table schemas, fast readers for supplier
files, header mapping. The only package that imports openpyxl, calamine, xlsxwriter or xlwings.

Importing this package loads no spreadsheet library and not pandas: the adapters
(``openpyxl_adapter``, ``xlwings_adapter``, ``xlsx_fast``, ``templates``) are imported from their
modules when needed, and the names below are looked up in ``port`` (which needs pandas) or
``schemas`` only when first asked for, so a reader of supplier files (``excel.sheets``) does not
pay for pandas.
"""

from __future__ import annotations

from typing import Any

_FROM_PORT = ("WorkbookPort", "row_source", "MARK_ERROR", "MARK_WARNING", "MARK_OK")
_FROM_SCHEMAS = ("TABLES", "WORKBOOKS", "table_schema", "workbook_schema")

__all__ = [*_FROM_PORT, *_FROM_SCHEMAS]


def __getattr__(name: str) -> Any:
    if name in _FROM_PORT:
        from . import port

        return getattr(port, name)
    if name in _FROM_SCHEMAS:
        from . import schemas

        return getattr(schemas, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
