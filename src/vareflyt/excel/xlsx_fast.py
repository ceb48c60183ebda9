"""Fast path for big tables: rewrite one table's sheet inside an existing xlsx, nothing else.

Why this is hand-written: refreshing the 100 000-row catalogue must take seconds, and no
library edits one sheet of an existing workbook without loading all of it (openpyxl loads
and re-saves every cell of every sheet, ~30 s; xlsxwriter only writes new files; calamine
only reads). An xlsx is a zip of XML parts, so we copy every part unchanged except three:

- the table's sheet: everything outside ``<sheetData>`` is kept (column widths, frozen
  panes, validations); rows above the heading are kept, the heading row is written from the
  schema, body rows are generated — text as inline strings (``t="inlineStr"``, which can
  never be a formula), numbers as numbers, dates as serials with a date style;
- the table part: ``ref``, ``autoFilter`` and ``tableColumns`` follow the rows written;
- ``styles.xml``: the number-format styles the columns need are looked up, and appended
  only when missing (the templates define them).

The cell XML itself is built a column at a time by ``xlsx_cells``.

``calcChain.xml`` is dropped when present (Excel rebuilds it). Cell comments on the sheet are
not touched, so callers use openpyxl for a sheet that has comments (see ``TableLocation``).
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import quoteattr, unescape

from ..domain.issues import VareflytError
from .locks import atomic_write
from .port import rows_as_sequences
from .schemas import TableSchema, table_schema
from .xlsx_cells import body_rows, heading_row
from .xlsx_parts import TableLocation, column_letters, ensure_styles, restamp_header, table_locations

if TYPE_CHECKING:  # kept_tables needs openpyxl; this module does not
    from .kept_tables import KeptTable

EXCEL_MAX_ROWS = 1_048_576


# --- rewriting parts ---------------------------------------------------------------------

_ROW = re.compile(rb'<row\b[^>]*?\br="(\d+)"[^>]*?(?:/>|>.*?</row>)', re.S)


def _split_sheet(xml: bytes, head_row: int) -> tuple[bytes, bytes, bytes, str]:
    """-> (before sheetData, kept rows above the heading, after sheetData, heading style attr)."""
    start = xml.find(b"<sheetData")
    if start < 0:
        raise ValueError("worksheet has no sheetData")
    open_end = xml.index(b">", start) + 1
    if xml[open_end - 2 : open_end] == b"/>":
        body, end = b"", open_end
    else:
        close = xml.rindex(b"</sheetData>")
        body, end = xml[open_end:close], close + len(b"</sheetData>")
    kept, head_style, pos = [], "", 0
    while True:
        row = _ROW.search(body, pos)
        if row is None:
            break
        r = int(row.group(1))
        if r == head_row:
            s = re.search(rb'<c\b[^>]*?\bs="(\d+)"', row.group(0))
            head_style = f' s="{s.group(1).decode()}"' if s else ""
        if r >= head_row:
            break
        kept.append(row.group(0))
        pos = row.end()
    return xml[:start], b"".join(kept), xml[end:], head_style


def _table_xml(xml: bytes, schema: TableSchema, ref: str) -> bytes:
    text = xml.decode("utf-8")
    start = re.search(r"<table\b[^>]*>", text)
    if start is None:
        raise ValueError("table part has no <table> element")
    tag = re.sub(r'\bref="[^"]*"', f'ref="{ref}"', start.group(0), count=1)
    text = text[: start.start()] + tag + text[start.end() :]
    text = re.sub(r"<sortState\b.*?(?:/>|</sortState>)", "", text, flags=re.S)
    text = re.sub(
        r"<autoFilter\b[^>]*?(?:/>|>.*?</autoFilter>)",
        f'<autoFilter ref="{ref}"/>',
        text,
        count=1,
        flags=re.S,
    )
    names = [
        unescape(n, {"&quot;": '"', "&apos;": "'"})
        for n in re.findall(r'<tableColumn\b[^>]*?\bname="([^"]*)"', text)
    ]
    if names != schema.headings:  # keep Excel's column ids and formats when they still fit
        columns = "".join(
            f'<tableColumn id="{i}" name={quoteattr(h)}/>' for i, h in enumerate(schema.headings, start=1)
        )
        text = re.sub(
            r"<tableColumns\b.*?</tableColumns>",
            f'<tableColumns count="{len(schema.columns)}">{columns}</tableColumns>',
            text,
            count=1,
            flags=re.S,
        )
    return text.encode("utf-8")


def _drop_calc_chain(z: zipfile.ZipFile, name: str, data: bytes) -> bytes:
    if name == "[Content_Types].xml":
        return re.sub(rb'<Override\b[^>]*calcChain\.xml"[^>]*/>', b"", data)
    if name == "xl/_rels/workbook.xml.rels":
        return re.sub(rb'<Relationship\b[^>]*calcChain\.xml"[^>]*/>', b"", data)
    return data


def rewrite_tables(
    src: str | os.PathLike,
    dst: str | os.PathLike,
    tables: Mapping[str, Sequence[Sequence[Any]]],
    *,
    as_found: Collection[str] = (),
    kept: Mapping[str, KeptTable] | None = None,
    compresslevel: int = 1,
    day: date | None = None,
) -> dict[str, str]:
    """Copy ``src`` to ``dst`` with the body of each table replaced.

    ``tables`` maps table key -> rows in schema column order, full width
    (``port.rows_as_sequences``), converted here by the port's rules while they are written;
    tables named in ``as_found`` hold cell values as read from the workbook and are written back
    unconverted. Tables in ``kept`` (``kept_tables.keep_tables``) get their original rows back,
    spliced in as bytes. With ``day``, the printed header of each sheet written with new rows says it
    was updated that day (``print_setup``). Returns the new ref per table key. Raises KeyError
    if a table is not in the
    workbook, ValueError (from the conversion) if a value cannot be written.
    """
    with zipfile.ZipFile(src) as zin:
        locations = table_locations(zin)
        plan: dict[str, tuple[TableSchema, TableLocation, list[list[Any]]]] = {}
        for key, cells in tables.items():
            schema = table_schema(key)
            loc = locations.get(schema.table.lower())
            if loc is None:
                raise KeyError(f"table {schema.table} not found in {Path(src).name}")
            plan[loc.sheet_part] = (schema, loc, cells)
        formats = sorted({c.number_format for s, _, _ in plan.values() for c in s.columns})
        styles, xf = ensure_styles(zin.read("xl/styles.xml"), formats)
        table_parts = {loc.table_part: (s, loc, c) for s, loc, c in plan.values()}
        kept = kept or {}
        kept_at = {k: locations[table_schema(k).table.lower()] for k in kept}
        copied = {loc.sheet_part: (k, loc) for k, loc in kept_at.items()}
        copied_refs = {loc.table_part: (table_schema(k), kept[k].ref) for k, loc in kept_at.items()}
        refs: dict[str, str] = {}
        with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as zout:
            for info in zin.infolist():
                name = info.filename
                if name == "xl/calcChain.xml":
                    continue
                if name in plan:
                    schema, loc, cells = plan[name]
                    convert = schema.key not in as_found
                    refs[schema.key] = _write_sheet(
                        zin,
                        zout,
                        info,
                        schema,
                        loc,
                        cells,
                        xf,
                        compresslevel,
                        convert,
                        day if convert else None,
                    )
                    continue
                if name in copied:
                    key, loc = copied[name]
                    _splice_sheet(zin, zout, info, loc, kept[key], compresslevel)
                    refs[key] = kept[key].ref
                    continue
                data = zin.read(name)
                if name == "xl/styles.xml":
                    data = styles
                elif name in copied_refs:
                    data = _table_xml(data, *copied_refs[name])
                elif name in table_parts:
                    schema, loc, cells = table_parts[name]
                    data = _table_xml(data, schema, _new_ref(schema, loc, len(cells)))
                else:
                    data = _drop_calc_chain(zin, name, data)
                zout.writestr(_copy_info(info, 6), data)
    return refs


def _new_ref(schema: TableSchema, loc: TableLocation, n_rows: int) -> str:
    c1, r1, _, _ = loc.bounds
    if r1 + n_rows > EXCEL_MAX_ROWS:
        raise VareflytError(
            f"Tabellen {schema.table} får {n_rows} rader; et Excel-ark har plass "
            f"til {EXCEL_MAX_ROWS - r1}. Del opp dataene (f.eks. per leverandør)."
        )
    last_col = column_letters(c1 + len(schema.columns) - 1)
    return f"{column_letters(c1)}{r1}:{last_col}{r1 + max(n_rows, 1)}"


def _write_sheet(zin, zout, info, schema, loc, rows, xf, level: int, convert: bool, day: date | None) -> str:
    c1, head_row, _, _ = loc.bounds
    before, kept, after, head_style = _split_sheet(zin.read(info.filename), head_row)
    if day is not None:
        after = restamp_header(after, day)
    ref = _new_ref(schema, loc, len(rows))
    dim = f'<dimension ref="A1:{ref.split(":")[1]}"/>'
    before = re.sub(rb"<dimension\b[^>]*/>", dim.encode(), before, count=1)
    with zout.open(_copy_info(info, level), "w", force_zip64=True) as out:
        out.write(before + b"<sheetData>" + kept)
        out.write(heading_row(schema, c1, head_row, head_style).encode("utf-8"))
        for chunk in body_rows(schema, rows, c1, head_row + 1, xf, convert):
            out.write(chunk.encode("utf-8"))
        out.write(b"</sheetData>" + after)
    return ref


def _splice_sheet(zin, zout, info, loc: TableLocation, table: KeptTable, level: int) -> None:
    """The sheet as saved (emptied table) with the table's original rows put back as bytes."""
    before, above, after, _ = _split_sheet(zin.read(info.filename), loc.bounds[1])
    end = table.ref.split(":")[-1]
    dimension = table.dimension or f'<dimension ref="A1:{end}"/>'.encode()
    before = re.sub(rb"<dimension\b[^>]*/>", lambda _: dimension, before, count=1)
    with zout.open(_copy_info(info, level), "w", force_zip64=True) as out:
        out.write(before + b"<sheetData>" + above)
        out.write(table.rows)
        out.write(b"</sheetData>" + after)


def _copy_info(info: zipfile.ZipInfo, level: int = 1) -> zipfile.ZipInfo:
    new = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    new.compress_type = zipfile.ZIP_DEFLATED
    new._compresslevel = level  # zipfile only takes the level from the ZipInfo here
    new.external_attr = info.external_attr
    return new


def replace_table_rows_fast(
    path: str | os.PathLike,
    table_key: str,
    rows: Iterable[Any],
    *,
    backup: bool = True,
    backup_dir: str | os.PathLike | None = None,
) -> int:
    """Replace all rows of one table in the workbook file at ``path`` (atomically, keeping
    the previous version; ``WorkbookLocked`` if Excel has it open). Returns the row count."""
    body = rows_as_sequences(table_schema(table_key), rows)
    with atomic_write(path, backup=backup, backup_dir=backup_dir) as tmp:
        rewrite_tables(path, tmp, {table_key: body}, day=date.today())
    return len(body)
