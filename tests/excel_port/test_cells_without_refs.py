"""Cells without a reference: the fast writer puts ``r="D5"`` only on a row's first cell and on
a cell after one left out; any other cell is the column after the cell before it (ECMA-376
Part 1, §18.3.1.4). Tables with empty cells in the first column, in the middle, at the end and
in runs, in a table at A1 and one at C3, are read back as the project and its users read them:
calamine (``sheets.read_sheets`` and the adapter's table read), openpyxl (normal and read-only),
a small save that copies or reads back the catalogue, and LibreOffice (a stand-in for Excel).
Each must find every value at the coordinate it was given."""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.table import Table
from python_calamine import CalamineWorkbook

from vareflyt.excel import kept_tables
from vareflyt.excel.kept_tables import restyled
from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
from vareflyt.excel.schemas import TABLES
from vareflyt.excel.schemas_base import ColumnType
from vareflyt.excel.sheets import read_sheets
from vareflyt.excel.xlsx_cells import body_rows
from vareflyt.excel.xlsx_fast import rewrite_tables
from vareflyt.excel.xlsx_parts import read_locations

CAT = TABLES["catalogue"]
WIDTH = len(CAT.columns)
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
GAPS = [  # the columns left empty, row by row
    (),
    (0,),  # the first column
    (5,),  # one in the middle
    (WIDTH - 1,),  # the last column
    (2, 3, 4),  # a run
    (0, 1, WIDTH - 2, WIDTH - 1),  # both edges
    tuple(range(WIDTH - 1)),  # all but the last
    tuple(range(1, WIDTH)),  # all but the first
    tuple(range(WIDTH)),  # the whole row
    tuple(range(0, WIDTH, 2)),  # every other column
    (8, 9, 14, 20),  # numbers and a date
]
Coords = dict[tuple[int, int], Any]


def _value(i: int, j: int, kind: ColumnType) -> Any:
    if kind is ColumnType.DECIMAL:
        return Decimal(f"{i}.{j:02d}")
    if kind is ColumnType.DATE:
        return date(2026, 1 + i % 12, 1 + j)
    return "Skrue & mutter" if (i, j) == (3, 5) else f"r{i}k{j}"  # the & sends 'name' cell by cell


def _rows(rounds: int = 2) -> list[list[Any]]:
    rows = []
    for i in range(rounds * len(GAPS)):
        row = [_value(i, j, c.type) for j, c in enumerate(CAT.columns)]
        for j in GAPS[i % len(GAPS)]:
            row[j] = None
        rows.append(row)
    return rows


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return float(value)
    return value


def _expected(rows: list[list[Any]], row: int, col: int) -> Coords:
    return {
        (row + i, col + j): _plain(v)
        for i, values in enumerate(rows)
        for j, v in enumerate(values)
        if v is not None
    }


def _hand_made(tmp_path, name: str = "Innkjop.xlsx") -> Any:
    """A workbook another program made: one sheet, the catalogue table at C3."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Katalog"
    sheet["A1"] = "Prisliste fra Byggvare AS"
    for j, heading in enumerate(CAT.headings):
        sheet.cell(3, 3 + j, heading)
    sheet.add_table(Table(displayName="Katalog", ref=f"C3:{get_column_letter(2 + WIDTH)}4"))
    path = tmp_path / name
    book.save(path)
    return path


def _written(tmp_path, rows) -> Any:
    path = tmp_path / "skrevet.xlsx"
    rewrite_tables(_hand_made(tmp_path), path, {"catalogue": rows})
    return path


def _has_cells_without_refs(path) -> bool:
    """The catalogue sheet holds cells without ``r`` (what the readers are tested on)."""
    with zipfile.ZipFile(path) as z:
        return b'<c s="' in z.read(read_locations(path)["katalog"].sheet_part)


def _openpyxl(path, read_only: bool, first_row: int) -> Coords:
    book = openpyxl.load_workbook(path, read_only=read_only)
    found = {
        (c.row, c.column): _plain(c.value)
        for row in book["Katalog"].iter_rows(min_row=first_row)
        for c in row
        if c.value is not None
    }
    book.close()
    return found


def _calamine(path, first_row: int) -> Coords:
    sheet = read_sheets(path, "Katalog")[0]
    return {
        (sheet.first_row + i, sheet.first_col + j): _plain(v)
        for i, row in enumerate(sheet.rows)
        for j, v in enumerate(row)
        if v != "" and sheet.first_row + i >= first_row
    }


def _calamine_table(path, row: int, col: int) -> Coords:
    book = CalamineWorkbook.from_path(str(path), load_tables=True)
    rows = book.get_table_by_name("Katalog").to_python()
    book.close()
    return {(row + i, col + j): _plain(v) for i, r in enumerate(rows) for j, v in enumerate(r) if v != ""}


def _sheet_cells(path, first_row: int) -> list[list[tuple[str | None, int]]]:
    """Per body row (below the heading at ``first_row``): each cell's ``r`` or None, and the
    column the spec puts it in."""
    part = read_locations(path)["katalog"].sheet_part
    root = ET.fromstring(zipfile.ZipFile(path).read(part))
    rows = []
    for row in root.iter(f"{NS}row"):
        if int(row.get("r", 0)) <= first_row:  # rows above the table and its heading
            continue
        cells, col = [], 0
        for c in row.iter(f"{NS}c"):
            ref = c.get("r")
            col = column_index_from_string(re.sub(r"\d", "", ref)) if ref else col + 1
            cells.append((ref, col))
        rows.append(cells)
    return rows


def test_only_a_rows_first_cell_and_cells_after_a_gap_carry_their_reference(tmp_path):
    rows = _rows()
    cells = _sheet_cells(_written(tmp_path, rows), 3)
    assert len(cells) == len(rows)
    for i, (row, found) in enumerate(zip(rows, cells)):
        kept = [j for j, v in enumerate(row) if v is not None]
        assert [col for _, col in found] == [3 + j for j in kept]  # where the spec puts each cell
        with_ref = [j for k, j in enumerate(kept) if k == 0 or row[j - 1] is None]
        assert [ref for ref, _ in found if ref] == [f"{get_column_letter(3 + j)}{4 + i}" for j in with_ref]
    assert sum(ref is None for row in cells for ref, _ in row) > sum(map(len, cells)) // 2


@pytest.mark.parametrize("at", ["A1", "C3"])
def test_calamine_and_openpyxl_read_every_cell_where_it_was_written(tmp_path, purchasing, at):
    rows = _rows()
    if at == "A1":
        rewrite_tables(purchasing, tmp_path / "skrevet.xlsx", {"catalogue": rows})
        path, first_row, first_col = tmp_path / "skrevet.xlsx", 2, 1
    else:
        path, first_row, first_col = _written(tmp_path, rows), 4, 3
    assert _has_cells_without_refs(path)
    expected = _expected(rows, first_row, first_col)
    assert _calamine(path, first_row) == expected
    assert _calamine_table(path, first_row, first_col) == expected
    assert _openpyxl(path, False, first_row) == expected
    assert _openpyxl(path, True, first_row) == expected


@pytest.mark.parametrize("copied", [True, False])
def test_a_small_save_keeps_the_catalogue_cells_in_place(purchasing, monkeypatch, copied):
    """A save that changes a small table copies the catalogue's rows as bytes (renumbering
    styles) or, when it cannot, reads them back and writes them anew without conversion (and
    without the blank row, as ``port.cells_as_found`` drops blank rows)."""
    rows = _rows()
    rewrite_tables(purchasing, purchasing.with_name("ny.xlsx"), {"catalogue": rows})
    os.replace(purchasing.with_name("ny.xlsx"), purchasing)
    if not copied:
        monkeypatch.setattr("vareflyt.excel.openpyxl_adapter.keep_tables", lambda *a: {})
    book = OpenpyxlWorkbook(purchasing, fast_threshold=5)
    book.replace_rows("orders", [{"order_no": "PO-1", "lines": 1}])
    book.save()
    assert _has_cells_without_refs(purchasing)
    expected = _expected(rows if copied else [r for r in rows if r != [None] * WIDTH], 2, 1)
    assert _calamine_table(purchasing, 2, 1) == expected
    assert _openpyxl(purchasing, True, 2) == expected


def test_styles_are_renumbered_in_cells_without_a_reference():
    xf = {f: n for n, f in enumerate(sorted({c.number_format for c in CAT.columns}))}
    rows = "".join(body_rows(CAT, _rows(), 1, 2, xf)).encode()
    moved = restyled(rows, {n: n + 10 for n in xf.values()})
    assert b"<c s=" in rows
    styles = re.findall(rb"<c\b[^>]*?\bs=\"(\d+)\"", rows)
    assert re.findall(rb"<c\b[^>]*?\bs=\"(\d+)\"", moved) == [str(int(s) + 10).encode() for s in styles]
    assert kept_tables.kept_rows(b"<worksheet><sheetData>" + rows + b"</sheetData></worksheet>", 2)


def _libreoffice_csv(path, folder) -> list[list[str]]:
    profile = (folder / "lo-profil").as_uri()
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false",
            "--outdir",
            str(folder),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=150,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    with open(folder / f"{path.stem}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def _shown(value: Any) -> set[str]:
    if isinstance(value, date):  # dates as LibreOffice's locale shows them
        return {value.strftime(f) for f in ("%m/%d/%Y", "%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d")}
    return {str(value)}


def test_libreoffice_reads_every_cell_where_it_was_written(tmp_path):
    if shutil.which("soffice") is None:
        if os.environ.get("VAREFLYT_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("VAREFLYT_REQUIRE_LIBREOFFICE=1, men LibreOffice (soffice) er ikke installert")
        pytest.skip("LibreOffice (soffice) er ikke installert: apt-get install libreoffice-calc-nogui")
    rows = _rows()
    path = _written(tmp_path, rows)
    assert _has_cells_without_refs(path)
    grid = _libreoffice_csv(path, tmp_path)
    found = {(r + 1, c + 1): v for r, row in enumerate(grid) for c, v in enumerate(row) if v and r >= 3}
    expected = _expected(rows, 4, 3)
    assert found.keys() == expected.keys()
    wrong = {k: (found[k], v) for k, v in expected.items() if found[k] not in _shown(v)}
    assert not wrong
