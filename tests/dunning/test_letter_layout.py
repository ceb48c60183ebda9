"""Where things stand on the printed letter, read back from the PDF with pypdf's text positions:
the address inside the window of a Norwegian C5 and EC4 window envelope, amounts right-aligned
under their column headings, the totals under the last amount column, no zero columns, long
tables continued on the next page, and a hostile customer name that never leaves the window."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pypdf
import pytest
from tests.letters.reading import find, pieces

from vareflyt.config.company import parse as parse_company
from vareflyt.domain.receivables import Customer, CustomerKind, InvoiceCharge, Level, Notice
from vareflyt.letters.notice import render_letter

# Address windows on the left, measured from the sheet's top-left corner (x, y, width, height in
# mm), as Norwegian letter templates place them (officeconsult.no): C5 (A4 folded once) and EC4.
ENVELOPES = {"C5": (15, 44, 105, 35), "EC4": (15, 42, 100, 40)}
COMPANY = parse_company(
    {
        "name": "Bygg & Ærlig AS",
        "orgnr": "923609016",
        "bank_account": "12345678903",
        "address": "Industriveien 5",
        "postcode": "7080",
        "city": "Heimdal",
        "email": "post@bygg.example",
        "phone": "73 00 00 00",
    }
)


def charge(
    no: str,
    principal: str,
    *,
    interest="0",
    fee="0",
    earlier="0",
    comp="0",
    kid="",
    due=date(2026, 1, 15),
    days=22,
) -> InvoiceCharge:
    return InvoiceCharge(
        no,
        due,
        days,
        Decimal(principal),
        Decimal(interest),
        Decimal("12.00") if interest != "0" else Decimal(0),
        date(2026, 1, 16) if interest != "0" else None,
        Decimal(fee),
        Decimal(earlier),
        Decimal(comp),
        kid=kid,
        rate_periods=((date(2026, 1, 16), Decimal("12.00")),) if interest != "0" else (),
        amount=Decimal(principal),
    )


def notice(
    lines,
    *,
    level=Level.DUNNING,
    name="Ødegård & Søn AS",
    address="Postboks 123; Åsveien 3; 7020 Trondheim",
    number="K1",
) -> Notice:
    customer = Customer(number, name, CustomerKind.B2B, orgnr="974760673", address=address)
    return Notice(customer, level, date(2026, 2, 6), date(2026, 2, 20), tuple(lines))


@pytest.mark.parametrize("language", ["nb", "en"])
def test_recipient_name_and_address_lie_inside_the_c5_and_ec4_window(language):
    pdf = render_letter(
        notice([charge("1001", "10000.00", interest="72.33", fee="37.50", kid="1234567897")]),
        COMPANY,
        language=language,
        deadline_days=14,
    ).pdf
    found = pieces(pdf)
    address = [find(found, t) for t in ("Ødegård & Søn AS", "Postboks 123", "Åsveien 3", "7020 Trondheim")]
    assert [p.y for p in address] == sorted(p.y for p in address)  # in order, top to bottom
    for name, (x, y, w, h) in ENVELOPES.items():
        for p in address:
            assert x <= p.x and p.right <= x + w and y <= p.top and p.bottom <= y + h, (name, p)
    sender = find(found, "Bygg & Ærlig AS", bold=True)  # letterhead, above the window
    assert sender.bottom < min(y for _, y, _, _ in ENVELOPES.values())
    date_label = find(found, "Dato" if language == "nb" else "Date")  # beside the window, not in it
    assert date_label.x > max(x + w for x, _, w, _ in ENVELOPES.values())


def test_hostile_long_name_and_address_never_leave_the_window():
    name = "<script>alert(1)</script> Ødegård\x00\tBygg\u200b ✓ Őrség " + "Veldig Langt Firmanavn " * 8
    address = (
        "; ".join(f"Linje {i} med en svært lang adresse som ikke får plass i vinduet" for i in range(8))
        + "; 7020 Trondheim"
    )
    assert len(name) > 200
    odd_invoice = "F/../" + "ø" * 200
    letter = render_letter(
        notice(
            [charge(odd_invoice, "500.00", kid="1234567890123456789012345")],
            name=name,
            address=address,
            number="K/../" + "9" * 200,
        ),
        COMPANY,
        language="nb",
        deadline_days=14,
    )
    found = pieces(letter.pdf)
    left = [p for p in found if p.x < 118 and 38 < p.y < 86]  # everything drawn around the window
    assert len(left) == 6  # 6 lines fit: name on two, 4 more
    x, y, w, h = ENVELOPES["C5"]
    for p in left:
        assert x <= p.x and p.right <= x + w + 0.01 and y <= p.top and p.bottom <= y + h, p
    assert left[0].text.startswith("<script>alert(1)</script> Ødegård Bygg")  # control characters made spaces
    assert left[-1].text == "7020 Trondheim"  # the postcode line is kept
    assert "&lt;script&gt;" in letter.html and "<script>" not in letter.html
    text = " ".join(p.text for p in found)
    assert "Purring" in text and "1234567890123456789012345" in text  # a 25-digit KID is never cut,
    assert find(found, "1234567890123456789012345").right <= 210 - 20  # but set smaller within the margin
    invoice = next(p for p in found if p.text.startswith("F/../øøø"))
    assert (
        invoice.text.endswith("…") and invoice.right < find(found, "Forfall", bold=True).x
    )  # cut in its column


def test_amounts_are_right_aligned_under_their_headings_and_totals_under_the_last_amount_column():
    lines = [
        charge(
            "1001",
            "8000.00",
            interest="812.33",
            fee="37.50",
            earlier="37.50",
            comp="385.00",
            kid="1234567897",
            days=320,
        ),
        charge("1002", "1500.00", interest="100.00", comp="460.00", kid="12345678903", days=9),
    ]
    found = pieces(render_letter(notice(lines), COMPANY, language="nb", deadline_days=14).pdf)
    columns = {
        "Dager": ["320", "9"],
        "Hovedstol": ["8 000,00", "1 500,00"],
        "Rente": ["812,33", "100,00"],
        "Kostnader": ["460,00", "460,00"],
        "Å betale": ["9 272,33", "2 060,00"],
    }
    for heading, values in columns.items():
        head = find(found, heading, bold=True)
        cells = [p for p in found if p.text in values and p.y > head.y and not p.bold]
        assert len(cells) == len(values), heading
        for cell in cells:
            assert cell.right == pytest.approx(head.right, abs=0.05), (heading, cell)
            assert cell.x > head.x - 25  # under it, not elsewhere
    payable = find(found, "Å betale", bold=True)
    # 8000 + 1500; 812.33 + 100; 37.50 earlier; 37.50 new; 385 + 460; sum 11 332.33
    for amount in ("9 500,00", "912,33", "37,50", "845,00"):
        assert find(found, amount, bold=False).right == pytest.approx(payable.right, abs=0.05), amount
    assert find(found, "11 332,33", bold=True).right == pytest.approx(payable.right, abs=0.05)
    kid = find(found, "KID", bold=True)
    assert find(found, "12345678903").x == pytest.approx(kid.x, abs=0.05)  # KIDs left-aligned under KID


def test_reminder_without_interest_or_fees_has_no_column_of_zeros():
    found = pieces(
        render_letter(
            notice([charge("1001", "2500.00", kid="1234567897", days=7)], level=Level.REMINDER),
            COMPANY,
            language="nb",
            deadline_days=14,
        ).pdf
    )
    headings = [p.text for p in found if p.bold and p.size < 9]
    assert headings == ["Faktura", "Forfall", "Dager", "Beløp", "KID"]
    assert "0,00" not in [p.text for p in found]
    assert find(found, "2 500,00").right == pytest.approx(find(found, "Beløp", bold=True).right, abs=0.05)


def test_a_long_table_continues_on_the_next_page_with_its_heading():
    lines = [charge(f"{2000 + i}", "100.00", interest="1.00", kid=f"{1000 + i}") for i in range(70)]
    pdf = render_letter(notice(lines), COMPANY, language="nb", deadline_days=14).pdf
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2
    texts = [p.text for page in range(len(reader.pages)) for p in pieces(pdf, page)]
    assert all(f"{2000 + i}" in texts for i in range(70))  # every invoice, once
    assert sum(t == f"{2000 + 69}" for t in texts) == 1
    second = pieces(pdf, 1)
    assert find(second, "Faktura", bold=True).y < find(second, "2069").y  # heading repeated above the rows
    assert find(second, "Purring · Ødegård & Søn AS · Kundenr. K1").y < 18  # whose letter, above the margin
    pages = len(reader.pages)
    everything = [p for page in range(pages) for p in pieces(pdf, page)]
    total = find(everything, "7 070,00", bold=True)  # 70 × 101,00
    assert find(everything, "Sum å betale", bold=True).y == pytest.approx(total.y)
    assert find(second, f"Side 2 av {pages}")
    for page in range(pages):  # nothing in the footer's place
        assert all(p.y < 297 - 17 or p.size <= 7.5 for p in pieces(pdf, page))
