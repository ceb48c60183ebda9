"""Big tables a save leaves unchanged: copied as they are, not read back and rewritten.

When a save changes small tables, marks or report sheets, openpyxl does that work on a copy
of the workbook where the big tables (the catalogue) are emptied, so it never loads their
rows. Those rows are then put back. Reading them and writing them anew cost seconds a save;
instead ``keep_tables`` takes the original sheet's rows from the heading row on as bytes, and
``xlsx_fast.rewrite_tables`` splices them into the sheet openpyxl saved (whose frame — column
widths, print setup, header — openpyxl kept and ``openpyxl_sheets.finish`` updated).

A cell's style is an index into ``styles.xml``'s ``cellXfs``; openpyxl keeps their order when it
saves, so the copied ``s="…"`` attributes usually mean the same. ``style_map`` checks that once
per save (by what each style shows: number format, font, fill, border, alignment, protection)
and the rows are renumbered when an index moved. A table is not kept — the caller reads it
back instead — when its sheet uses the shared string table (an Excel-saved workbook: the indices
would point into openpyxl's new table), its headings are not the schema's, or it moved.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from defusedxml import ElementTree as ET
from openpyxl.styles.numbers import BUILTIN_FORMATS_MAX_SIZE, builtin_format_code
from openpyxl.styles.stylesheet import Stylesheet

from .schemas import table_schema
from .xlsx_parts import NS, TableLocation, table_locations

_STYLES = "xl/styles.xml"
_ROW_START = re.compile(rb'<row\b[^>]*?\br="(\d+)"')
_STYLE_ATTR = re.compile(rb'(<(?:c|row)\b[^>]*?\bs=")(\d+)(")')
_SHARED_STRING = b't="s"'


@dataclass(frozen=True)
class KeptTable:
    """A table's rows as the original workbook has them."""

    rows: bytes  # ``<sheetData>`` content from the heading row on
    ref: str  # the table's range, e.g. "A1:Y20001"
    dimension: bytes | None  # the sheet's ``<dimension …/>`` element


def _style_keys(xml: bytes) -> list[tuple]:
    """What each ``cellXfs`` entry shows, in order, comparable across two stylesheets."""
    sheet = Stylesheet.from_tree(ET.fromstring(xml))
    keys = []
    for style in sheet.cell_styles:
        fmt_id = style.numFmtId
        code = (
            builtin_format_code(fmt_id)
            if fmt_id < BUILTIN_FORMATS_MAX_SIZE
            else sheet.number_formats[fmt_id - BUILTIN_FORMATS_MAX_SIZE]
        )
        keys.append(
            (
                code,
                sheet.fonts[style.fontId],
                sheet.fills[style.fillId],
                sheet.borders[style.borderId],
                sheet.alignments[style.alignmentId],
                sheet.protections[style.protectionId],
                bool(style.quotePrefix),
            )
        )
    return keys


def style_map(original: bytes, saved: bytes) -> dict[int, int] | None:
    """Original ``cellXfs`` index -> the index of the same style in ``saved``; None when a
    style of the original has no match (or a stylesheet cannot be read)."""
    try:
        before, after = _style_keys(original), _style_keys(saved)
    except (IndexError, TypeError, ValueError, ET.ParseError):
        return None
    mapping: dict[int, int] = {}
    first: dict[tuple, int] = {}
    for i, key in enumerate(after):
        first.setdefault(key, i)
    for i, key in enumerate(before):
        if i < len(after) and after[i] == key:
            mapping[i] = i
        elif key in first:
            mapping[i] = first[key]
        else:
            return None
    return mapping


def restyled(rows: bytes, mapping: Mapping[int, int]) -> bytes:
    """``rows`` with each cell's style index renumbered (the same bytes when none moved)."""
    if all(i == j for i, j in mapping.items()):
        return rows

    def renumber(m: re.Match) -> bytes:
        old = int(m.group(2))
        return m.group(1) + str(mapping.get(old, old)).encode() + m.group(3)

    return _STYLE_ATTR.sub(renumber, rows)


def _headings(z: zipfile.ZipFile, loc: TableLocation) -> list[str]:
    root = ET.fromstring(z.read(loc.table_part))
    return [c.get("name", "") for c in root.iter(f"{{{NS['m']}}}tableColumn")]


def kept_rows(sheet_xml: bytes, head_row: int) -> tuple[bytes, bytes | None] | None:
    """(``sheetData`` content from row ``head_row`` on, the ``<dimension>`` element) of a
    worksheet part; None when the heading row is missing or a cell uses shared strings."""
    start = sheet_xml.find(b"<sheetData")
    if start < 0:
        return None
    opened = sheet_xml.index(b">", start)
    if sheet_xml[opened - 1 : opened] == b"/":  # <sheetData/>: no rows
        return None
    end = sheet_xml.rindex(b"</sheetData>")
    for row in _ROW_START.finditer(sheet_xml, start, end):
        if int(row.group(1)) >= head_row:
            if int(row.group(1)) > head_row:
                return None
            rows = sheet_xml[row.start() : end]
            if _SHARED_STRING in rows:
                return None
            dimension = re.search(rb"<dimension\b[^>]*/>", sheet_xml[:start])
            return rows, dimension.group(0) if dimension else None
    return None


def keep_tables(
    original: str | os.PathLike, saved: str | os.PathLike, keys: Collection[str]
) -> dict[str, KeptTable]:
    """The tables of ``keys`` whose rows can be copied from ``original`` into ``saved`` (the
    workbook openpyxl saved with those tables emptied), by table key; the others are left out."""
    out: dict[str, KeptTable] = {}
    if not keys:
        return out
    with zipfile.ZipFile(original) as old, zipfile.ZipFile(saved) as new:
        mapping = style_map(old.read(_STYLES), new.read(_STYLES))
        if mapping is None:
            return out
        before, after = table_locations(old), table_locations(new)
        for key in keys:
            schema = table_schema(key)
            loc, now = before.get(schema.table.lower()), after.get(schema.table.lower())
            if (
                loc is None
                or now is None
                or loc.bounds[:2] != now.bounds[:2]
                or _headings(old, loc) != schema.headings
            ):
                continue
            found = kept_rows(old.read(loc.sheet_part), loc.bounds[1])
            if found is not None:
                out[key] = KeptTable(restyled(found[0], mapping), loc.ref, found[1])
    return out
