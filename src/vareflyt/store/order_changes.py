"""Repository for changing a sent purchase order (``vareflyt orders change``): find our own
order by its number with what its header said, which later order replaced it, and — in the
transaction that stores the new order — close the old one as ``replaced`` and move its
order-entry keys to the new order (so entry lines ordered on the old one are not ordered again).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa

from ..domain.order_lines import CHANGEABLE, REPLACED
from .tables.purchasing import order_entry_keys
from .tables.purchasing import purchase_orders as po


@dataclass(frozen=True)
class OrderHead:
    """The header of one of our own orders, as stored."""

    id: int
    number: str
    supplier_gln: str
    status: str
    closed: bool
    order_date: date | None
    delivery_gln: str | None
    requested_delivery: datetime | None
    pickup: bool
    project: str | None
    end_customer: str | None


def own_orders(conn: sa.Connection, number: str) -> list[OrderHead]:
    """Our own orders with this number (one, unless the number prefix was changed back and forth)."""
    rows = conn.execute(sa.select(po).where(po.c.number == number, po.c.source == "own").order_by(po.c.id))
    return [
        OrderHead(
            r.id,
            r.number,
            r.supplier_gln,
            r.status,
            bool(r.closed),
            r.order_date,
            r.delivery_gln,
            r.requested_delivery,
            bool(r.pickup),
            r.project,
            r.end_customer,
        )
        for r in rows
    ]


def replaced_by(conn: sa.Connection, supplier_gln: str, number: str) -> str | None:
    """The number of our order that replaced order ``number`` of that supplier, if any."""
    return conn.execute(
        sa.select(po.c.number)
        .where(po.c.supplier_gln == supplier_gln, po.c.source == "own", po.c.replaces == number)
        .order_by(po.c.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def close_replaced(conn: sa.Connection, old_id: int, new_id: int) -> bool:
    """Close the old order as replaced and give its entry keys to the new one; False (and
    nothing changed) when the old order is no longer open for a change."""
    closed = conn.execute(
        po.update()
        .where(po.c.id == old_id, po.c.closed == sa.false(), po.c.status.in_(CHANGEABLE))
        .values(status=REPLACED, closed=True)
    )
    if closed.rowcount != 1:
        return False
    conn.execute(
        order_entry_keys.update().where(order_entry_keys.c.order_id == old_id).values(order_id=new_id)
    )
    return True
