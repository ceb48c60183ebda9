"""Order-line state, line and order status, and overdue order responses (pure rules).

``LineState`` (a ``domain.order_lines`` type) is what the store remembers about one
purchase-order line: ordered, confirmed, backordered, delivered, received and invoiced
quantities with their dates. The confirmation
and receiving rules turn one state into the next; the functions here derive the status the
workbook shows (sent, confirmed, changed, partly delivered, delivered, invoiced, closed — plus
rejected for lines the supplier did not accept) and list orders whose response is overdue.
``Deviation`` is a finding the buyer should see in the deviations table. The store keeps the
statuses these rules derive; the jobs that write order lines pass ``line_status`` to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal

# The types and status words live in the domain (the store keeps them); re-exported here.
from ..domain.order_lines import (
    CHANGED,
    CLOSED,
    CONFIRMED,
    DELIVERED,
    INVOICED,
    PARTLY_DELIVERED,
    REJECTED,
    SENT,
    ZERO,
    Deviation,
    LineState,
)

__all__ = [
    "ZERO",
    "SENT",
    "CONFIRMED",
    "CHANGED",
    "PARTLY_DELIVERED",
    "DELIVERED",
    "INVOICED",
    "CLOSED",
    "REJECTED",
    "STATUS_LABELS",
    "LineState",
    "Deviation",
    "expected_qty",
    "received_qty",
    "line_status",
    "order_status",
    "response_due",
    "is_overdue",
    "overdue_hours",
]

# The stored value stays "sent" (the JSON of ``orders list`` and the store's column are a
# documented contract), but people read "klar til sending": vareflyt only writes the file to
# outbox/, nothing has confirmed that it reached the supplier. "sendt" is for a transport that
# confirms delivery (none yet).
STATUS_LABELS = {
    SENT: "klar til sending",
    CONFIRMED: "bekreftet",
    CHANGED: "endret",
    PARTLY_DELIVERED: "delvis levert",
    DELIVERED: "levert",
    INVOICED: "fakturert",
    CLOSED: "avsluttet",
    REJECTED: "avvist",
    "replaced": "erstattet",  # closed by a change order (rules.order_change)
}


def expected_qty(line: LineState) -> Decimal:
    """What the supplier is expected to deliver in total for the line."""
    if line.rejected:
        return ZERO
    if line.confirmed_qty is None:
        return line.ordered_qty
    return line.confirmed_qty + (line.backorder_qty or ZERO)


def received_qty(line: LineState) -> Decimal:
    """The received quantity invoice control uses: the manual receipt, else what was delivered."""
    return line.delivered_qty if line.received_qty is None else line.received_qty


def line_status(line: LineState) -> str:
    if line.rejected:
        return REJECTED
    if line.closed and received_qty(line) <= ZERO:
        return CLOSED
    expected = expected_qty(line)
    got = received_qty(line)
    if expected > ZERO and line.invoiced_qty >= expected:
        return INVOICED
    if got >= expected and got > ZERO:
        return DELIVERED
    if line.closed:
        return CLOSED
    if got > ZERO:
        return PARTLY_DELIVERED
    if line.responded:
        return CHANGED if line.changed else CONFIRMED
    return SENT


def order_status(lines: Sequence[LineState], closed: bool = False) -> str:
    """The order's status from its lines (rejected lines do not hold an order open)."""
    live = [ln for ln in lines if not ln.rejected]
    statuses = [line_status(ln) for ln in live]
    if not live:
        return REJECTED if any(ln.responded for ln in lines) else SENT
    if all(s == INVOICED for s in statuses):
        return INVOICED
    if all(s in (DELIVERED, INVOICED) for s in statuses):
        return DELIVERED
    if closed:
        return CLOSED
    if any(s in (PARTLY_DELIVERED, DELIVERED, INVOICED) for s in statuses):
        return PARTLY_DELIVERED
    if any(ln.changed or ln.rejected or ln.added for ln in lines):
        return CHANGED
    if all(ln.responded for ln in live):
        return CONFIRMED
    return SENT


def response_due(sent_at: datetime, response_hours: int) -> datetime:
    return sent_at + timedelta(hours=response_hours)


def is_overdue(sent_at: datetime | None, responded: bool, response_hours: int, now: datetime) -> bool:
    """True when an order was sent, has no response, and the agreed hours have passed."""
    if sent_at is None or responded:
        return False
    return now > response_due(sent_at, response_hours)


def overdue_hours(sent_at: datetime, response_hours: int, now: datetime) -> int:
    """Whole hours past the agreed response time (0 when not yet due)."""
    late = now - response_due(sent_at, response_hours)
    return max(0, int(late.total_seconds() // 3600))
