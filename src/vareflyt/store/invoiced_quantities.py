"""Invoiced quantities on order lines, from the approved supplier invoices.

Invoice control decides which invoices are approved (automatically or by a person); their
quantities are carried over to the order lines (invoice lines count, credit-note
lines count negative), so the orders tables show invoiced quantities and an order whose goods
are all invoiced reaches status *invoiced*. This module reads the totals and finds the orders
that differ; ``jobs.order_lines.sync_invoiced`` writes them with their statuses.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal
from typing import NamedTuple

import sqlalchemy as sa

from .tables.invoices import supplier_invoice_lines as sil
from .tables.invoices import supplier_invoices as si
from .tables.purchasing import purchase_order_lines as pol
from .tables.purchasing import purchase_orders as po

ZERO = Decimal(0)


def approved_totals(conn: sa.Connection) -> dict[tuple[str, str, int], Decimal]:
    """(supplier GLN, order number, order line) -> quantity invoiced by approved documents."""
    rows = conn.execute(
        sa.select(
            si.c.supplier_gln, si.c.kind, si.c.order_refs, sil.c.order_no, sil.c.order_line, sil.c.quantity
        )
        .join(si, si.c.id == sil.c.invoice_id)
        .where(
            sa.or_(si.c.status == "approved", si.c.decision == "approved"),
            si.c.decision.is_distinct_from("rejected"),
        )
    )
    totals: dict[tuple[str, str, int], Decimal] = defaultdict(lambda: ZERO)
    for r in rows:
        refs = (r.order_refs or "").split()
        order = r.order_no or (refs[0] if len(refs) == 1 else None)
        line = (r.order_line or "").strip()
        if not order or not line.isdigit():
            continue  # a line that names no order line cannot be carried over
        sign = -1 if r.kind == "credit_note" else 1
        totals[(r.supplier_gln, order, int(line))] += sign * r.quantity
    return dict(totals)


class InvoicedOrder(NamedTuple):
    """An order whose stored invoiced quantities differ from the approved invoices."""

    id: int
    supplier_gln: str
    number: str
    closed: bool


def orders_differing(
    conn: sa.Connection, totals: Mapping[tuple[str, str, int], Decimal]
) -> list[InvoicedOrder]:
    """The orders with a line whose invoiced quantity is not its total in ``totals`` (from
    ``approved_totals``); one query over all order lines finds them."""
    current = conn.execute(
        sa.select(po.c.id, po.c.supplier_gln, po.c.number, pol.c.line_no, pol.c.invoiced_qty).join(
            pol, pol.c.order_id == po.c.id
        )
    )
    differing: set[int] = set()
    for r in current:
        if (r.invoiced_qty or ZERO) != totals.get((r.supplier_gln, r.number, r.line_no), ZERO):
            differing.add(r.id)
    if not differing:
        return []
    query = sa.select(po.c.id, po.c.supplier_gln, po.c.number, po.c.closed).where(
        po.c.id.in_(sorted(differing))
    )
    return [InvoicedOrder(r.id, r.supplier_gln, r.number, bool(r.closed)) for r in conn.execute(query)]
