"""The three printed documents — purchase order, deviation notice, dunning letter — share one
layout, checked on the PDF as printed: text positions read back with pypdf, page 1 as pixels
with pypdfium2. Inputs are built by hand here (a shop, a supplier with its stored address, an
order of 60 lines with a long article name, a notice, a letter), not by vareflyt's own jobs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from types import SimpleNamespace

import pytest

from vareflyt.domain.orders import Order, OrderLine, PartyRef
from vareflyt.domain.parties import Party
from vareflyt.domain.receivables import Customer, InvoiceCharge, Level, Notice
from vareflyt.letters.logo import load_logo
from vareflyt.letters.notice import render_letter
from vareflyt.letters.page import start
from vareflyt.letters.supplier_pdf import deviation_notice, purchase_order
from vareflyt.letters.table import Column, Row, table

from .reading import (
    COMPANY,
    ENGLISH,
    EXPONENT,
    MM,
    WINDOW,
    dark_pixels,
    find,
    images_on,
    pages,
    pieces,
    png_of,
    text_of,
    write_logo,
)

SUPPLIER_GLN, SITE_GLN = "7080000000029", "7080000000036"
SUPPLIER = Party(
    "Nordisk Trelast AS", gln=SUPPLIER_GLN, address="Postboks 12; Sagveien 3", postcode="5015", city="Bergen"
)
SITE = Party("Byggeplass Nord", gln=SITE_GLN, address="Storgata 1", postcode="7010", city="Trondheim")
LONG_NAME = "Konstruksjonsvirke C24 impregnert klasse AB, kappet til ønsket lengde og merket per etasje"
# Quantities as a spreadsheet or an EDI reader hands them over: exponent form, trailing zeros.
QUANTITIES = [(D("3E+1"), "MTR"), (D("1E+2"), "EA"), (D("12.500"), "MTK")]


def order_with_60_lines() -> tuple[Order, dict[int, D]]:
    lines = tuple(
        OrderLine(
            n,
            QUANTITIES[n % 3][0],
            QUANTITIES[n % 3][1],
            f"70356200000{n:02d}",
            f"A-{n}",
            None,
            LONG_NAME if n == 1 else f"Lekt nr. {n}",
        )
        for n in range(1, 61)
    )
    prices = {n: D("12.5") * n * n for n in range(1, 61)}  # 12,50 … 45 000,00: widths differ
    order = Order(
        "100010",
        date(2026, 3, 2),
        PartyRef(gln=COMPANY.gln, name=COMPANY.name),
        PartyRef(gln=SUPPLIER_GLN, name=SUPPLIER.name),
        lines,
        delivery_party=PartyRef(gln=SITE_GLN),
        agreement_ref="AVT-7",
    )
    return order, prices


def the_order(logo=None, html=False):
    """The order's PDF (its HTML with ``html``)."""
    order, prices = order_with_60_lines()
    return purchase_order(
        order,
        COMPANY,
        prices=prices,
        amount=D("1000.00"),
        supplier_name=SUPPLIER.name,
        supplier=SUPPLIER,
        delivery_place=SITE,
        logo=logo,
    )[0 if html else 1]


def the_notice(logo=None, html=False):
    """The deviation notice's PDF (its HTML with ``html``)."""
    row = SimpleNamespace(
        kind="invoice",
        number="F-1",
        issue_date=date(2026, 3, 3),
        order_refs="100010",
        despatch_refs="PS1",
        payable=D("1234.50"),
        currency="NOK",
    )
    findings = [
        {
            "check": "l",
            "check_name": "enhetspris",
            "line_no": n,
            "article": f"T{n}",
            "expected": "45,50",
            "actual": "1 049,00" if n % 2 else "49,00",
            "message": "Enhetsprisen avviker fra avtalt pris.",
        }
        for n in range(1, 4)
    ]
    return deviation_notice(
        COMPANY,
        supplier_gln=SUPPLIER_GLN,
        supplier_name=SUPPLIER.name,
        supplier=SUPPLIER,
        invoices=[{"row": row, "status": "avvist", "findings": findings}],
        today=date(2026, 3, 4),
        title="Fakturaavvik – Nordisk Trelast AS (7080000000029)",
        logo=logo,
    )[0 if html else 1]


def the_letter(logo=None, html=False):
    """The dunning letter's PDF (its HTML with ``html``)."""
    customer = Customer(
        "K1", "Ødegård & Søn AS", orgnr="974760673", address="Postboks 123; Åsveien 3; 7020 Trondheim"
    )
    line = InvoiceCharge(
        "1001",
        date(2026, 1, 15),
        22,
        D("10000.00"),
        D("72.33"),
        D("12.00"),
        date(2026, 1, 16),
        D("37.50"),
        D(0),
        D(0),
        kid="1234567897",
        rate_periods=((date(2026, 1, 16), D("12.00")),),
        amount=D("10000.00"),
    )
    notice = Notice(customer, Level.DUNNING, date(2026, 2, 6), date(2026, 2, 20), (line,))
    letter = render_letter(notice, COMPANY, language="nb", deadline_days=14, logo=logo)
    return letter.html if html else letter.pdf


DOCUMENTS = {
    "order": (the_order, ["Nordisk Trelast AS", "Postboks 12", "Sagveien 3", "5015 Bergen"]),
    "notice": (the_notice, ["Nordisk Trelast AS", "Postboks 12", "Sagveien 3", "5015 Bergen"]),
    "letter": (the_letter, ["Ødegård & Søn AS", "Postboks 123", "Åsveien 3", "7020 Trondheim"]),
}


@pytest.mark.parametrize("kind", DOCUMENTS)
def test_the_recipient_stands_in_the_envelope_window(kind):
    make, address = DOCUMENTS[kind]
    found = pieces(make())
    left, top, right, bottom = WINDOW
    lines = [find(found, text) for text in address]
    assert [p.y for p in lines] == sorted(p.y for p in lines)
    for p in lines:
        assert left <= p.x and p.right <= right and top <= p.top and p.bottom <= bottom, p
    assert find(found, "Bygg & Ærlig AS", bold=True).bottom < top  # the sender above the window


@pytest.mark.parametrize(
    "kind, headings, values",
    [
        ("order", ("Antall", "Pris"), ({"30", "100", "12,5"}, {"12,50", "50,00", "1 250,00", "8 450,00"})),
        ("notice", ("Forventet", "Fakturert"), ({"45,50"}, {"49,00", "1 049,00"})),
    ],
)
def test_numbers_are_right_aligned_under_their_heading(kind, headings, values):
    found = pieces(DOCUMENTS[kind][0]())
    for heading, wanted in zip(headings, values):
        head = find(found, heading, bold=True)
        cells = [p for p in found if p.text in wanted and p.y > head.y and not p.bold]
        assert {p.text for p in cells} == wanted, heading
        for cell in cells:  # ±0.5 pt
            assert cell.right == pytest.approx(head.right, abs=0.5 / MM), (heading, cell)


def test_a_long_order_numbers_its_pages_and_repeats_the_header_row():
    pdf = the_order()
    assert len(pages(pdf)) == 2
    first, second = pieces(pdf, 0), pieces(pdf, 1)
    assert find(first, "Side 1 av 2") and find(second, "Side 2 av 2")
    headings = ["Linje", "Varenr", "GTIN", "Vare", "Antall", "Enhet", "Pris"]
    row = [p.text for p in second if p.bold and p.size < 9]
    assert row == headings  # the header row, again, whole words
    first_row = min((p for p in second if p.text.startswith("Lekt nr.")), key=lambda p: p.y)
    assert find(second, "Vare", bold=True).y < first_row.y
    assert find(second, "Bestilling 100010 · Nordisk Trelast AS").y < 18  # whose order, above the margin
    numbers = [p.text for page in (first, second) for p in page if p.text.startswith("A-")]
    assert numbers == [f"A-{n}" for n in range(1, 61)]  # every line once, in order


def test_a_long_article_name_wraps_inside_its_column_and_is_never_cut():
    found = pieces(the_order())
    vare, antall = find(found, "Vare", bold=True), find(found, "Antall", bold=True)
    name = [
        p
        for p in found
        if vare.x - 0.1 <= p.x < antall.x - 15 and p.y < find(found, "Lekt nr. 2").y and p.y > vare.y
    ]
    assert len(name) >= 2  # more than one line
    assert " ".join(p.text for p in name) == LONG_NAME
    assert all(p.right < antall.x for p in name)
    assert all("…" not in p.text for p in name)


@pytest.mark.parametrize("kind", DOCUMENTS)
def test_no_exponent_and_no_english_in_the_document(kind):
    text = text_of(DOCUMENTS[kind][0]())
    assert not EXPONENT.search(text), text
    assert not ENGLISH.search(text), ENGLISH.search(text)


def test_quantities_and_units_read_as_people_write_them():
    found = pieces(the_order())
    cells = {p.text for p in found if not p.bold}
    assert {"30", "100", "12,5", "m", "stk", "m²"} <= cells
    assert not cells & {"3E+1", "1E+2", "12,500", "MTR", "EA", "MTK"}


def test_a_heading_too_wide_for_its_column_is_abbreviated_or_set_smaller_never_broken():
    pdf = start("Bunntekst", title="Prøve", author="vareflyt", made_on=date(2026, 3, 2))
    columns = (
        Column("q", "Antall", True, 7, short="Ant."),
        Column("c", "Kontroll", False, 9),
        Column("p", "Pris", True, 20),
    )
    table(pdf, columns, [Row(("30", "l", "1 049,00"))])
    found = pieces(bytes(pdf.output()))
    heads = [p for p in found if p.bold]
    assert [p.text for p in heads] == ["Ant.", "Kontroll", "Pris"]  # whole: abbreviated, or smaller
    assert find(found, "Kontroll", bold=True).size < 8.5
    assert (
        find(found, "Ant.", bold=True).right <= 20 + 7 and find(found, "Kontroll", bold=True).right <= 20 + 16
    )


@pytest.mark.parametrize("kind", DOCUMENTS)
def test_the_logo_is_drawn_when_the_workspace_has_one(kind, tmp_path):
    make = DOCUMENTS[kind][0]
    assert images_on(make()) == []
    write_logo(tmp_path / "logo.png")
    logo, problem = load_logo(tmp_path)
    assert problem == "" and logo is not None
    pdf = make(logo)
    assert len(images_on(pdf)) == 1
    found = pieces(pdf)
    assert find(found, "Bygg & Ærlig AS", bold=True).x > 20 + logo.width  # the name right of the logo
    picture = png_of(pdf)
    assert dark_pixels(picture, 20, 12, 20 + logo.width, 12 + logo.height) > 1000


@pytest.mark.parametrize(
    "content", [b"dette er ikke et bilde", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"]
)
def test_an_unreadable_logo_is_left_out_with_a_norwegian_message(tmp_path, content):
    (tmp_path / "logo.png").write_bytes(content)
    logo, problem = load_logo(tmp_path)
    assert logo is None and "logo.png" in problem and "uten logo" in problem
    assert images_on(the_order(logo)) == []


@pytest.mark.parametrize("kind", DOCUMENTS)
def test_page_one_as_pixels_has_ink_in_the_window_and_blank_margins(kind):
    picture = png_of(DOCUMENTS[kind][0]())
    left, top, right, bottom = WINDOW
    assert dark_pixels(picture, left, top, right, bottom) > 500  # the address shows through the window
    assert dark_pixels(picture, 192, 0, 210, 297) == 0  # right margin
    assert dark_pixels(picture, 0, 0, 4, 297) == 0  # left edge (the fold mark is at 5–9 mm)
    assert dark_pixels(picture, 0, 0, 210, 10) == 0  # top
    assert dark_pixels(picture, 0, 287, 210, 297) == 0  # bottom, under the footer


def test_the_delivery_place_is_named_with_its_address_and_gln():
    order, prices = order_with_60_lines()
    html, pdf = purchase_order(
        order,
        COMPANY,
        prices=prices,
        amount=D("1000.00"),
        supplier_name=SUPPLIER.name,
        supplier=SUPPLIER,
        delivery_place=SITE,
    )
    wanted = f"Leveringssted: Byggeplass Nord, Storgata 1, 7010 Trondheim (GLN {SITE_GLN})"
    assert wanted in html and wanted in text_of(pdf)
    _, unknown = purchase_order(
        order, COMPANY, prices=prices, amount=D("1000.00"), supplier_name=SUPPLIER.name
    )
    assert f"Leveringssted: GLN {SITE_GLN}" in text_of(unknown)  # nothing stored: the GLN only
