"""Order-line state, line and order status, and overdue order responses (pure rules).

``LineState`` is what the store remembers about one purchase-order line: ordered, confirmed,
backordered, delivered, received and invoiced quantities with their dates. The confirmation
and receiving rules turn one state into the next; the functions here derive the status the
workbook shows (sent, confirmed, changed, partly delivered, delivered, invoiced, closed — plus
rejected for lines the supplier did not accept) and list orders whose response is overdue.
``Deviation`` is a finding the buyer should see in the deviations table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

ZERO = Decimal("0")

SENT, CONFIRMED, CHANGED = "sent", "confirmed", "changed"
PARTLY_DELIVERED, DELIVERED, INVOICED, CLOSED, REJECTED = (
    "partly_delivered", "delivered", "invoiced", "closed", "rejected")

# The stored value stays "sent" (the JSON of ``orders list`` and the store's column are a
# documented contract), but people read "klar til sending": vareflyt only writes the file to
# outbox/, nothing has confirmed that it reached the supplier. "sendt" is for a transport that
# confirms delivery (none yet).
STATUS_LABELS = {
    SENT: "klar til sending", CONFIRMED: "bekreftet", CHANGED: "endret", PARTLY_DELIVERED: "delvis levert",
    DELIVERED: "levert", INVOICED: "fakturert", CLOSED: "avsluttet", REJECTED: "avvist",
    "replaced": "erstattet",      # closed by a change order (rules.order_change)
}


@dataclass(frozen=True)
class LineState:
    """One order line as the store holds it. Quantities are in the order unit."""

    line_no: int
    ordered_qty: Decimal
    article_no: str | None = None
    gtin: str | None = None
    nobb: str | None = None
    name: str | None = None
    unit: str | None = None
    net_price: Decimal | None = None
    requested_date: date | None = None
    responded: bool = False               # an order response covered this line
    changed: bool = False                 # the response changed quantity or date
    rejected: bool = False                # not accepted / deleted by the supplier
    added: bool = False                   # added by the supplier (freight, fees)
    confirmed_qty: Decimal | None = None  # to be delivered now (QTY+113)
    confirmed_date: date | None = None
    backorder_qty: Decimal | None = None  # restnotert (QTY+83)
    backorder_date: date | None = None
    delivered_qty: Decimal = ZERO         # sum of despatched quantities (DESADV)
    received_qty: Decimal | None = None   # manual receipt; None = as delivered
    invoiced_qty: Decimal = ZERO
    closed: bool = False                  # final delivery or closed by hand
    reason: str | None = None             # supplier's reason text


@dataclass(frozen=True)
class Deviation:
    """A finding from an order response or a packing slip, for the deviations table."""

    code: str
    message: str
    severity: str = "warning"             # warning | info | error
    line_no: int | None = None
    article_no: str | None = None
    decide: bool = True                   # the buyer must decide (accept/cancel/re-order)


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


def order_status(lines: list[LineState] | tuple[LineState, ...], closed: bool = False) -> str:
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
