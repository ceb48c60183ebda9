"""Workbook templates built from the table schemas, and copying them into a new workspace.

``build_template("purchasing", path)`` writes ``Innkjop.xlsx``: one sheet per table, a real
Excel table (banded style, filter buttons) with one empty body row, bold frozen headings,
column widths and number formats (dates ``dd.mm.yyyy``, money ``#,##0.00`` which Norwegian
Excel shows as ``# ##0,00``, text columns formatted as text so typed GTINs keep their
leading zeros), and the print setup of ``print_setup``. ``python -m vareflyt.excel.templates``
rebuilds the shipped templates in the repository's ``workbooks/``; ``create_workbooks(workspace)``
copies them into a workspace.
"""

from __future__ import annotations

import re
import shutil
import sys
import zipfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from ..bundled import workbooks_folder
from .locks import atomic_write
from .print_setup import setup_table_sheet, stamp
from .schemas import WORKBOOKS, TableSchema, workbook_schema

TEMPLATE_DIR = workbooks_folder()  # top-level workbooks/ of the repository, vareflyt/workbooks installed
TABLE_STYLE = "TableStyleMedium2"
INPUT_TABLE_STYLE = "TableStyleMedium7"  # tables users type into look different
HEADING_FONT = Font(bold=True)
_FIXED_TIME = datetime(2026, 1, 1)  # stable document properties in built templates


def template_path(workbook_key: str) -> Path:
    return TEMPLATE_DIR / workbook_schema(workbook_key).filename


def add_table_sheet(wb: Workbook, schema: TableSchema, index: int | None = None) -> Worksheet:
    """Add the sheet of one table to an openpyxl workbook: headings, formats, the Excel table."""
    ws = wb.create_sheet(schema.sheet, index)
    for j, col in enumerate(schema.columns, start=1):
        letter = get_column_letter(j)
        head = ws.cell(row=1, column=j, value=col.heading)
        head.font = HEADING_FONT
        head.alignment = Alignment(wrap_text=True, vertical="top")
        head.number_format = "@"
        ws.cell(row=2, column=j).number_format = col.number_format
        dim = ws.column_dimensions[letter]
        dim.width = col.width
        dim.number_format = col.number_format
    setup_table_sheet(ws, schema)  # frozen heading, repeated when printed, one page wide
    stamp(ws, "", None)  # the workspace and date come with the first save
    last = get_column_letter(len(schema.columns))
    table = Table(displayName=schema.table, ref=f"A1:{last}2")
    any_input = any(c.input for c in schema.columns)
    table.tableStyleInfo = TableStyleInfo(
        name=INPUT_TABLE_STYLE if any_input else TABLE_STYLE, showRowStripes=True, showColumnStripes=False
    )
    ws.add_table(table)
    return ws


def build_template(workbook_key: str, path: str | Path) -> Path:
    """Write the template workbook for ``workbook_key`` ("purchasing", "receivables")."""
    schema = workbook_schema(workbook_key)
    wb = Workbook()
    wb.remove(wb.active)
    for table in schema.tables:
        add_table_sheet(wb, table)
    wb.active = 0
    wb.properties.creator = "vareflyt"
    wb.properties.lastModifiedBy = "vareflyt"
    wb.properties.title = schema.filename.rsplit(".", 1)[0]
    wb.properties.created = wb.properties.modified = _FIXED_TIME
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(target, backup=False) as tmp:
        wb.save(tmp)
        _make_reproducible(tmp)
    return target


def _make_reproducible(path: Path) -> None:
    """Fixed zip timestamps and "modified" property, so rebuilding unchanged schemas gives
    the same bytes (the templates are committed)."""
    stamp = _FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path) as z:
        parts = [(info.filename, z.read(info)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), data)
            z.writestr(
                zipfile.ZipInfo(name, _FIXED_TIME.timetuple()[:6]), data, compress_type=zipfile.ZIP_DEFLATED
            )


def build_all(folder: str | Path = TEMPLATE_DIR) -> list[Path]:
    return [build_template(key, Path(folder) / wb.filename) for key, wb in WORKBOOKS.items()]


def create_workbooks(workspace_dir: str | Path, *, overwrite: bool = False) -> list[Path]:
    """Copy the workbook templates into a workspace; existing workbooks are kept unless
    ``overwrite``. Returns the paths written."""
    folder = Path(workspace_dir)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for key, wb in WORKBOOKS.items():
        target = folder / wb.filename
        if target.exists() and not overwrite:
            continue
        source = template_path(key)
        with atomic_write(target, backup=target.exists()) as tmp:
            if source.exists():
                shutil.copyfile(source, tmp)
            else:  # running from a tree where templates were not built
                build_template(key, tmp)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else TEMPLATE_DIR
    for path in build_all(folder):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
