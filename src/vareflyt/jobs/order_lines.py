"""Order lines written with the statuses the rules derive: the one place where purchasing's
jobs turn changed line states into stored line and order statuses.

The store keeps what it is given (``store.purchase_orders``); the statuses come from
``rules.order_status``. Three changes reach order lines outside the EDI handlers and go
through here: a receipt typed in the workbook (``set_manual_receipt``), invoiced quantities
from the approved supplier invoices (``sync_invoiced``, run before the purchasing tables are
written) and one invoiced quantity (``record_invoiced``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from ..domain.order_lines import ZERO, LineState
from ..rules.order_status import line_status, order_status
from ..store import invoiced_quantities, supplier_documents
from ..store import purchase_orders as repo


def save_order(
    conn: sa.Connection,
    order_id: int,
    order_closed: bool,
    lines: Sequence[LineState],
    before: Sequence[LineState] | None = None,
    **order_values: Any,
) -> None:
    """Write the lines (only changed ones when ``before`` is given) with their statuses, and the
    order's status from its lines, with any other order columns in ``order_values``."""
    repo.save_lines(conn, order_id, lines, before, status_of=line_status)
    repo.update_order(conn, order_id, status=order_status(lines, order_closed), **order_values)


def set_manual_receipt(
    conn: sa.Connection,
    despatch_no: str,
    order_no: str | None,
    line_no: int | None,
    quantity: Decimal | None,
    on: date | None,
) -> bool:
    """Record a receipt the user confirmed or corrected in the workbook and restate the order it
    delivers; True when it changed."""
    change = supplier_documents.set_manual_receipt(conn, despatch_no, order_no, line_no, quantity, on)
    if change is None:
        return False
    if change.order_id is not None:
        order = repo.get_order(conn, change.order_id)
        save_order(conn, order.id, order.closed, repo.load_lines(conn, order.id))
    return True


def record_invoiced(
    conn: sa.Connection, supplier_gln: str, order_no: str, line_no: int, quantity: Decimal
) -> bool:
    """Add an invoiced quantity to an order line (for invoice control); False if the line is unknown."""
    order = repo.find_order(conn, supplier_gln, order_no)
    if order is None:
        return False
    before = repo.load_lines(conn, order.id)
    lines = [
        replace(ln, invoiced_qty=ln.invoiced_qty + quantity) if ln.line_no == line_no else ln for ln in before
    ]
    if lines == before:
        return False
    save_order(conn, order.id, order.closed, lines, before)
    return True


def sync_invoiced(conn: sa.Connection) -> int:
    """Bring every order line's invoiced quantity in line with the approved invoices; returns
    how many orders changed. Only orders whose totals differ are loaded and written."""
    totals = invoiced_quantities.approved_totals(conn)
    differing = invoiced_quantities.orders_differing(conn, totals)
    for order in differing:
        before = repo.load_lines(conn, order.id)
        after = [
            replace(ln, invoiced_qty=totals.get((order.supplier_gln, order.number, ln.line_no), ZERO))
            for ln in before
        ]
        save_order(conn, order.id, order.closed, after, before)
    return len(differing)
