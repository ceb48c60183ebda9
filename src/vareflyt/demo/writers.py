"""Writing the demo's files the way suppliers' and shops' software does: xlsx and CSV.

``write_price_xlsx`` (xlsxwriter) writes a table of ``PlannedRow`` under a column shape,
optionally with a title block (merged title, address lines, a logo picture), a two-row
merged header, a hidden column and a totals row. Blank planned rows are left entirely empty.
Workbook properties carry a fixed creation time so the same seed gives the same bytes.

``write_csv`` writes CSV as Windows programs export it: CRLF line ends, and a blank row as a
line of delimiters only (what Excel's "Save as CSV" gives for an empty row), so physical line
numbers and spreadsheet row numbers agree. The encoding is the caller's (``cp1252`` or
``utf-8-sig``); a character outside it raises instead of being replaced.
"""

from __future__ import annotations

import csv
import io
import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter

from .rows import PlannedRow
from .shapes import Column


@dataclass
class Layout:
    header_rows: list[int]  # 1-based
    first_data_row: int  # 1-based
    last_data_row: int  # 1-based, last planned row
    totals_row: int | None = None


@dataclass
class TitleBlock:
    lines: list[str]  # first line is the (merged) title; 4 lines + an empty 5th row


def logo_png(width: int = 96, height: int = 32) -> bytes:
    """A small two-colour PNG standing in for the supplier's logo."""
    rows = []
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            row += bytes((0, 84, 147)) if (x + y) % 40 < 26 else bytes((242, 169, 0))
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


def write_price_xlsx(
    path: Path,
    sheet: str,
    columns: list[Column],
    rows: list[PlannedRow],
    *,
    created: date,
    author: str,
    title: TitleBlock | None = None,
    group_header: tuple[str, int, int] | None = None,
    hidden_column: int | None = None,
    totals_label_column: int | None = None,
) -> Layout:
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties(
        {"created": datetime.combine(created, time(7, 30)), "author": author, "company": author}
    )
    ws = wb.add_worksheet(sheet)
    formats: dict[str | None, object] = {None: None}

    def fmt(spec: str | None):
        if spec not in formats:
            formats[spec] = wb.add_format({"num_format": spec})
        return formats[spec]

    bold = wb.add_format(
        {"bold": True, "bg_color": "#DDE6F0", "border": 1, "align": "center", "valign": "vcenter"}
    )
    r = 0
    if title is not None:
        big = wb.add_format({"bold": True, "font_size": 16})
        ws.merge_range(0, 0, 0, len(columns) - 1, title.lines[0], big)
        for i, line in enumerate(title.lines[1:], start=1):
            ws.write_string(i, 0, line)
        ws.insert_image(1, len(columns) - 3, "logo.png", {"image_data": io.BytesIO(logo_png())})
        r = 5
    if group_header is not None:
        label, first, last = group_header
        for c, col in enumerate(columns):
            if first <= c <= last:
                ws.write_string(r + 1, c, col.header, bold)
            else:
                ws.merge_range(r, c, r + 1, c, col.header, bold)
        ws.merge_range(r, first, r, last, label, bold)
        header_rows = [r + 1, r + 2]
        r += 2
    else:
        ws.write_row(r, 0, [c.header for c in columns], bold)
        header_rows = [r + 1]
        r += 1
    first_data = r
    for c, col in enumerate(columns):
        ws.set_column(c, c, col.width, None, {"hidden": True} if c == hidden_column else None)
    ws.freeze_panes(r, 0)
    cells = [(c, col.value, fmt(col.fmt)) for c, col in enumerate(columns)]
    for row in rows:
        if not row.blank:
            for c, value_of, f in cells:
                v = value_of(row)
                if v is None:
                    continue
                if isinstance(v, str):
                    ws.write_string(r, c, v)
                elif isinstance(v, date):
                    ws.write_datetime(r, c, v, f)
                elif isinstance(v, (int, Decimal)):
                    ws.write_number(r, c, v, f)
                else:
                    raise TypeError(f"unexpected cell value {v!r}")
        r += 1
    layout = Layout(header_rows, first_data + 1, r)
    if totals_label_column is not None:
        n_articles = sum(1 for row in rows if not row.blank)
        ws.write_string(r, totals_label_column, "Totalt antall varelinjer", wb.add_format({"bold": True}))
        ws.write_formula(r, totals_label_column + 1, f"=COUNTA(A{first_data + 1}:A{r})", None, n_articles)
        layout.totals_row = r + 1
    wb.close()
    return layout


def cell_text(value: Any) -> str:
    return "" if value is None else str(value)


def write_csv(
    path: Path, header: list[str], rows: Iterable[list[Any] | None], *, delimiter: str, encoding: str
) -> int:
    """Write header + rows (``None`` = blank row); returns the number of the last line."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    lines = 1
    blank = delimiter * (len(header) - 1) + "\r\n"
    for row in rows:
        if row is None:
            buf.write(blank)
        else:
            values = [cell_text(v) for v in row]
            if any("\n" in v or "\r" in v for v in values):
                raise ValueError("CSV values must not contain line breaks (row numbers = line numbers)")
            writer.writerow(values)
        lines += 1
    Path(path).write_bytes(buf.getvalue().encode(encoding, errors="strict"))
    return lines
