"""Price lists written the way suppliers' systems export them, for the issue-14 tests.

Each writer builds its file directly with openpyxl, xlsxwriter or the csv module (never with
vareflyt's own writer or demo generator): title rows with merged cells above the header, dates
as real date cells with a Norwegian number format or as text, prices as numbers or Norwegian
text, cp1252 semicolon CSV. Also the workspace the tests share: our company and two suppliers.
"""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import openpyxl
import xlsxwriter
from openpyxl.styles import Font

from vareflyt.workspace import init_workspace

OUR = "7080000000012"
NORDISK = "7080000000029"  # Nordisk Trelast AS
VEST = "7080000000036"  # Vestlandske Byggevarer AS
CONFIG = f'''
[company]
name = "Byggmester Test AS"
gln = "{OUR}"
orgnr = "923609016"

[partners."{NORDISK}"]
name = "Nordisk Trelast AS"
edi = false

[partners."{VEST}"]
name = "Vestlandske Byggevarer AS"
edi = false
'''


def make_ws(folder: Path, extra: str = ""):
    return init_workspace(folder, config_text=CONFIG + extra)


def xlsx_with_title(
    path: Path,
    title: list[list],
    head: list[str],
    rows: list[list],
    *,
    sheet: str = "Prisliste",
    date_format: str = "DD.MM.YYYY",
) -> Path:
    """An ERP export through openpyxl: title lines (the first merged over the table's width, in
    bold), an empty row, the header, the rows; date cells formatted as Norwegian dates."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for line in title:
        ws.append(line)
    if title:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(head))
        ws["A1"].font = Font(bold=True, size=14)
        ws.append([])
    ws.append(head)
    for row in rows:
        ws.append(row)
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, (date, datetime)):
                cell.number_format = date_format
    wb.save(path)
    return path


def xlsx_plain(path: Path, head: list[str], rows: list[list], *, sheet: str = "Ark1") -> Path:
    """A list saved by a web portal through xlsxwriter: header in row 1, text columns as text,
    dates as date cells."""
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"created": datetime(2026, 1, 1)})
    ws = wb.add_worksheet(sheet)
    day = wb.add_format({"num_format": "dd.mm.yyyy"})
    ws.write_row(0, 0, head)
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row):
            if isinstance(v, date):
                ws.write_datetime(r, c, datetime(v.year, v.month, v.day), day)
            elif isinstance(v, str):
                ws.write_string(r, c, v)
            elif v is not None:
                ws.write(r, c, v)
    wb.close()
    return path


def csv_semicolon(path: Path, lines: list[list]) -> Path:
    """A Norwegian Excel "CSV (semikolondelt)": cp1252, ';', CRLF, decimal comma as written."""
    with path.open("w", encoding="cp1252", newline="") as fh:
        csv.writer(fh, delimiter=";", lineterminator="\r\n").writerows(lines)
    return path


def articles(prefix: str, n: int, gtin_base: int, price: float = 100.0) -> list[list]:
    """``n`` rows [article no, GTIN, name, unit, net price] with valid GTIN-13s."""
    from stdnum import ean

    rows = []
    for i in range(n):
        body = f"{gtin_base + i:012d}"
        rows.append(
            [
                f"{prefix}{i + 1:03d}",
                body + ean.calc_check_digit(body),
                f"{prefix} artikkel {i + 1}",
                "stk",
                round(price + i, 2),
            ]
        )
    return rows
