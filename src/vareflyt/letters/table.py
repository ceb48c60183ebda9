"""Tables on printed documents: invoice lines of a letter, order lines, an invoice's deviations.

Numbers (amounts, quantities, days) are right-aligned in columns whose headings are
right-aligned too, so their right edges line up; numbers are never shortened — a value too
wide for its cell is set smaller instead. A heading stands on one line and is never broken or
cut inside a word: too wide, it is set smaller, and when that would make it smaller than
``HEAD_MIN`` its abbreviation (``Column.short``) is used. Text in a ``wrap`` column (an article
name, a message) wraps word by word onto as many lines as it needs; other text is cut with an
ellipsis. Notes stand in italics under their row. A table that reaches the bottom margin goes
on on a new page, under its heading row again; ``totals`` puts sums under one column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .markup import clean
from .page import BLACK, BOTTOM, GREY, LEFT, PAD, TOP, Sheet

__all__ = ["Column", "Row", "TotalLine", "table", "totals", "ROW"]

ROW, WRAP_LINE, NOTE_LINE = 5.5, 4.2, 4.0  # mm: a row, each more line of a wrapped cell, a note line
HEAD, CELL, NOTE = 8.5, 9, 8  # pt
HEAD_MIN = 6.0  # pt: smaller than this, a heading is abbreviated


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    numeric: bool  # right-aligned, never shortened (amounts, quantities, days)
    width: float  # mm on the page
    short: str = ""  # the heading's abbreviation, used only when ``label`` does not fit
    gap: float = 0.0  # mm of extra room on the left (a KID after the last amount)
    exact: bool = False  # text never shortened, only set smaller (a KID)
    wrap: bool = False  # long text wraps onto more lines (article names, messages)


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class TotalLine:
    label: str
    amount: str
    strong: bool = False


def _heading_text(pdf: Sheet, col: Column) -> str:
    if not col.short:
        return col.label
    pdf.use("B", HEAD)
    room = col.width - col.gap - 2 * PAD
    return col.label if HEAD * room / max(pdf.width(clean(col.label)), 1e-9) >= HEAD_MIN else col.short


def _head(pdf: Sheet, columns: Sequence[Column]) -> None:
    x = LEFT
    for col in columns:
        pdf.put(
            x + col.gap,
            pdf.y,
            col.width - col.gap,
            ROW,
            _heading_text(pdf, col),
            HEAD,
            style="B",
            align="R" if col.numeric else "L",
            keep=True,
        )
        x += col.width
    pdf.y += ROW
    pdf.set_draw_color(*BLACK)
    pdf.set_line_width(0.3)
    pdf.line(LEFT, pdf.y, x, pdf.y)


def _cell_lines(pdf: Sheet, col: Column, text: str) -> list[str]:
    if not col.wrap:
        return [text]
    room = col.width - col.gap - 2 * PAD
    return ["".join(part for _, part in line) for line in pdf.wrap([(False, clean(text))], room, CELL)]


def table(pdf: Sheet, columns: Sequence[Column], rows: Sequence[Row]) -> None:
    """Draw the table from the current y; ``pdf.y`` ends under it."""
    width = sum(col.width for col in columns)
    _head(pdf, columns)
    for row in rows:
        cells = [_cell_lines(pdf, col, text) for col, text in zip(columns, row.cells)]
        height = ROW + WRAP_LINE * (max(map(len, cells), default=1) - 1)
        notes = [
            line
            for note in row.notes
            for line in pdf.wrap([(False, clean(note))], width - 3, NOTE, plain="I")
        ]
        if pdf.y + height + NOTE_LINE * min(len(notes), 3) > pdf.h - BOTTOM:
            pdf.add_page()
            pdf.y = TOP
            _head(pdf, columns)
        x = LEFT
        for col, lines in zip(columns, cells):
            for i, text in enumerate(lines):
                pdf.put(
                    x + col.gap,
                    pdf.y + i * WRAP_LINE,
                    col.width - col.gap,
                    ROW,
                    text,
                    CELL,
                    align="R" if col.numeric else "L",
                    keep=col.numeric or col.exact,
                )
            x += col.width
        pdf.y += height
        pdf.set_text_color(*GREY)
        pdf.draw_lines(notes, LEFT + 3, NOTE, NOTE_LINE)
        pdf.set_text_color(*BLACK)
    pdf.set_draw_color(*GREY)
    pdf.set_line_width(0.2)
    pdf.line(LEFT, pdf.y + 0.5, LEFT + width, pdf.y + 0.5)
    pdf.y += 2


def totals(pdf: Sheet, columns: Sequence[Column], index: int, lines: Sequence[TotalLine]) -> None:
    """Sums with their labels, the amounts right-aligned under column ``index``; they stay
    together on one page."""
    amount_x = LEFT + sum(col.width for col in columns[:index])
    amount_w = columns[index].width
    pdf.need(ROW * len(lines))
    for total in lines:
        style = "B" if total.strong else ""
        if total.strong:
            pdf.set_draw_color(*BLACK)
            pdf.line(amount_x, pdf.y + 0.3, amount_x + amount_w, pdf.y + 0.3)
        pdf.put(LEFT - PAD, pdf.y, amount_x - LEFT, ROW, total.label, CELL, style=style, min_size=6.5)
        pdf.put(amount_x, pdf.y, amount_w, ROW, total.amount, CELL, style=style, align="R", keep=True)
        pdf.y += ROW
    pdf.y += 3
