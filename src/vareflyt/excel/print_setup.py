"""Sheets that print: page setup, repeated headings, header and footer, frozen headings, filters.

Every sheet vareflyt writes gets the same setup (``setup_sheet``): A4, landscape when the
columns are wider than a portrait page holds, fitted to one page wide (as many pages down as
it takes), the heading row repeated on every page and frozen on screen, narrow margins, and a
header naming the workspace, the sheet and the date its content was written, with "Side x av
y" in the footer. Table sheets get it from the schema (``setup_table_sheet``; their filter
buttons belong to the Excel table); plain report sheets (``finish_plain_sheet``) also get
column widths from their content, wrapped long text, an auto-filter over their first block
and number formats by value (``number_format_of``).

The header date says when the sheet's content was written: the openpyxl adapter stamps the
sheets it writes (``stamp``), the fast table writer the sheet it rewrites
(``xlsx_parts.restamp_header``).
Header text is Excel's mini-language: ``&P`` page, ``&N`` pages, ``&A`` sheet, ``&F`` file;
a literal ``&`` is written ``&&``.

>>> number_format_of(Decimal("12.50")), number_format_of(Decimal("95.3")), number_format_of(7)
('#,##0.00', '#,##0.0', '#,##0')
"""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties

from .schemas_base import FMT_DATE, FMT_DATETIME, TableSchema
from .xlsx_parts import HEADER_UPDATED as UPDATED

PAGES = "Side &P av &N"
LANDSCAPE_FROM = 95  # total column width (characters) a portrait A4 page holds
MAX_WIDTH = 90  # widest plain-sheet column; longer text wraps
_DECIMAL_FORMATS = {0: "#,##0", -1: "#,##0.0", -2: "#,##0.00"}


def header_title(workbook: Path) -> str:
    """The workspace a workbook belongs to, for the printed header: the shop's name from the
    ``vareflyt.toml`` beside it, and the folder's name."""
    folder = Path(workbook).resolve().parent
    config = folder / "vareflyt.toml"
    if config.is_file():
        from ..config import load_config
        from ..domain.issues import VareflytError

        try:
            company = load_config(config).company.name
        except (VareflytError, OSError, ValueError):  # a broken config is reported by the jobs
            company = ""
        if company:
            return f"{company} – {folder.name}"
    return folder.name


def _escaped(text: str) -> str:
    return text.replace("&", "&&")


def stamp(ws: Any, title: str, day: date | None) -> None:
    """Header: workspace left, sheet name centre, date written right; footer: file, pages.
    (The templates have no workspace or date yet: ``stamp(ws, "", None)``.)"""
    ws.oddHeader.left.text = _escaped(title) or None
    ws.oddHeader.center.text = "&A"
    ws.oddHeader.right.text = f"{UPDATED} {day:%d.%m.%Y}" if day else None
    ws.oddFooter.left.text = "&F"
    ws.oddFooter.right.text = PAGES


def retitle(ws: Any, title: str) -> None:
    """The workspace in the header, the date left as it is."""
    ws.oddHeader.left.text = _escaped(title) or None


def is_stamped(ws: Any) -> bool:
    return (ws.oddHeader.right.text or "").startswith(UPDATED)


def setup_sheet(ws: Any, *, heading_row: int = 1, width: float, gridlines: bool = False) -> None:
    """Page setup for a sheet whose heading is ``heading_row`` and whose columns are ``width``
    characters wide in all."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if width > LANDSCAPE_FROM else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = f"{heading_row}:{heading_row}"
    ws.print_options.horizontalCentered = True
    ws.print_options.gridLines = gridlines
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.75, bottom=0.6, header=0.3, footer=0.3)
    ws.freeze_panes = f"A{heading_row + 1}"


def has_print_setup(ws: Any) -> bool:
    """The sheet was set up for printing already (by vareflyt or in Excel)."""
    fit = ws.sheet_properties.pageSetUpPr
    return bool(ws.print_title_rows or (fit is not None and fit.fitToPage))


def setup_table_sheet(ws: Any, schema: TableSchema) -> None:
    """Print setup of a table's sheet (heading in row 1, widths from the schema)."""
    setup_sheet(ws, width=sum(c.width for c in schema.columns))


# --- plain report sheets ---------------------------------------------------------------------


def number_format_of(value: Any) -> str | None:
    """The number format a report cell gets from its value (None: leave it as it is)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return FMT_DATETIME
    if isinstance(value, date):
        return FMT_DATE
    if isinstance(value, int):
        return "#,##0"
    if isinstance(value, Decimal) and value.is_finite():
        return _DECIMAL_FORMATS[min(0, max(value.as_tuple().exponent, -2))]
    return None


def _shown_length(value: Any) -> int:
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return len(f"{value:,.2f}")
    return max((len(line) for line in str(value).splitlines()), default=0)


def heading_row_of(rows: list[list[Any]]) -> int:
    """1-based row of a report's first heading: the first row of two or more texts with
    something under it (row 1 when there is none)."""
    for i, row in enumerate(rows[:20]):
        filled = [v for v in row if v not in (None, "")]
        below = rows[i + 1] if i + 1 < len(rows) else []
        if (
            len(filled) >= 2
            and all(isinstance(v, str) for v in filled)
            and any(v not in (None, "") for v in below)
        ):
            return i + 1
    return 1


def finish_plain_sheet(ws: Any, rows: list[list[Any]]) -> None:
    """Widths, wrapping, filter and print setup of a report sheet written from ``rows``."""
    heading = heading_row_of(rows)
    columns = max((len(r) for r in rows), default=1)
    widths = []
    for j in range(columns):
        longest = max((_shown_length(r[j]) for r in rows if j < len(r) and r[j] is not None), default=0)
        widths.append(min(max(longest + 2, 9), MAX_WIDTH))
        ws.column_dimensions[get_column_letter(j + 1)].width = widths[-1]
    for i, row in enumerate(rows, start=1):
        lines = max(
            (
                math.ceil(len(v) / (widths[j] - 1))
                for j, v in enumerate(row)
                if isinstance(v, str) and len(v) > widths[j] - 2
            ),
            default=1,
        )
        if lines > 1:
            ws.row_dimensions[i].height = 15 * lines
            for j, v in enumerate(row):
                if isinstance(v, str):
                    ws.cell(i, j + 1).alignment = Alignment(wrap_text=True, vertical="top")
    last = heading
    while last < len(rows) and any(v not in (None, "") for v in rows[last]):
        last += 1
    head = rows[heading - 1] if rows else []
    filter_cols = max((j + 1 for j, v in enumerate(head) if v not in (None, "")), default=1)
    ws.auto_filter.ref = f"A{heading}:{get_column_letter(filter_cols)}{max(last, heading)}"
    setup_sheet(ws, heading_row=heading, width=sum(widths), gridlines=True)
