"""Paragraph text for the PDF from a template block's HTML.

A letter's paragraphs are written once, in the jinja2 templates, as the simple markup a
letter needs: ``<p>``, ``<b>``/``<strong>``, ``<br>``. ``paragraphs`` turns such a block into
paragraphs of runs ``(bold, text)`` for fpdf2, with entities decoded (the templates autoescape)
and any other tag dropped; white space is collapsed as a browser does, and every character
is made printable in the PDF's Windows-1252 fonts (``clean``, ``to_cp1252``: the built-in
Helvetica covers Norwegian — æøå, §, – — and anything else becomes its closest form).

>>> paragraphs("<p>Betal <b>1 000,00 kr</b>\\n innen 15.01.2024.</p><p>A &amp; B<br>C</p>")
[[(False, 'Betal '), (True, '1 000,00 kr'), (False, ' innen 15.01.2024.')], [(False, 'A & B\\nC')]]
>>> clean("Ødegård\\x00 AS \\u2713\\t\\tX\\u200b\\u202e")
'Ødegård AS ? X'
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

__all__ = ["Run", "paragraphs", "clean", "to_cp1252"]

Run = tuple[bool, str]
_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_BOLD = {"b", "strong"}
_BREAK_PARAGRAPH = {"p", "div", "h1", "h2", "h3", "li", "tr"}
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


def clean(text: str) -> str:
    """One line of printable Windows-1252 text: control characters become spaces, invisible
    ones (zero-width space, direction marks) go, runs of space collapse, and characters the
    fonts cannot show are replaced (``to_cp1252``)."""
    return to_cp1252(_SPACE.sub(" ", _visible(str(text))).strip())


def _visible(text: str) -> str:
    return "".join(
        " " if cat in ("Cc", "Zl", "Zp") else ch
        for ch, cat in ((ch, unicodedata.category(ch)) for ch in text)
        if cat != "Cf"
    )


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.result: list[list[Run]] = []
        self.current: list[Run] = []
        self.bold = 0

    def _end_paragraph(self) -> None:
        runs = self.current
        while runs and not runs[0][1].strip(" "):
            runs.pop(0)
        if runs:
            runs[0] = (runs[0][0], runs[0][1].lstrip(" "))
            runs[-1] = (runs[-1][0], runs[-1][1].rstrip(" "))
            self.result.append([r for r in runs if r[1]])
        self.current = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag in _BOLD:
            self.bold += 1
        elif tag == "br":
            self._add("\n", raw=True)
        elif tag in _BREAK_PARAGRAPH:
            self._end_paragraph()

    def handle_endtag(self, tag) -> None:
        if tag in _BOLD:
            self.bold = max(0, self.bold - 1)
        elif tag in _BREAK_PARAGRAPH:
            self._end_paragraph()

    def handle_data(self, data) -> None:
        self._add(_SPACE.sub(" ", data))

    def _add(self, text: str, raw: bool = False) -> None:
        if not raw:
            text = to_cp1252(_visible(text))
        if not text:
            return
        previous = self.current[-1][1] if self.current else "\n"
        if text.startswith(" ") and previous[-1:] in (" ", "\n"):
            text = text[1:]
        if self.current and self.current[-1][0] == bool(self.bold):
            self.current[-1] = (self.current[-1][0], self.current[-1][1] + text)
        elif text:
            self.current.append((bool(self.bold), text))


def paragraphs(html: str) -> list[list[Run]]:
    """The paragraphs of ``html``, each a list of ``(bold, text)`` runs; ``\\n`` is a line break."""
    parser = _Parser()
    parser.feed(str(html))
    parser.close()
    parser._end_paragraph()
    return parser.result
