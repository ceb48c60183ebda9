"""Cells of an xlsx that calamine reads as empty (or as a stand-in) although they show something.

calamine gives ``""`` for an Excel error value (``#N/A``, ``#DIV/0!``, ``#VALUE!`` …) and for a
formula whose result was never stored, and xlsxwriter stores ``0`` as the result of each formula
it writes, for Excel to calculate when the file is opened. A supplier's list written by such a
program (openpyxl writes formulas without results; both mark the workbook ``fullCalcOnLoad``)
shows the right prices in Excel, but read as calamine gives it a price cell is empty (the row
"has no price") or 0, and a discount cell that failed (``#N/A`` from a lookup) is "no discount":
the gross price taken as the net price.

``mark_unread_cells(sheet, found)`` puts an ``UnreadCell`` in each such cell of a sheet read from
an xlsx/xlsm: a ``str`` showing what Excel shows (``"#N/A"``; ``""`` for a formula never
calculated, so a row of nothing else is still blank) that carries the ``problem`` in Norwegian.
``excel.column_parsing`` makes that a problem at the cell, so the row is refused or the value
left out exactly as for any unreadable value. A formula cell with a stored result (a list saved
by Excel or LibreOffice) is its result, as before.

Each sheet's XML is read once more, in pieces, for markers (``<f``, ``#``); only a sheet that
has them is searched cell by cell. ``UnreadLook`` does that on a thread of its own while calamine
reads the sheets (``excel.tabular.read_table``).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from concurrent.futures import ThreadPoolExecutor
from html import unescape
from pathlib import Path

from defusedxml import ElementTree as ET

from .sheets import SheetData

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CHUNK = 4 << 20
_ERROR = re.compile(rb'<c\b([^>]*\bt="e"[^>]*)>(?:<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)?<v>([^<]*)</v>')
_FORMULA = re.compile(rb"<c\b([^>]*)>(?:<f\b[^>]*/>|<f\b[^>]*>([^<]*)</f>)(?:<v>([^<]*)</v>|<v\s*/>)?</c>")
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_TYPE = re.compile(rb'\bt="(\w+)"')
_FULL_CALC = re.compile(rb'<calcPr\b[^>]*\bfullCalcOnLoad="(?:1|true)"')
_AGAIN = "Åpne filen i Excel, lagre den og importer den på nytt"


class UnreadCell(str):
    """What a cell shows in place of a value, and why it is none (``problem``)."""

    problem: str

    def __new__(cls, shown: str, problem: str) -> UnreadCell:
        cell = super().__new__(cls, shown)
        cell.problem = problem
        return cell


def _has_markers(z: zipfile.ZipFile, part: str) -> bool:
    """Whether the part may hold a formula (``<f``) or an error value (each starts with ``#``):
    two quick searches of the inflated XML, as most sheets have neither."""
    tail = b""
    with z.open(part) as fh:
        while chunk := fh.read(_CHUNK):
            piece = tail + chunk
            if b"#" in chunk or b"<f" in piece:
                return True
            tail = piece[-1:]
    return False


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the part holding it (``xl/worksheets/sheet1.xml``), for every sheet."""
    rels_name = "xl/_rels/workbook.xml.rels"
    if "xl/workbook.xml" not in z.NameToInfo or rels_name not in z.NameToInfo:
        return {}
    targets = {
        rel.get("Id"): rel.get("Target", "")
        for rel in ET.fromstring(z.read(rels_name))
        if rel.get("TargetMode") != "External"
    }
    parts = {}
    for sheet in ET.fromstring(z.read("xl/workbook.xml")).iter(f"{{{_MAIN}}}sheet"):
        target = targets.get(sheet.get(f"{{{_REL}}}id"), "")
        part = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        if part in z.NameToInfo:
            parts[sheet.get("name", "")] = part
    return parts


def unread_cells_by_sheet(path: Path) -> dict[str, dict[tuple[int, int], UnreadCell]]:
    """Sheet name -> (row, column) 1-based -> the cell's stand-in, for the cells of each sheet
    that hold an error value or a formula without a calculated result (sheets without any are
    left out)."""
    out = {}
    try:
        with zipfile.ZipFile(path) as z:
            parts = _sheet_parts(z)
            full_calc: bool | None = None
            for name, part in parts.items():
                if not _has_markers(z, part):
                    continue
                if full_calc is None:
                    full_calc = bool(_FULL_CALC.search(z.read("xl/workbook.xml")))
                found = _found_in(z.read(part), full_calc)
                if found:
                    out[name] = found
    except (zipfile.BadZipFile, OSError, NotImplementedError, ValueError, ET.ParseError):
        return {}  # parts calamine read past (odd XML, an unusual compression): its values stand
    return out


def _found_in(xml: bytes, full_calc: bool) -> dict[tuple[int, int], UnreadCell]:
    """The unread cells of one sheet's XML (``full_calc``: the workbook asks Excel to calculate
    every formula when it is opened)."""
    found: dict[tuple[int, int], UnreadCell] = {}
    for m in _FORMULA.finditer(xml):
        attrs, formula, result = m.groups()
        typed = _TYPE.search(attrs)
        kind = typed[1] if typed else b"n"
        if kind == b"e" or (result and not (full_calc and result == b"0" and kind == b"n")):
            continue  # an error (below) or a calculated result
        if result is not None and not result and kind == b"str":
            continue  # Excel's own empty text result
        ref = _REF.search(attrs)
        if ref:
            text = f"formelen ={unescape(formula.decode())}" if formula else "en formel"
            found[int(ref[2]), _column(ref[1])] = UnreadCell(
                "" if not result else result.decode(),
                f"cellen har {text[:60]}, men ingen utregnet verdi (filen er laget av et program og "
                f"ikke regnet ut i Excel). {_AGAIN}",
            )
    for m in _ERROR.finditer(xml):
        ref = _REF.search(m[1])
        if ref:
            shown = unescape(m[2].decode())
            found[int(ref[2]), _column(ref[1])] = UnreadCell(
                shown, f"cellen viser feilen {shown} fra Excel, ikke en verdi. Rett cellen i filen"
            )
    return found


def mark_unread_cells(sd: SheetData, found: dict[tuple[int, int], UnreadCell]) -> None:
    """Put each of the sheet's ``found`` cells (``unread_cells_by_sheet``) into ``sd`` (read from the same
    xlsx). Cells outside the range calamine read (above or left of it: title rows; below or right
    of it: rows and columns of nothing else) are left."""
    for (row, col), cell in found.items():
        i, j = row - sd.first_row, col - sd.first_col
        if 0 <= i < len(sd.rows) and 0 <= j < len(sd.rows[i]):
            sd.rows[i][j] = cell


class UnreadLook:
    """``unread_cells_by_sheet`` of an xlsx worked out on a thread of its own while calamine reads
    the same sheets: calamine lets go of the GIL while it parses a sheet, so on a machine with two
    cores the second read of the XML costs no waiting (0.2-0.3 s of a 100 000-row list).
    ``result()`` waits for it; call it before the file is moved or the job ends."""

    def __init__(self, path: Path) -> None:
        pool = ThreadPoolExecutor(1, thread_name_prefix="vareflyt-unread-cells")
        self._found = pool.submit(unread_cells_by_sheet, path)
        pool.shutdown(wait=False)  # the one task runs to its end; nothing else is queued

    def result(self) -> dict[str, dict[tuple[int, int], UnreadCell]]:
        return self._found.result()
