"""Reading and minimally editing the parts of an xlsx package (a zip of XML parts).

``table_locations`` finds every Excel table: its sheet part, table part, ``ref`` and whether
the sheet has cell comments. ``restamp_header`` sets the date in a sheet's printed header.
``ensure_styles`` finds (or adds) a plain cell style per number format in ``styles.xml``: a
cell's style is an index into ``<cellXfs>``, pointing at a number format by id (built-in ids
below 164, custom ones in ``<numFmts>``). The templates define the styles the fast writer
needs, so usually nothing changes; a missing one is appended with a textual edit that leaves
the rest of the part as it was (Excel-written parts carry namespace prefixes an XML round trip
would rename).
"""

from __future__ import annotations

import os
import posixpath
import re
import zipfile
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import quoteattr

from defusedxml import ElementTree as ET

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_COMMENTS = "/comments"
HEADER_UPDATED = "Oppdatert"  # the printed header's "updated <date>" (``print_setup``)
_HEADER_FOOTER = re.compile(rb"<headerFooter\b.*?</headerFooter>", re.S)
_HEADER_DATE = re.compile(HEADER_UPDATED.encode() + rb" \d{2}\.\d{2}\.\d{4}")


@dataclass(frozen=True)
class TableLocation:
    name: str  # Excel table name
    sheet: str  # sheet name
    sheet_part: str  # e.g. "xl/worksheets/sheet3.xml"
    table_part: str  # e.g. "xl/tables/table2.xml"
    ref: str  # e.g. "A1:X2"
    has_comments: bool  # the sheet has cell comments (notes)

    @property
    def bounds(self) -> tuple[int, int, int, int]:
        """(first column, heading row, last column, last row), 1-based."""
        return ref_bounds(self.ref)

    @property
    def body_rows(self) -> int:
        return self.bounds[3] - self.bounds[1]


def column_letters(index: int) -> str:
    letters = ""
    while index > 0:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def ref_bounds(ref: str) -> tuple[int, int, int, int]:
    m = re.fullmatch(r"\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?", ref.upper())
    if not m:
        raise ValueError(f"bad range {ref!r}")

    def col(s: str) -> int:
        n = 0
        for ch in s:
            n = n * 26 + ord(ch) - 64
        return n

    c1, r1 = col(m[1]), int(m[2])
    c2, r2 = (col(m[3]), int(m[4])) if m[3] else (c1, r1)
    return c1, r1, c2, r2


def _rels(z: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, absolute part name) for a part."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if rels_name not in z.NameToInfo:
        return {}
    out = {}
    for rel in ET.fromstring(z.read(rels_name)).findall("rel:Relationship", NS):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        path = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out[rel.get("Id")] = (rel.get("Type", ""), path)
    return out


def table_locations(z: zipfile.ZipFile) -> dict[str, TableLocation]:
    """Every Excel table in an open xlsx zip, by lower-cased table name."""
    wb_rels = _rels(z, "xl/workbook.xml")
    workbook = ET.fromstring(z.read("xl/workbook.xml"))
    out: dict[str, TableLocation] = {}
    for sheet in workbook.findall("m:sheets/m:sheet", NS):
        rid = sheet.get(f"{{{NS['r']}}}id")
        if rid not in wb_rels:
            continue
        sheet_part = wb_rels[rid][1]
        rels = _rels(z, sheet_part)
        has_comments = any(t.endswith(_COMMENTS) for t, _ in rels.values())
        for rtype, target in rels.values():
            if rtype.endswith("/table") and target in z.NameToInfo:
                root = ET.fromstring(z.read(target))
                name = root.get("displayName") or root.get("name") or ""
                out[name.lower()] = TableLocation(
                    name, sheet.get("name", ""), sheet_part, target, root.get("ref", ""), has_comments
                )
    return out


def read_locations(path: str | os.PathLike) -> dict[str, TableLocation]:
    with zipfile.ZipFile(path) as z:
        return table_locations(z)


# The built-in number formats we use (ECMA-376 Part 1, 18.8.30).
BUILTIN_FORMATS = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "@": 49}


def ensure_styles(xml: bytes, formats: list[str]) -> tuple[bytes, dict[str, int]]:
    """-> (styles.xml, {number format: cellXfs index}) with a plain style for each format."""
    root = ET.fromstring(xml)
    custom = {nf.get("formatCode"): int(nf.get("numFmtId")) for nf in root.iter(f"{_MAIN}numFmt")}
    xfs_parent = root.find(f"{_MAIN}cellXfs")
    xfs = list(xfs_parent) if xfs_parent is not None else []
    result: dict[str, int] = {}
    new_fmts: list[tuple[int, str]] = []
    new_xfs: list[int] = []
    next_id = max([163, *custom.values()]) + 1
    for code in formats:
        fmt_id = BUILTIN_FORMATS.get(code, custom.get(code))
        if fmt_id is None:
            fmt_id = next_id
            next_id += 1
            custom[code] = fmt_id
            new_fmts.append((fmt_id, code))
        found = next((i for i, xf in enumerate(xfs) if _plain(xf, fmt_id)), None)
        if found is None:
            found = len(xfs) + len(new_xfs)
            new_xfs.append(fmt_id)
        result[code] = found
    if not new_fmts and not new_xfs:
        return xml, result
    text = xml.decode("utf-8")
    if new_fmts:
        text = _append(
            text,
            "numFmts",
            "".join(f'<numFmt numFmtId="{i}" formatCode={quoteattr(c)}/>' for i, c in new_fmts),
            len(new_fmts),
            create_after=r"<styleSheet\b[^>]*>",
        )
    if new_xfs:
        text = _append(
            text,
            "cellXfs",
            "".join(
                f'<xf numFmtId="{i}" fontId="0" fillId="0" borderId="0" xfId="0"'
                f"{' applyNumberFormat=' + chr(34) + '1' + chr(34) if i else ''}/>"
                for i in new_xfs
            ),
            len(new_xfs),
            create_after=None,
        )
    return text.encode("utf-8"), result


def _plain(xf, fmt_id: int) -> bool:
    """A style with this number format and the default font, fill and border."""
    return (
        int(xf.get("numFmtId", "0")) == fmt_id
        and xf.get("fontId", "0") == "0"
        and xf.get("fillId", "0") == "0"
        and xf.get("borderId", "0") == "0"
        and len(xf) == 0
    )


def _append(text: str, element: str, children: str, count: int, create_after: str | None) -> str:
    m = re.search(rf"<{element}\b([^>]*?)(/?)>", text)
    if m is None:
        if create_after is None:
            raise ValueError(f"styles.xml has no <{element}>")
        start = re.search(create_after, text)
        if start is None:
            raise ValueError("styles.xml has no <styleSheet>")
        block = f'<{element} count="{count}">{children}</{element}>'
        return text[: start.end()] + block + text[start.end() :]
    old = re.search(r'\bcount="(\d+)"', m.group(1))
    total = (int(old.group(1)) if old else 0) + count
    attrs = re.sub(r'\s*\bcount="\d+"', "", m.group(1))
    opening = f'<{element}{attrs} count="{total}">'
    if m.group(2):  # self-closing, e.g. <numFmts count="0"/>
        return text[: m.start()] + opening + children + f"</{element}>" + text[m.end() :]
    close = text.index(f"</{element}>", m.end())
    return text[: m.start()] + opening + text[m.end() : close] + children + text[close:]


def restamp_header(xml: bytes, day: date) -> bytes:
    """A worksheet part's XML (or the part of it after ``sheetData``) with the date in its
    printed header's "Oppdatert dd.mm.yyyy" set to ``day``; unchanged without one."""
    found = _HEADER_FOOTER.search(xml)
    if found is None:
        return xml
    new = _HEADER_DATE.sub(f"{HEADER_UPDATED} {day:%d.%m.%Y}".encode(), found.group(0))
    return xml[: found.start()] + new + xml[found.end() :]
