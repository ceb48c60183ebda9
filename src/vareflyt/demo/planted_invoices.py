"""The demo's invoicing with planted deviations: a simulated supplier invoices the demo's orders
and deliveries, and the invoice control runs on the result.

``run_invoicing_demo(ws, today)`` runs after the purchasing demo (``demo.purchasing``): for
every EDI order with deliveries it writes an invoice into ``inbox/`` — NeB INVOIC for most,
EHF (PEPPOL BIS 3, written by ``ehf_writer.ehf_xml``) for every third and for pickup orders — priced from
the price list on the order date, quantities as received, one invoice per packing slip for a
split delivery. Planted, in turn on the clean orders: a price above the agreement (check l),
a quantity above what was received (m), a wrong VAT rate (o), a duplicate arriving as both
EDIFACT and EHF (a), an invoice for backordered goods not yet received (waits), and a credit
note for one unit of an approved invoice. Then ``edi read`` and ``invoices reconcile``.
``result.extra["planted"]`` says which invoice should end how; every other invoice passes.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING

from ..domain.invoices import InvoiceKind
from ..domain.issues import JobResult
from ..rules.invoice_control.arithmetic import complete
from .invoicing import (
    SimulatedInvoicer,
    above_agreement,
    delivered_orders,
    invoice_line,
    invoice_lines,
    price_rows,
    received_by_line,
)

if TYPE_CHECKING:
    from ..workspace import Workspace

D = Decimal
PLANTS = ("price", "quantity", "vat", "duplicate")


def run_invoicing_demo(ws: Workspace, today: date) -> JobResult:
    """Invoice the demo's deliveries (with planted deviations), read them and reconcile."""
    from ..jobs.invoices.run import reconcile_invoices
    from ..jobs.read_inbox import read_inbox

    sim, planted, plain = SimulatedInvoicer(ws, today), [], []
    todo = list(PLANTS)
    credit_for = None
    with ws.store.connect() as conn:
        for k, (order, lines, slips) in enumerate(delivered_orders(ws)):
            on = order.order_date or today
            rows = price_rows(conn, order.supplier_gln, on)
            ehf = order.pickup or k % 3 == 2
            if order.pickup:
                parts = [
                    ([], {ln.line_no: ln.confirmed_qty or ln.ordered_qty for ln in lines if not ln.rejected})
                ]
            elif not slips:
                continue
            elif len(slips) > 1:
                parts = [([slip], got) for slip, got in sorted(slips.items())]
            else:
                parts = [(sorted(slips), received_by_line(slips))]
            backordered = [ln for ln in lines if ln.backorder_qty]
            for j, (refs, got) in enumerate(parts):
                number = f"F{order.number}" + (f"-{j + 1}" if len(parts) > 1 else "")
                inv_lines = invoice_lines(order, lines, got, rows, on)
                if not inv_lines:
                    continue
                plant = (
                    todo.pop(0) if todo and len(parts) == 1 and not backordered and not order.pickup else None
                )
                first = inv_lines[0]
                if plant == "price":
                    inv_lines[0] = above_agreement(first)
                elif plant == "quantity":
                    inv_lines[0] = replace(first, quantity=first.quantity + 3)
                elif plant == "vat":
                    inv_lines[0] = replace(first, vat_rate=D(15) if first.vat_rate != 15 else D(25))
                inv = sim.invoice(number, order, inv_lines, refs)
                sim.drop(inv, ehf)
                if plant == "duplicate":
                    sim.drop(inv, not ehf)
                    planted.append(
                        {
                            "number": number,
                            "supplier_gln": inv.supplier.gln,
                            "plant": plant,
                            "format": "ehf" if ehf else "edifact",
                            "status": "approved",
                            "checks": [],
                        }
                    )
                    planted.append(
                        {
                            "number": number,
                            "supplier_gln": inv.supplier.gln,
                            "plant": plant,
                            "format": "edifact" if ehf else "ehf",
                            "status": "rejected",
                            "checks": ["a"],
                        }
                    )
                elif plant:
                    check = {"price": "l", "quantity": "m", "vat": "o"}[plant]
                    planted.append(
                        {
                            "number": number,
                            "supplier_gln": inv.supplier.gln,
                            "plant": plant,
                            "status": "deviation",
                            "checks": [check],
                        }
                    )
                else:
                    plain.append(inv)
                    credit_for = credit_for or (inv if not order.pickup and not refs[1:] else None)
            for ln in backordered[:1]:
                wait = sim.invoice(
                    f"F{order.number}-R",
                    order,
                    [invoice_line(1, order.number, ln, ln.backorder_qty, rows, on)],
                    [f"PS{order.number}-9"],
                )
                sim.drop(wait, False)
                planted.append(
                    {
                        "number": wait.number,
                        "supplier_gln": wait.supplier.gln,
                        "plant": "not_received",
                        "status": "waiting",
                        "checks": ["j", "m"],
                    }
                )
    if credit_for is not None:
        ln = credit_for.lines[0]
        credit = complete(
            replace(
                credit_for,
                kind=InvoiceKind.CREDIT_NOTE,
                number=f"K{credit_for.number[1:]}",
                credited_invoice=credit_for.number,
                due_date=None,
                lines=(replace(ln, quantity=D(1)),),
                note="Kreditert 1 stk (skadet)",
            )
        )
        sim.drop(credit, False)
        planted.append(
            {
                "number": credit.number,
                "supplier_gln": credit.supplier.gln,
                "plant": "credit_note",
                "status": "approved",
                "checks": [],
            }
        )
    read = read_inbox(ws, on=today, now=datetime.combine(today, time(15, 0)))
    result = reconcile_invoices(ws, on=today, now=datetime.combine(today, time(15, 5)))
    result.counts.update({"invoice_files": sim.count, "read_rejected": read.counts.get("rejected", 0)})
    result.extend(i for i in read.issues if i.is_error)
    result.extra["planted"] = planted
    result.summary = (
        f"Fakturaer: {sim.count} fakturafiler fra leverandørene; "
        + result.summary
        + f" Se Fakturakontroll i {ws.purchasing_workbook.name} og avviksbrev i letters/."
    )
    return result
