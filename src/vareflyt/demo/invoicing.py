"""The demo's simulated supplier invoicing: invoices for the demo's orders and deliveries.

``delivered_orders`` reads the own EDI orders with what was received on each packing slip;
``price_rows`` and ``invoice_line`` price a line from the supplier's price list on the order date
(quantities as received; a line added on the order keeps its order price); ``SimulatedInvoicer``
builds the ``Invoice`` (totals through the invoice-control arithmetic) and drops it into
``inbox/`` as NeB INVOIC or as EHF (``ehf_writer``), stamped a minute apart in the afternoon.
The simulated nights (``demo.nights``) and the planted-deviation run (``planted_invoices``) use them.
"""

from __future__ import annotations

import os
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
    from ..workspace import Workspace

D = Decimal


def price_rows(conn, supplier: str, on: date) -> dict:
    from ..jobs.effective_prices import effective_on

    return {a.article_no: (v, a) for v, a in effective_on(conn, supplier, on).values()}


def invoice_line(no: int, order_no: str, ln: dict, qty: Decimal, rows: dict, on: date) -> InvoiceLine:
    from ..rules.prices import quote

    found = rows.get(ln["article_no"])
    if found is not None and not ln["added"]:
        article = found[1]
        price, basis, vat = quote(*found, on).net, article.price_basis or D(1), article.vat_pct
    else:
        price, basis, vat = ln["net_price"], D(1), None
    return InvoiceLine(
        str(no),
        qty,
        D(0),
        unit=ln["unit"],
        order_no=order_no,
        order_line=str(ln["line_no"]),
        seller_article_no=ln["article_no"],
        gtin=ln["gtin"],
        nobb=ln["nobb"],
        name=ln["name"],
        net_price=price,
        price_base_qty=basis,
        vat_category="S",
        vat_rate=D(25) if vat is None else vat,
    )


class SimulatedInvoicer:
    """Writes INVOIC / EHF files for the demo's deliveries into ``inbox/``."""

    def __init__(self, ws: Workspace, today: date):
        self.ws, self.today, self.count = ws, today, 0
        company = ws.config.company
        self.buyer = PartyRef(gln=company.gln, orgnr=company.orgnr or None, name=company.name)
        self.partners = ws.config.partners

    def invoice(self, number: str, order: dict, lines: list[InvoiceLine], slips: list[str], **kw) -> Invoice:
        gln = order["supplier_gln"]
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
            order_refs=(order["number"],),
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


def delivered_orders(ws: Workspace):
    from ..store.purchasing_sheet_rows import table_rows

    with ws.store.connect() as conn:
        data = table_rows(conn)
    lines: dict[int, list] = {}
    for ln in data.order_lines:  # the simulator reads the rows as dicts
        lines.setdefault(ln.order_id, []).append(ln._asdict())
    slips: dict[int, dict[str, dict]] = {}
    for r in data.receipts:
        if r.order_id is not None and r.order_line is not None:
            got = r.despatched_qty if r.received_qty is None else r.received_qty
            per = slips.setdefault(r.order_id, {}).setdefault(r.despatch_no, {})
            per[r.order_line] = per.get(r.order_line, D(0)) + got
    return [
        (o._asdict(), lines.get(o.id, []), slips.get(o.id, {}))
        for o in data.orders
        if o.source == "own" and o.format == "edifact"
    ]
