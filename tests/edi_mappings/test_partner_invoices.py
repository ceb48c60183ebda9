"""INVOIC as suppliers' systems write it, segment by segment: shapes the NeB guide's own samples
do not show. The text is typed out here (``guide_invoices.invoic_text`` wraps it in UNB/UNH)."""

from __future__ import annotations

from decimal import Decimal as D

from vareflyt.edi.mappings import invoic
from vareflyt.edi.reader import read_interchanges

from ..invoice_control.guide_invoices import invoic_text

EXEMPT_LINES = (
    "LIN+1'PIA+1+T100:SA'QTY+47:10:MTR'MOA+203:455.00'PRI+AAA:45.50:::1:MTR'RFF+ON:100001:1'"
    "TAX+7+VAT+++:::25+S'"
    "LIN+2'PIA+1+KURS:SA'QTY+47:1:EA'MOA+203:1200.00'PRI+AAA:1200.00:::1:EA'RFF+ON:100001:2'"
    "TAX+7+VAT++++E'"
)
EXEMPT_SUMMARY = (
    "UNS+S'CNT+2:2'MOA+79:1655.00'MOA+125:1655.00'MOA+176:113.75'MOA+77:1768.75'MOA+165:0.25'"
    "MOA+9:1769.00'TAX+7+VAT+++:::25+S'MOA+125:455.00'MOA+124:113.75'TAX+7+VAT++++E'"
    "MOA+125:1200.00'MOA+124:0.00'"
)


def test_an_exempt_line_and_its_vat_group_written_without_a_rate_are_zero_percent():
    """``TAX+7+VAT++++E``: exempt (a course, a fee outside VAT) with no rate, as many systems write
    it; E, Z, AE … are 0 % by definition, as the EHF reader already takes them. Standard rate S
    without a rate stays refused, the message naming what is missing: its rate is unknown."""
    msg = read_interchanges(invoic_text(lines=EXEMPT_LINES, summary=EXEMPT_SUMMARY).encode()).messages[0]
    inv, issues = invoic.from_segments(msg.body, message_ref=msg.number)
    assert issues == [] and inv is not None
    assert [(ln.vat_category, ln.vat_rate) for ln in inv.lines] == [("S", D(25)), ("E", D(0))]
    assert [(v.category, v.rate, v.taxable_amount, v.tax_amount) for v in inv.vat_breakdown] == [
        ("S", D(25), D("455.00"), D("113.75")),
        ("E", D(0), D("1200.00"), D("0.00")),
    ]
    lines = EXEMPT_LINES.replace("TAX+7+VAT++++E", "TAX+7+VAT++++S")
    summary = EXEMPT_SUMMARY.replace("TAX+7+VAT++++E", "TAX+7+VAT++++S")
    msg = read_interchanges(invoic_text(lines=lines, summary=summary).encode()).messages[0]
    inv, issues = invoic.from_segments(msg.body, message_ref=msg.number)
    assert inv is None and [(i.code, i.message) for i in issues] == [
        ("edi.vat_missing", "Momsspesifikasjonen for kategori S mangler sats")
    ]


def test_a_corrected_or_factored_invoice_is_read_as_an_invoice():
    """BGM 384 (corrected invoice) and 393 (factored: the claim sold to a factoring company, who is
    paid) are codes the NeB guide lists for INVOIC and EHF reads as invoices; a code that is no
    invoice at all is still refused, the message naming the codes that are."""
    kinds = {}
    for code in ("384", "393", "325"):
        text = invoic_text().replace("BGM+380+F-1+9", f"BGM+{code}+F-1+9")
        msg = read_interchanges(text.encode()).messages[0]
        inv, issues = invoic.from_segments(msg.body, message_ref=msg.number)
        kinds[code] = (inv.kind.value if inv else None, [i.message for i in issues])
    assert kinds == {
        "384": ("invoice", []),
        "393": ("invoice", []),
        "325": (
            None,
            [
                "Dokumentkode «325» i BGM er ikke faktura (380, korrigert 384, factoring 393), "
                "kreditnota (381) eller debetnota (383)"
            ],
        ),
    }


def test_a_freight_charge_stated_only_in_the_header_is_the_invoices_charge_total():
    """``ALC+C++++FC'MOA+23:100.00`` in the header and no MOA+259 in the summary, as many systems
    write a freight charge: the taxable amount 1 219,60 is the lines 1 119,60 plus that charge,
    which is no mismatch, and invoice control gets the charge total to add up with."""
    freight = "PAT+1++5:3:D:30'DTM+13:20260409:102'ALC+C++++FC'MOA+23:100.00'TAX+7+VAT+++:::25+S'"
    summary = (
        "UNS+S'CNT+2:3'MOA+79:1119.60'MOA+125:1219.60'MOA+176:282.94'MOA+77:1502.54'MOA+165:0.46'"
        "MOA+9:1503.00'TAX+7+VAT+++:::25+S'MOA+125:1000.00'MOA+124:250.00'TAX+7+VAT+++:::15+S'"
        "MOA+125:219.60'MOA+124:32.94'"
    )
    text = invoic_text(summary=summary).replace("PAT+1++5:3:D:30'DTM+13:20260409:102'", freight)
    msg = read_interchanges(text.encode()).messages[0]
    inv, issues = invoic.from_segments(msg.body, message_ref=msg.number)
    assert issues == [] and inv is not None
    assert (inv.totals.charge_total, inv.totals.allowance_total, inv.totals.tax_exclusive) == (
        D("100.00"),
        None,
        D("1219.60"),
    )
    assert [(ac.is_charge, ac.reason_code, ac.amount) for ac in inv.allowances_charges] == [
        (True, "FC", D("100.00"))
    ]
