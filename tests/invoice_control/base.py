"""A literal invoice-control context that passes every check, and builders for variants.

Order 100001 (three lines: 10 MTR at 45.50, 5 EA at 89.00, 4 EA coffee at 54.90 with 15 % VAT),
all received on packing slip PS1; invoice F-1 invoices exactly that, due in 30 days.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

from vareflyt.domain.invoices import Invoice, InvoiceKind, InvoiceLine
from vareflyt.domain.orders import PartyRef
from vareflyt.rules.invoice_control import (
    Agreement,
    ControlContext,
    OrderInfo,
    OrderLineInfo,
    PriceRow,
    complete,
)

OUR = "7080000000012"
SUPPLIER = "7080000000029"
ORDER = "100001"
ISSUED = date(2026, 3, 10)


def order_lines(received=(D(10), D(5), D(4)), **kw):
    specs = [
        (1, "T100", "7040000000016", "MTR", D(10)),
        (2, "T200", "7040000000023", "EA", D(5)),
        (3, "KF-500", None, "EA", D(4)),
    ]
    return {
        no: OrderLineInfo(no, art, gtin, None, unit, qty, qty, got, **kw)
        for (no, art, gtin, unit, qty), got in zip(specs, received)
    }


def order(**kw) -> OrderInfo:
    values = dict(
        number=ORDER,
        supplier_gln=SUPPLIER,
        order_date=date(2026, 3, 1),
        lines=order_lines(),
        buyer_gln=OUR,
        delivery_gln=OUR,
    )
    values.update(kw)
    return OrderInfo(**values)


def line(no, qty, price, article, vat="25", gtin=None, order_line=None, unit="EA", **kw) -> InvoiceLine:
    return InvoiceLine(
        str(no),
        D(qty),
        D(0),
        unit=unit,
        order_no=ORDER,
        order_line=str(order_line or no),
        seller_article_no=article,
        gtin=gtin,
        name=f"Vare {article}",
        net_price=D(price),
        price_base_qty=D(1),
        vat_category="S",
        vat_rate=D(vat),
        **kw,
    )


def base_lines() -> tuple[InvoiceLine, ...]:
    """The three lines of F-1, in the units ordered (10 MTR, 5 EA, 4 EA)."""
    return (
        line(1, 10, "45.50", "T100", unit="MTR"),
        line(2, 5, "89.00", "T200"),
        line(3, 4, "54.90", "KF-500", vat="15"),
    )


def invoice(*lines, **kw) -> Invoice:
    values = dict(
        kind=InvoiceKind.INVOICE,
        number="F-1",
        issue_date=ISSUED,
        supplier=PartyRef(gln=SUPPLIER, name="Trelast Vest AS"),
        buyer=PartyRef(gln=OUR),
        lines=lines or base_lines(),
        due_date=date(2026, 4, 9),
        currency="NOK",
        order_refs=(ORDER,),
        despatch_refs=("PS1",),
    )
    values.update(kw)
    return complete(Invoice(**values))


PRICES = {
    "1": PriceRow(D("45.50"), D(25)),
    "2": PriceRow(D("89.00"), D(25)),
    "3": PriceRow(D("54.90"), D(15)),
}


def context(inv: Invoice | None = None, **kw) -> ControlContext:
    values = dict(
        invoice=inv or invoice(),
        our_gln=OUR,
        today=date(2026, 3, 12),
        orders={ORDER: order()},
        prices=PRICES,
        known_despatches=frozenset({"PS1"}),
        received_by_despatch={("PS1", ORDER, 1): D(10), ("PS1", ORDER, 2): D(5), ("PS1", ORDER, 3): D(4)},
        agreement=Agreement(payment_days=30),
        received_on=date(2026, 3, 11),
    )
    values.update(kw)
    return ControlContext(**values)


def totals(inv: Invoice, **changes) -> Invoice:
    """The invoice with some stated totals changed (the rest as computed)."""
    return replace(inv, totals=replace(inv.totals, **changes))


def plus(value, amount="10.00"):
    return (value or D(0)) + D(amount)
