"""HTML-ish to PDF with fpdf2 (pure pip: no GTK/Pango, installs the same on Windows, macOS
and Linux).

fpdf2's ``write_html`` understands the simple markup our templates use (``h1``, ``p``, ``b``,
``br``, ``table`` with widths and alignment). The built-in Helvetica with Windows-1252
encoding covers Norwegian (æøå, §, –); any other character is replaced by its closest
cp1252 form so rendering never fails. Generic: letters, purchase orders, deviation notices.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from fpdf import FPDF

__all__ = ["html_to_pdf", "write_pdf", "to_cp1252"]

_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.S | re.I)
_DROP = re.compile(r"<(head|style|script|title)[^>]*>.*?</\1>", re.S | re.I)
_ENCODING = "windows-1252"


def to_cp1252(text: str) -> str:
    """Keep what Windows-1252 can show; decompose or replace the rest.

    >>> to_cp1252("Æøå – § € ✓ ő")
    'Æøå – § € ? o'
    """
    try:
        text.encode(_ENCODING)
        return text
    except UnicodeEncodeError:
        pass
    out = []
    for char in text:
        try:
            char.encode(_ENCODING)
            out.append(char)
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", char).encode(_ENCODING, "ignore").decode(_ENCODING)
            out.append(base or "?")
    return "".join(out)


def _body(html: str) -> str:
    match = _BODY.search(html)
    body = match.group(1) if match else _DROP.sub("", html)
    return to_cp1252(body.strip())


def html_to_pdf(html: str, *, title: str = "", author: str = "", font_size: int = 10) -> bytes:
    """Render a simple HTML document (the body is used; CSS is ignored) to PDF bytes."""
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = _ENCODING
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    if title:
        pdf.set_title(to_cp1252(title))
    if author:
        pdf.set_author(to_cp1252(author))
    pdf.set_creator("vareflyt")
    pdf.add_page()
    pdf.set_font("helvetica", size=font_size)
    pdf.write_html(_body(html))
    return bytes(pdf.output())


def write_pdf(html: str, target: Path, **options) -> Path:
    """Render and write atomically (temporary file, then rename)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_bytes(html_to_pdf(html, **options))
    tmp.replace(target)
    return target
