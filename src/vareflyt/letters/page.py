"""The A4 page every printed document shares (dunning letters, purchase orders, deviation
notices), drawn with fpdf2 at fixed positions rather than ``write_html``.

The recipient's name and address sit in the address window of a Norwegian window envelope
with the window on the left: C5 (A4 folded once) and EC4/C4 (A4 flat). The usual windows are
15 mm from the left edge of the sheet, 44 mm (C5: 105 × 35 mm) or 42 mm (EC4: 100 × 40 mm)
from its top (officeconsult.no, "Brevmaler: plassering av mottakerfelt i vinduskonvolutter");
``WINDOW`` is where both overlap, and the address is kept a few millimetres inside it
(``ADDRESS``) so that it shows even when the sheet shifts in the envelope. The sender is the
letterhead above the window (``letterhead``: the workspace's ``logo.png`` at its left when
there is one), facts such as date and numbers stand to the right of the window. A name too
long for the window is wrapped onto two lines and then shortened; nothing is ever drawn
outside the window. Every page has a footer with the sender and "Side 1 av 2"; the pages after
the first say whose document they continue.

Speed: fpdf2's ``multi_cell``/``write`` re-measure a line for every character they add, so text
is measured here from the core font's character widths, wrapped word by word and placed with
``FPDF.text`` — about 4 ms a letter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from fpdf import FPDF

from .logo import Logo, draw_logo
from .markup import Run, clean

__all__ = [
    "WINDOW",
    "ADDRESS",
    "LEFT",
    "RIGHT",
    "TOP",
    "BOTTOM",
    "BODY",
    "LINE",
    "PAD",
    "GREY",
    "BLACK",
    "PAGE_LABEL",
    "Sheet",
    "Letterhead",
    "start",
    "letterhead",
    "heading",
    "paragraphs",
]

WINDOW = (15.0, 44.0, 100.0, 35.0)  # x, y, width, height in mm from the sheet's top left
ADDRESS = (20.0, 46.5, 90.0, 30.0)  # where the address is written: inside WINDOW
LEFT, RIGHT, TOP, BOTTOM = 20.0, 20.0, 18.0, 22.0
INFO_X, INFO_LABEL_W, INFO_VALUE_W = 122.0, 27.0, 41.0
FOLD_Y = 148.5  # A4 folded once for a C5 envelope
BODY, LINE, ADDRESS_LINE = 10, 5.0, 4.5
PAD = 1.0  # space between a column's edge and its text
GREY, BLACK = (90, 90, 90), (0, 0, 0)
PAGE_LABEL = "Side {page} av {pages}"


class Sheet(FPDF):
    """A4 paper: text measured and placed by the document itself, footer on every page."""

    def __init__(self, footer: str, page_label: str = PAGE_LABEL) -> None:
        super().__init__(format="A4")
        self.core_fonts_encoding = "windows-1252"
        self.set_margins(LEFT, TOP, RIGHT)
        self.set_auto_page_break(False)
        self.footer_text, self.page_label = footer, page_label
        self.running_head = ""  # on the pages after the first: whose document this is
        self._widths: dict[str, dict[str, int]] = {}

    def header(self) -> None:
        if self.page_no() > 1 and self.running_head:
            self.set_text_color(*GREY)
            self.put(LEFT - PAD, 9, self.epw + 2 * PAD, 4, self.running_head, 8, min_size=6)
            self.set_text_color(*BLACK)

    def footer(self) -> None:
        self.set_draw_color(*GREY)
        self.set_line_width(0.2)
        self.line(LEFT, self.h - 17, self.w - RIGHT, self.h - 17)
        self.set_text_color(*GREY)
        page = self.page_label.format(page=self.page_no(), pages=self.str_alias_nb_pages)
        self.use("", 7.5)
        box = self.width(self.page_label.format(page=99, pages=99)) + 2 * PAD  # the alias is filled in later
        self.set_xy(self.w - RIGHT - box + PAD, self.h - 16)
        self.cell(box, 4, page, align="R")  # a cell: only cells fill in the page-count alias
        self.put(LEFT - PAD, self.h - 16, self.epw - box - 2, 4, self.footer_text, 7.5, min_size=6)
        self.set_text_color(*BLACK)

    def use(self, style: str, size: float) -> None:
        if self.font_style != style or self.font_size_pt != size or not self.font_family:
            self.set_font("helvetica", style, size)

    def width(self, text: str) -> float:
        """Width in mm of ``text`` (already Windows-1252 safe) in the current font."""
        key = self.current_font.fontkey
        cw = self._widths.get(key)
        if cw is None:
            cw = self._widths[key] = self.current_font.cw
        raw = text.encode("windows-1252").decode("latin-1")
        return sum(map(cw.__getitem__, raw)) * self.font_size_pt / 1000 / self.k

    def put(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        text: str,
        size: float,
        *,
        style: str = "",
        align: str = "L",
        min_size: float = 7.0,
        keep: bool = False,
    ) -> None:
        """One line of ``text`` in the box (x, y, w, h), aligned left or right inside ``PAD``.
        Too wide, it is set smaller (down to ``min_size``) and then cut with an ellipsis; with
        ``keep`` (amounts, KID, headings) it is only ever set smaller."""
        text = clean(text)
        self.use(style, size)
        room, width = w - 2 * PAD, self.width(text)
        if width > room:
            self.use(style, max(3.0 if keep else min_size, size * room / width * 0.99))
            width = self.width(text)
            if not keep and width > room:
                while text and self.width(text + "…") > room:
                    text = text[:-1]
                text = text.rstrip() + "…"
                width = self.width(text)
        left = x + w - PAD - width if align == "R" else x + PAD
        self.text(left, y + h / 2 + 0.3 * self.font_size, text)

    def wrap(
        self, runs: list[Run], width: float, size: float, plain: str = ""
    ) -> list[list[tuple[str, str]]]:
        """Lines of at most ``width`` mm, each a list of (style, text); ``\\n`` breaks a line.
        ``plain`` is the style of non-bold text ("" or "I")."""
        lines: list[list[tuple[str, str]]] = [[]]
        used, carry = 0.0, False  # carry: a space stands before the next word
        for bold, text in runs:
            style = "B" if bold else plain
            self.use(style, size)
            space = self.width(" ")
            for n, part in enumerate(text.split("\n")):
                if n:
                    lines.append([])
                    used, carry = 0.0, False
                for i, word in enumerate(part.split(" ")):
                    carry = carry or i > 0
                    for piece, w in self._pieces(word, width):
                        gap = space if carry and lines[-1] else 0.0
                        if lines[-1] and used + gap + w > width:
                            lines.append([])
                            used, gap = 0.0, 0.0
                        text = (" " if gap else "") + piece
                        if lines[-1] and lines[-1][-1][0] == style:
                            lines[-1][-1] = (style, lines[-1][-1][1] + text)
                        else:
                            lines[-1].append((style, text))
                        used += gap + w
                        carry = False
        return [line for line in lines if line] or [[]]

    def _pieces(self, word: str, width: float) -> list[tuple[str, float]]:
        """``word`` with its width, or if it is wider than a whole line, pieces of it that fit."""
        pieces = []
        w = self.width(word) if word else 0.0
        while word and w > width:
            cut = max(1, int(len(word) * width / w))
            while cut > 1 and self.width(word[:cut]) > width:
                cut -= 1
            pieces.append((word[:cut], self.width(word[:cut])))
            word = word[cut:]
            w = self.width(word)
        return pieces + [(word, w)] if word else pieces

    def draw_lines(self, lines, x: float, size: float, step: float) -> None:
        """Draw wrapped lines from the current y, one ``step`` apart, breaking pages as needed."""
        for line in lines:
            self.need(step)
            at = x
            for style, text in line:
                self.use(style, size)
                self.text(at, self.y + step / 2 + 0.3 * self.font_size, text)
                at += self.width(text)
            self.y += step

    def need(self, h: float) -> None:
        """Start a new page unless ``h`` mm fit above the bottom margin."""
        if self.y + h > self.h - BOTTOM:
            self.add_page()
            self.y = TOP


@dataclass(frozen=True)
class Letterhead:
    """What the top of a document's first page shows."""

    sender: tuple[str, ...]  # company name, address, postcode and city
    sender_details: tuple[tuple[str, str], ...]  # (label, value) right of the sender: org.nr., phone …
    info: tuple[tuple[str, str], ...]  # (label, value) right of the window: date, numbers
    recipient: tuple[str, ...]  # name and address lines, in full
    logo: Logo | None = None


def start(
    footer: str, *, title: str, author: str, made_on: date | None, page_label: str = PAGE_LABEL
) -> Sheet:
    """A new document with its first page; ``made_on`` fixes the creation date, so the same
    document gives the same bytes."""
    pdf = Sheet(clean(footer), page_label)
    pdf.set_title(clean(title))
    pdf.set_author(clean(author))
    pdf.set_creator("vareflyt")
    if made_on:
        pdf.set_creation_date(datetime.combine(made_on, time(), tzinfo=UTC))
    pdf.add_page()
    return pdf


def _pairs(pdf: Sheet, pairs, y: float) -> None:
    for i, (label, value) in enumerate(pairs):
        pdf.set_text_color(*GREY)
        pdf.put(INFO_X, y + i * 4.6, INFO_LABEL_W, 4.6, label, 8)
        pdf.set_text_color(*BLACK)
        pdf.put(INFO_X + INFO_LABEL_W, y + i * 4.6, INFO_VALUE_W, 4.6, value, 9, min_size=6)


def _address(pdf: Sheet, recipient: tuple[str, ...]) -> None:
    x, y, w, h = ADDRESS
    rows = int(h // ADDRESS_LINE)
    name = [
        "".join(text for _, text in line)
        for line in pdf.wrap([(False, clean(recipient[0]))] if recipient else [], w - 2 * PAD, BODY)
    ]
    if len(name) > 2:
        name = [name[0], " ".join(name[1:])]
    rest = [line for line in recipient[1:] if clean(line)]
    if len(rest) > rows - len(name):  # keep the last line: postcode and place
        rest = rest[: rows - len(name) - 1] + rest[-1:]
    for i, line in enumerate(name + rest):
        pdf.put(x, y + i * ADDRESS_LINE, w, ADDRESS_LINE, line, BODY, min_size=BODY)


def letterhead(pdf: Sheet, head: Letterhead) -> None:
    """The sender (with the logo left of it), the facts beside the window, the fold mark and
    the recipient in the window."""
    left = LEFT - PAD
    if head.logo is not None:
        left += draw_logo(pdf, head.logo, LEFT, 12.0)
    head_w = INFO_X - 4 - left
    pdf.put(left, 14, head_w, 7, head.sender[0] if head.sender else "", 14, style="B", min_size=9)
    for i, line in enumerate(head.sender[1:]):
        pdf.put(left, 21 + i * 4.2, head_w, 4.2, line, 9)
    _pairs(pdf, head.sender_details, 15)
    _pairs(pdf, head.info, ADDRESS[1])
    pdf.set_draw_color(*GREY)
    pdf.set_line_width(0.2)
    pdf.line(5, FOLD_Y, 9, FOLD_Y)
    _address(pdf, head.recipient)


def heading(pdf: Sheet, text: str, running_head: str) -> None:
    """The document's title under the window; ``running_head`` heads the pages after the first."""
    pdf.put(LEFT - PAD, 88, pdf.epw + 2 * PAD, 8, text, 14, style="B", min_size=10)
    pdf.running_head = running_head
    pdf.y = 99


def paragraphs(pdf: Sheet, paras: list[list[Run]], *, size: float = BODY, step: float = LINE) -> None:
    """Paragraphs of runs across the text width, breaking pages as needed."""
    for para in paras:
        pdf.draw_lines(pdf.wrap(para, pdf.epw, size), LEFT, size, step)
        pdf.y += 2.5
