"""Find (or add) the cell styles the fast xlsx writer needs in a workbook's ``styles.xml``.

A cell's style is an index into ``<cellXfs>``; a style points at a number format by id
(built-in ids below 164, custom ones in ``<numFmts>``). The fast writer needs one plain style
per number format its columns use. The templates define them, so usually nothing changes;
a missing one is appended with a textual edit that leaves the rest of the part as it was
(Excel-written parts carry namespace prefixes an XML round trip would rename).
"""

from __future__ import annotations

import re
from xml.sax.saxutils import quoteattr

from defusedxml import ElementTree as ET

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

# The built-in number formats we use (ECMA-376 Part 1, 18.8.30).
BUILTIN_FORMATS = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9,
                   "0.00%": 10, "@": 49}


def ensure_styles(xml: bytes, formats: list[str]) -> tuple[bytes, dict[str, int]]:
    """-> (styles.xml, {number format: cellXfs index}) with a plain style for each format."""
    root = ET.fromstring(xml)
    custom = {nf.get("formatCode"): int(nf.get("numFmtId"))
              for nf in root.iter(f"{_MAIN}numFmt")}
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
        text = _append(text, "numFmts", "".join(
            f'<numFmt numFmtId="{i}" formatCode={quoteattr(c)}/>' for i, c in new_fmts),
            len(new_fmts), create_after=r"<styleSheet\b[^>]*>")
    if new_xfs:
        text = _append(text, "cellXfs", "".join(
            f'<xf numFmtId="{i}" fontId="0" fillId="0" borderId="0" xfId="0"'
            f'{" applyNumberFormat=" + chr(34) + "1" + chr(34) if i else ""}/>' for i in new_xfs),
            len(new_xfs), create_after=None)
    return text.encode("utf-8"), result


def _plain(xf, fmt_id: int) -> bool:
    """A style with this number format and the default font, fill and border."""
    return (int(xf.get("numFmtId", "0")) == fmt_id
            and xf.get("fontId", "0") == "0" and xf.get("fillId", "0") == "0"
            and xf.get("borderId", "0") == "0" and len(xf) == 0)


def _append(text: str, element: str, children: str, count: int, create_after: str | None) -> str:
    m = re.search(rf"<{element}\b([^>]*?)(/?)>", text)
    if m is None:
        if create_after is None:
            raise ValueError(f"styles.xml has no <{element}>")
        start = re.search(create_after, text)
        if start is None:
            raise ValueError("styles.xml has no <styleSheet>")
        block = f'<{element} count="{count}">{children}</{element}>'
        return text[:start.end()] + block + text[start.end():]
    old = re.search(r'\bcount="(\d+)"', m.group(1))
    total = (int(old.group(1)) if old else 0) + count
    attrs = re.sub(r'\s*\bcount="\d+"', "", m.group(1))
    opening = f'<{element}{attrs} count="{total}">'
    if m.group(2):                      # self-closing, e.g. <numFmts count="0"/>
        return text[:m.start()] + opening + children + f"</{element}>" + text[m.end():]
    close = text.index(f"</{element}>", m.end())
    return text[:m.start()] + opening + text[m.end():close] + children + text[close:]
