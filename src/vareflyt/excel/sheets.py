"""Opening supplier files: xlsx/xlsm/xls/ods through python-calamine, CSV/text by sniffing.

``read_sheets(path)`` returns every sheet as raw cell values (``str``, ``float``, ``int``,
``bool``, ``datetime``/``date``/``time`` or ``""`` for empty) with the 1-based row and column
of its first cell, so callers can name cells exactly as Excel does. Hidden rows and columns
are read like all others; hidden sheets are read when asked for (``hidden=True``). The file kind is
decided from its first bytes, not its name.

Bad input raises one ``VareflytError`` in Norwegian naming the fix: empty file, not a
spreadsheet (PDF, random bytes, a Word file renamed .xlsx, a web page's HTML table or an Excel
2003 XML workbook saved as .xls), a password-protected workbook (an
OLE/CFB container holding ``EncryptedPackage``), a damaged zip, a zip bomb (declared
uncompressed size or compression ratio checked before calamine opens it; a zip that
understates its sizes is stopped by calamine's zip reader at the declared size). Text files
(CSV, tab-separated) are read by ``excel.text_files``: encodings (UTF-8, UTF-16, Windows-1252,
Mac Roman, a file mixing them line by line), with notes on what to check in ``SheetData.notes``,
and a field over the ``csv`` module's limit refused at its row and column.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine

from ..domain.issues import Issue, VareflytError
from .text_files import read_text_table

MAX_UNCOMPRESSED = 500 * 1024 * 1024  # bytes a workbook may unpack to
MAX_RATIO = 200  # uncompressed / compressed, for archives above 1 MB unpacked
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")


@dataclass
class SheetData:
    """One sheet: ``rows[i][j]`` is the cell at row ``first_row + i``, column ``first_col + j``."""

    name: str
    rows: list[list] = field(default_factory=list)
    first_row: int = 1
    first_col: int = 1
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (row1, col1, row2, col2), 1-based
    notes: list[Issue] = field(default_factory=list)  # how the file was read, where to check it (text files)

    def row_number(self, index: int) -> int:
        return self.first_row + index


def sniff_kind(path: Path, head: bytes) -> str:
    """'zip', 'ole', 'edifact', 'text' — or VareflytError for what is clearly no spreadsheet."""
    name = path.name
    if not head:
        raise VareflytError(
            f"{name} er tom (0 byte). Lagre filen på nytt fra e-posten eller portalen den kom fra."
        )
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.startswith(b"%PDF"):
        raise VareflytError(
            f"{name} er en PDF-fil, ikke et regneark. Be om filen som Excel (xlsx) eller CSV."
        )
    stripped = head.lstrip(b"\xef\xbb\xbf \r\n\t")
    if stripped[:3] in (b"UNA", b"UNB"):
        return "edifact"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"
    sample = head[:4096]
    if b"\x00" in sample and sample[1::2].count(0) > len(sample) // 3:
        raise VareflytError(
            f"{name} ser ut som tekst i en ukjent tegnkoding (UTF-16 uten BOM?). "
            f"Lagre den som CSV UTF-8 (Excel: Lagre som > CSV UTF-8) og prøv igjen."
        )
    if b"\x00" in sample or sum(b < 9 or 13 < b < 32 for b in sample) > len(sample) // 100:
        raise VareflytError(
            f"{name} er ikke et regneark eller en tekstfil (ukjent filformat). "
            f"Åpne filen i Excel, lagre som .xlsx eller CSV, og prøv igjen."
        )
    _refuse_markup(name, stripped[:2048].lower())
    return "text"


def _refuse_markup(name: str, start: bytes) -> None:
    """A web page's table or an Excel 2003 XML workbook saved under a spreadsheet's name (web
    shops and older ERPs export "Excel" so): Excel opens both, vareflyt reads neither."""
    if start.startswith(b"<") and b"urn:schemas-microsoft-com:office:spreadsheet" in start:
        raise VareflytError(
            f"{name} er et regneark i det gamle XML-formatet til Excel 2003 (XML-regneark), som "
            f"vareflyt ikke leser. Åpne filen i Excel, lagre den som Excel-arbeidsbok (.xlsx) og "
            f"prøv igjen."
        )
    if start.startswith((b"<!doctype html", b"<html", b"<table", b"<meta")) or (
        start.startswith(b"<") and b"<table" in start
    ):
        raise VareflytError(
            f"{name} er en nettside (HTML-tabell), ikke et regneark, selv om Excel kan åpne den. "
            f"Åpne filen i Excel, lagre den som Excel-arbeidsbok (.xlsx) og prøv igjen."
        )


def check_zip(path: Path) -> str:
    """Refuse damaged archives and zip bombs; 'ods' or 'xlsx' by content."""
    name = path.name
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            total = sum(i.file_size for i in infos)
            packed = sum(i.compress_size for i in infos)
            ods = "mimetype" in names and zf.read("mimetype")[:60].startswith(
                b"application/vnd.oasis.opendocument.spreadsheet"
            )
    except (zipfile.BadZipFile, EOFError, OSError, KeyError) as exc:
        raise VareflytError(
            f"{name} er skadet (ødelagt zip-arkiv: {exc}). Be om filen på nytt, eller åpne den i Excel "
            f"og lagre en ny kopi."
        ) from None
    if total > MAX_UNCOMPRESSED or (total > (1 << 20) and total > MAX_RATIO * max(packed, 1)):
        raise VareflytError(
            f"{name} pakker seg ut til {total // (1 << 20)} MB (komprimert {packed // 1024} kB) og "
            f"avvises som mulig zip-bombe. Be leverandøren om en vanlig prisliste."
        )
    if ods:
        return "ods"
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return "xlsx"
    raise VareflytError(
        f"{name} er et zip-arkiv, men ikke et Excel-regneark (fant ikke xl/workbook.xml). "
        f"Er det et Word-dokument eller en pakket mappe? Lagre filen som .xlsx."
    )


def check_ole(path: Path) -> None:
    """An OLE file is an old .xls, or an encrypted (password-protected) xlsx."""
    with open(path, "rb") as fh:
        data = fh.read(64 * 1024 * 1024)
    if ENCRYPTED_MARK in data or b"EncryptionInfo" in data or "EncryptionInfo".encode("utf-16-le") in data:
        raise VareflytError(
            f"{path.name} er passordbeskyttet. Åpne den i Excel, fjern passordet "
            f"(Fil > Info > Beskytt arbeidsbok) og lagre på nytt."
        )


def _open_calamine(path: Path, kind: str):
    try:
        return python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.PasswordError:
        raise VareflytError(
            f"{path.name} er passordbeskyttet. Fjern passordet i Excel og lagre på nytt."
        ) from None
    except Exception as exc:  # calamine raises several error types for damaged files
        raise VareflytError(
            f"{path.name} kan ikke leses som regneark ({kind}): {exc}. Åpne filen i Excel og "
            f"lagre en ny kopi som .xlsx."
        ) from None


def _calamine_sheet(wb, name: str) -> SheetData:
    try:
        sheet = wb.get_sheet_by_name(name)
        rows = sheet.to_python(skip_empty_area=True)
    except Exception as exc:
        if "larger than its declared" in str(exc):  # the zip lied about its size: see check_zip
            raise VareflytError(
                f"Arket «{name}» kan ikke leses: det pakker seg ut til mer enn zip-arkivet oppgir, "
                f"og avvises som mulig zip-bombe. Be leverandøren om en vanlig prisliste."
            ) from None
        raise VareflytError(
            f"Arket «{name}» kan ikke leses: {exc}. Åpne filen i Excel og lagre en ny kopi."
        ) from None
    start = sheet.start or (0, 0)
    merged = [(r1 + 1, c1 + 1, r2 + 1, c2 + 1) for (r1, c1), (r2, c2) in (sheet.merged_cell_ranges or [])]
    return SheetData(name=name, rows=rows, first_row=start[0] + 1, first_col=start[1] + 1, merged=merged)


def file_kind(path: Path) -> str:
    """'xlsx', 'ods', 'xls', 'edifact' or 'text', after the safety checks above."""
    path = Path(path)
    with open(path, "rb") as fh:
        head = fh.read(8192)
    kind = sniff_kind(path, head)
    if kind == "zip":
        return check_zip(path)
    if kind == "ole":
        check_ole(path)
        return "xls"
    return kind


def read_sheets(path: Path, sheet: str | None = None, *, hidden: bool = False) -> list[SheetData]:
    """The visible worksheets (or the one named; with ``hidden`` only the hidden ones) of a
    spreadsheet, or the one table of a CSV file, as raw values."""
    path = Path(path)
    kind = file_kind(path)
    if kind == "edifact":
        raise VareflytError(f"{path.name} er en EDIFACT-fil, ikke et regneark.")
    if kind == "text":
        data = path.read_bytes()
        return [read_text_table(path, data)]
    wb = _open_calamine(path, kind)
    names = list(wb.sheet_names)
    if sheet is not None:
        if sheet not in names:
            raise VareflytError(
                f"{path.name} har ikke et ark som heter «{sheet}». Arkene er: {', '.join(names)}."
            )
        names = [sheet]
    else:
        visible = {
            m.name for m in wb.sheets_metadata if m.visible == python_calamine.SheetVisibleEnum.Visible
        }
        work = {
            m.name for m in wb.sheets_metadata if m.typ == python_calamine.SheetTypeEnum.WorkSheet
        } or set(names)
        if not work & set(names):
            raise VareflytError(f"{path.name} har ingen regneark.")
        names = [n for n in names if n in work and (n in visible) != hidden]
    return [_calamine_sheet(wb, n) for n in names]
