"""One PDF per run for printing: the pages of every letter, in order, each letter with its own
page numbers, a bookmark per letter, and a blank back page for duplex printing when asked."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pypdf

from vareflyt.config.company import parse as parse_company
from vareflyt.domain.receivables import Customer, InvoiceCharge, Level, Notice
from vareflyt.letters.notice import combine, render_letter

COMPANY = parse_company({"name": "Bygg AS", "bank_account": "12345678903"})


def _letter(customer: str, invoices: int) -> bytes:
    lines = tuple(
        InvoiceCharge(
            f"{customer}-{i}",
            date(2026, 1, 15),
            30,
            Decimal("100.00"),
            Decimal(0),
            Decimal(0),
            None,
            Decimal(0),
            Decimal(0),
            Decimal(0),
            kid=f"{i:07d}",
        )
        for i in range(invoices)
    )
    n = Notice(
        Customer(customer, f"Kunde {customer}"), Level.REMINDER, date(2026, 2, 14), date(2026, 2, 28), lines
    )
    return render_letter(n, COMPANY, language="nb", deadline_days=14).pdf


def _pages(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def test_combined_pdf_has_every_page_of_every_letter_in_order():
    letters = [_letter("A", 1), _letter("B", 80), _letter("C", 2)]
    counts = [len(_pages(pdf)) for pdf in letters]
    assert counts[0] == 1 and counts[1] >= 2 and counts[2] == 1
    combined = _pages(combine(letters, titles=["A påminnelse", "B påminnelse", "C påminnelse"]))
    assert len(combined) == sum(counts)
    assert combined == _pages(letters[0]) + _pages(letters[1]) + _pages(letters[2])
    assert "Kunde A" in combined[0] and "Kunde B" in combined[1] and "Kunde C" in combined[-1]
    assert f"Side 2 av {counts[1]}" in combined[2]  # each letter keeps its numbering
    assert "Side 1 av 1" in combined[-1]
    reader = pypdf.PdfReader(
        io.BytesIO(combine(letters, titles=["A påminnelse", "B påminnelse", "C påminnelse"]))
    )
    assert [item.title for item in reader.outline] == ["A påminnelse", "B påminnelse", "C påminnelse"]
    assert [reader.get_destination_page_number(item) for item in reader.outline] == [0, 1, 1 + counts[1]]


def test_duplex_starts_every_letter_on_the_front_of_a_sheet():
    letters = [_letter("A", 1), _letter("B", 1), _letter("C", 80)]
    pages = _pages(combine(letters, duplex=True))
    b_pages = len(_pages(letters[2]))
    assert len(pages) == 2 + 2 + b_pages + b_pages % 2
    assert pages[1] == "" and pages[3] == "" and "Kunde B" in pages[2] and "Kunde C" in pages[4]


def test_no_letters_give_no_pdf():
    assert combine([]) == b""
