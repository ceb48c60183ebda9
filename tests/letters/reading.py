"""Reading a printed document back as a person would see it: text pieces with their position
(pypdf's ``visitor_text``), the pictures on a page, and the page as pixels (pypdfium2, a
pure-pip wheel) — plus the inputs the tests build by hand: a shop, a supplier, a logo."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pypdf
from fpdf import FPDF
from PIL import Image, ImageDraw

from vareflyt.config.company import parse as parse_company

MM = 72 / 25.4  # points per millimetre
A4_W, A4_H = 210.0, 297.0
WINDOW = (15.0, 44.0, 115.0, 79.0)  # left, top, right, bottom in mm: the window envelopes' common area
COMPANY = parse_company(
    {
        "name": "Bygg & Ærlig AS",
        "gln": "7080000000012",
        "orgnr": "923609016",
        "address": "Industriveien 5",
        "postcode": "7080",
        "city": "Heimdal",
        "email": "post@bygg.example",
        "phone": "73 00 00 00",
        "bank_account": "12345678903",
    }
)
# Words that would show English or a program's internals leaking into a Norwegian document.
ENGLISH = re.compile(
    r"\b(Page|of|Invoice|Order|Line|Quantity|Price|Unit|Amount|Total|Date|Supplier|Description|"
    r"Check|Expected|None|True|False|nan|OrderPurpose\.\w+|EA|MTR|PCE|MTK)\b"
)
EXPONENT = re.compile(r"\d[eE][+-]?\d")
_METRICS = FPDF()
_METRICS.core_fonts_encoding = "windows-1252"


@dataclass(frozen=True)
class Piece:
    text: str
    x: float  # mm from the left edge
    y: float  # baseline, mm from the top edge
    size: float  # pt
    bold: bool

    @property
    def right(self) -> float:
        _METRICS.set_font("helvetica", "B" if self.bold else "", self.size)
        return self.x + _METRICS.get_string_width(self.text)

    @property
    def top(self) -> float:  # capitals with rings and accents reach ~0.95 em above the baseline
        return self.y - 0.95 * self.size / MM

    @property
    def bottom(self) -> float:  # descenders reach ~0.25 em below
        return self.y + 0.25 * self.size / MM


def pages(pdf: bytes) -> list[pypdf.PageObject]:
    return list(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def pieces(pdf: bytes, page: int = 0) -> list[Piece]:
    """Every piece of text on ``page`` with where it stands."""
    sheet = pages(pdf)[page]
    height = float(sheet.mediabox.height)
    found: list[Piece] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            bold = "Bold" in str((font or {}).get("/BaseFont", ""))
            x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
            found.append(Piece(text.strip(), x / MM, (height - y) / MM, size, bold))

    sheet.extract_text(visitor_text=visit)
    return found


def find(found: list[Piece], text: str, *, bold: bool | None = None) -> Piece:
    hits = [p for p in found if p.text == text and (bold is None or p.bold == bold)]
    assert hits, f"{text!r} not on the page: {[p.text for p in found]}"
    return hits[0]


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in pages(pdf))


def images_on(pdf: bytes, page: int = 0) -> list[str]:
    """Names of the image XObjects drawn on ``page``."""
    resources = pages(pdf)[page].get("/Resources") or {}
    xobjects = resources.get("/XObject") or {}
    return [name for name, ref in xobjects.items() if ref.get_object().get("/Subtype") == "/Image"]


def png_of(pdf: bytes, page: int = 0, scale: float = 2.0) -> Image.Image:
    """The page as pixels (pypdfium2); ``scale`` 2 gives 144 dpi."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return document[page].render(scale=scale).to_pil().convert("L")
    finally:
        document.close()


def dark_pixels(picture: Image.Image, left: float, top: float, right: float, bottom: float) -> int:
    """Pixels darker than light grey inside the box (mm from the top left)."""
    per_mm = picture.width / A4_W
    box = picture.crop((int(left * per_mm), int(top * per_mm), int(right * per_mm), int(bottom * per_mm)))
    return sum(box.convert("L").histogram()[:200])


def write_logo(path) -> None:
    """A logo as a drawing program saves it: a PNG, dark blue block on white, 3:1."""
    picture = Image.new("RGB", (300, 100), "white")
    ImageDraw.Draw(picture).rectangle([8, 8, 292, 92], fill=(20, 50, 130))
    picture.save(path, format="PNG")
