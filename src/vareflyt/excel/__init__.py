"""Spreadsheets: the workbook port and its adapters, table schemas, fast readers for supplier
files, header mapping. The only package that imports openpyxl, calamine, xlsxwriter or xlwings.

Importing this package loads no spreadsheet library: the adapters (``openpyxl_adapter``,
``xlwings_adapter``, ``xlsx_fast``, ``templates``) are imported from their modules when needed.
"""

from .port import MARK_ERROR, MARK_OK, MARK_WARNING, WorkbookPort, row_source
from .schemas import TABLES, WORKBOOKS, table_schema, workbook_schema

__all__ = [
    "WorkbookPort", "row_source", "MARK_ERROR", "MARK_WARNING", "MARK_OK",
    "TABLES", "WORKBOOKS", "table_schema", "workbook_schema",
]
