"""The printable purchase order reads as a Norwegian supplier expects: quantities without exponent
or needless decimals ("30 m", never "3E+1 MTR"), units by their word, headers not broken mid-word.

The order is made by ``orders make`` for the supplier without EDI, and the PDF's text is read
back with pypdf — what the supplier sees on paper."""

import re
from datetime import date, datetime
from decimal import Decimal as D

from pypdf import PdfReader

from vareflyt.domain.catalogue import CatalogueArticle
from vareflyt.jobs.make_orders import make_orders
from vareflyt.rules.ordering import EntryLine

from .conftest import PAPER_SUPPLIER

ON = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 9, 0)
PAPER_ARTICLES = [
    CatalogueArticle("L1", "Lekt 23x48", unit="MTR", net=D("12.50")),
    CatalogueArticle("S1", "Skruer 5x50", unit="PCE", net=D("1.10")),
    CatalogueArticle("B1", "Bølgeblikk", unit="MTK", net=D("210")),
    CatalogueArticle("X1", "Spesialvare", unit="XYZ", net=D("5")),
]


def lookup(supplier_gln, key, on):
    return [a for a in PAPER_ARTICLES if supplier_gln == PAPER_SUPPLIER and key == a.article_no]


def order_pdf_text(ws) -> str:
    # Quantities as a spreadsheet or an EDI reader may hand them over: exponent form and trailing zeros.
    entries = [
        EntryLine(PAPER_SUPPLIER, "L1", D("3E+1")),
        EntryLine(PAPER_SUPPLIER, "S1", D("1E+2")),
        EntryLine(PAPER_SUPPLIER, "B1", D("12.500")),
        EntryLine(PAPER_SUPPLIER, "X1", D("2")),
    ]
    orders = make_orders(ws, entries=entries, on=ON, now=NOW, catalogue=lookup).extra["orders"]
    [order] = orders
    assert order["file"].endswith(".pdf")
    return "\n".join(page.extract_text() for page in PdfReader(order["file"]).pages)


def test_quantities_have_no_exponent_and_units_read_as_words(ws):
    text = order_pdf_text(ws)
    assert not re.search(r"\dE[+-]?\d", text), text
    assert "30 m" in text and "100 stk" in text and "12,5 m²" in text
    assert "2 XYZ" in text  # an unknown unit is shown as given
    assert "MTR" not in text and "PCE" not in text and "12,500" not in text


def test_column_headers_are_whole_words(ws):
    text = order_pdf_text(ws)
    for header in ("Linje", "Varenr", "GTIN", "Vare", "Antall", "Enhet", "Pris"):
        assert header in text, (header, text)
    assert not re.search(r"Linj\s+e|Enh\s*\n\s*et|Enhe\s*\n\s*t", text)
