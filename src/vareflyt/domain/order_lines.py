"""A purchase-order line as the store remembers it, the deviations found on orders, and the
status words orders and lines are stored with.

``LineState`` holds one line's ordered, confirmed, backordered, delivered, received and
invoiced quantities with their dates; ``Deviation`` is a finding the buyer should see in the
deviations table; ``Receipt`` is one packing-slip line as received. Which status a line or
order has is decided by the pure rules in ``rules.order_status`` (which re-exports these
types); the store only keeps what it is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

ZERO = Decimal("0")

SENT, CONFIRMED, CHANGED = "sent", "confirmed", "changed"
PARTLY_DELIVERED, DELIVERED, INVOICED, CLOSED, REJECTED = (
    "partly_delivered",
    "delivered",
    "invoiced",
    "closed",
    "rejected",
)
REPLACED = "replaced"  # closed by a change order (rules.order_change)
CHANGEABLE = (SENT, CONFIRMED, CHANGED)  # an order in one of these may still be changed or replaced


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
    responded: bool = False  # an order response covered this line
    changed: bool = False  # the response changed quantity or date
    rejected: bool = False  # not accepted / deleted by the supplier
    added: bool = False  # added by the supplier (freight, fees)
    confirmed_qty: Decimal | None = None  # to be delivered now (QTY+113)
    confirmed_date: date | None = None
    backorder_qty: Decimal | None = None  # restnotert (QTY+83)
    backorder_date: date | None = None
    delivered_qty: Decimal = ZERO  # sum of despatched quantities (DESADV)
    received_qty: Decimal | None = None  # manual receipt; None = as delivered
    invoiced_qty: Decimal = ZERO
    closed: bool = False  # final delivery or closed by hand
    reason: str | None = None  # supplier's reason text


@dataclass(frozen=True)
class Deviation:
    """A finding from an order response or a packing slip, for the deviations table."""

    code: str
    message: str
    severity: str = "warning"  # warning | info | error
    line_no: int | None = None
    article_no: str | None = None
    decide: bool = True  # the buyer must decide (accept/cancel/re-order)


@dataclass(frozen=True)
class Receipt:
    """One packing-slip line as received: which order line it delivers (None when unknown)."""

    despatch_line: int
    quantity: Decimal
    order_no: str | None
    order_line: int | None
    article_no: str | None = None
    gtin: str | None = None
    name: str | None = None
    unit: str | None = None
    sscc: str | None = None
