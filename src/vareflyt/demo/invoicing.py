"""The demo's simulated supplier invoicing: invoices for the demo's orders and deliveries.

``delivered_orders`` reads the own EDI orders (the store's named sheet rows, read by attribute)
with what was received on each packing slip; ``price_rows`` and ``invoice_line`` price a line from
the supplier's price list on the order date (quantities as received; a line added on the order
keeps its order price); ``received_by_line`` and ``invoice_lines`` turn received quantities into
invoice lines, and ``above_agreement`` is the one planted overprice (7 %, check l) both the nights
and the planted run use; ``SimulatedInvoicer``
builds the ``Invoice`` (totals through the invoice-control arithmetic) and drops it into
``inbox/`` as NeB INVOIC or as EHF (``ehf_writer``), stamped a minute apart in the afternoon.
The simulated nights (``demo.nights``) and the planted-deviation run (``planted_invoices``) use them.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from ..domain.invoices import Invoice, InvoiceKind, InvoiceLine, PaymentTerms
from ..domain.orders import PartyRef
from ..edi.mappings import invoic
from ..edi.writer import write_interchange
from ..rules.invoice_control.arithmetic import complete
from ..safe_paths import inside, name_part
from .ehf_writer import ehf_xml
from .identifiers import demo_codes

if TYPE_CHECKING:
    from ..store.purchasing_sheet_rows import OrderLineSheetRow, OrderSheetRow
    from ..workspace import Workspace

D = Decimal


def price_rows(conn, supplier: str, on: date) -> dict:
    from ..jobs.effective_prices import effective_on

    return {a.article_no: (v, a) for v, a in effective_on(conn, supplier, on).values()}


def invoice_line(
    no: int, order_no: str, ln: OrderLineSheetRow, qty: Decimal, rows: dict, on: date
) -> InvoiceLine:
    from ..rules.prices import quote

    found = rows.get(ln.article_no)
    if found is not None and not ln.added:
        article = found[1]
        price, basis, vat = quote(*found, on).net, article.price_basis or D(1), article.vat_pct
    else:
        price, basis, vat = ln.net_price, D(1), None
    return InvoiceLine(
        str(no),
        qty,
        D(0),
        unit=ln.unit,
        order_no=order_no,
        order_line=str(ln.line_no),
        seller_article_no=ln.article_no,
        gtin=ln.gtin,
        nobb=ln.nobb,
        name=ln.name,
        net_price=price,
        price_base_qty=basis,
        vat_category="S",
        vat_rate=D(25) if vat is None else vat,
    )


def received_by_line(slips: dict[str, dict[int, Decimal]]) -> dict[int, Decimal]:
    """What was received of each order line, summed over the packing slips."""
    got: dict[int, Decimal] = {}
    for per in slips.values():
        for n, q in per.items():
            got[n] = got.get(n, D(0)) + q
    return got


def invoice_lines(
    order: OrderSheetRow, lines: list[OrderLineSheetRow], got: dict[int, Decimal], rows: dict, on: date
) -> list[InvoiceLine]:
    """Invoice lines for the quantities received (``got``: order line -> quantity) in order-line
    order; lines received as zero or not on the order are left out, and the invoice line numbers
    count every received entry (a left-out line leaves a gap), as the demo always wrote them."""
    by_no = {ln.line_no: ln for ln in lines}
    return [
        invoice_line(i + 1, order.number, by_no[n], q, rows, on)
        for i, (n, q) in enumerate(sorted(got.items()))
        if q and n in by_no
    ]


def above_agreement(line: InvoiceLine) -> InvoiceLine:
    """The line priced 7 % above the agreed price: invoice control's check l must flag it."""
    return replace(line, net_price=(line.net_price * D("1.07")).quantize(D("0.01")))


class SimulatedInvoicer:
    """Writes INVOIC / EHF files for the demo's deliveries into ``inbox/``."""

    def __init__(self, ws: Workspace, today: date):
        self.ws, self.today, self.count = ws, today, 0
        company = ws.config.company
        self.buyer = PartyRef(gln=company.gln, orgnr=company.orgnr or None, name=company.name)
        self.partners = ws.config.partners

    def invoice(
        self, number: str, order: OrderSheetRow, lines: list[InvoiceLine], slips: list[str], **kw
    ) -> Invoice:
        gln = order.supplier_gln
        name = self.partners[gln].name if gln in self.partners else None
        inv = Invoice(
            kind=InvoiceKind.INVOICE,
            number=number,
            issue_date=self.today,
            supplier=PartyRef(gln=gln, name=name),
            buyer=self.buyer,
            lines=tuple(lines),
            due_date=self.today + timedelta(days=30),
            delivery_date=self.today,
            currency="NOK",
            order_refs=(order.number,),
            despatch_refs=tuple(slips),
            payment_terms=PaymentTerms(30, "30 dager netto"),
            bank_account="15032080119",
            **kw,
        )
        return complete(inv)

    def drop(self, inv: Invoice, ehf: bool) -> str:
        self.count += 1
        now = datetime.combine(self.today, time(14, 0)) + timedelta(minutes=self.count)
        if ehf:
            data, name = ehf_xml(inv), f"EHF_{name_part(inv.supplier.gln)}_{name_part(inv.number)}.xml"
        else:
            data = write_interchange(
                inv.supplier.gln,
                self.buyer.gln,
                [("INVOIC", invoic.to_segments(inv, codes=demo_codes()))],
                f"I{self.count}",
                now,
            )
            name = f"INVOIC_{name_part(inv.supplier.gln)}_{name_part(inv.number)}.edi"
        path = inside(self.ws.inbox, name)
        path.write_bytes(data)
        stamp = int(now.timestamp()) * 1_000_000_000
        os.utime(path, ns=(stamp, stamp))
        return name


def delivered_orders(
    ws: Workspace,
) -> list[tuple[OrderSheetRow, list[OrderLineSheetRow], dict[str, dict[int, Decimal]]]]:
    """The own EDI orders, each with its lines and what each packing slip brought of each line
    (packing-slip number -> order line -> quantity received, or despatched where not typed in)."""
    from ..store.purchasing_sheet_rows import table_rows

    with ws.store.connect() as conn:
        data = table_rows(conn)
    lines: dict[int, list[OrderLineSheetRow]] = {}
    for ln in data.order_lines:
        lines.setdefault(ln.order_id, []).append(ln)
    slips: dict[int, dict[str, dict[int, Decimal]]] = {}
    for r in data.receipts:
        if r.order_id is not None and r.order_line is not None:
            got = r.despatched_qty if r.received_qty is None else r.received_qty
            per = slips.setdefault(r.order_id, {}).setdefault(r.despatch_no, {})
            per[r.order_line] = per.get(r.order_line, D(0)) + got
    return [
        (o, lines.get(o.id, []), slips.get(o.id, {}))
        for o in data.orders
        if o.source == "own" and o.format == "edifact"
    ]
