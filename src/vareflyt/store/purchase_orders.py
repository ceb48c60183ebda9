"""Repository for purchase orders and their lines (``LineState``), the order-entry keys that
keep ``orders make`` idempotent, and what is still to come on open orders. Callers pass the
connection of their transaction.

The store keeps the statuses it is given and derives none: the functions that write order
lines take ``status_of`` (the rule ``rules.order_status.line_status``), and an order's status
comes from the job (``jobs.order_lines``) through ``update_order``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from datetime import datetime
from decimal import Decimal
from typing import Any, NamedTuple

import sqlalchemy as sa

from ..domain.order_lines import ZERO, LineState
from .tables.purchasing import order_entry_keys
from .tables.purchasing import purchase_order_lines as pol
from .tables.purchasing import purchase_orders as po
from .types import inserted_id

STATE_FIELDS = [f.name for f in fields(LineState)]  # the line columns a LineState holds
OPEN_STATUSES = ("sent", "confirmed", "changed", "partly_delivered")

StatusOf = Callable[[LineState], str]  # a line's status, by the rule the job passes


@dataclass(frozen=True)
class OrderRow:
    id: int
    supplier_gln: str
    number: str
    source: str
    status: str
    delivery_gln: str | None
    requested_delivery: datetime | None
    closed: bool
    response_no: str | None


class EntryKey(NamedTuple):
    """An order-entry key and the order line it was ordered on."""

    key: str
    order_id: int
    line_no: int


def _order_row(row: sa.Row[Any]) -> OrderRow:
    return OrderRow(
        row.id,
        row.supplier_gln,
        row.number,
        row.source,
        row.status,
        row.delivery_gln,
        row.requested_delivery,
        bool(row.closed),
        row.response_no,
    )


def insert_order(
    conn: sa.Connection, lines: Iterable[LineState], *, status_of: StatusOf, **values: Any
) -> int:
    """Insert an order (columns of ``purchase_orders``) with its lines; returns the order id."""
    order_id = inserted_id(conn.execute(po.insert().values(**values)))
    rows = [_line_values(order_id, ln, status_of) for ln in lines]
    if rows:
        conn.execute(pol.insert(), rows)
    return order_id


def _line_values(order_id: int, ln: LineState, status_of: StatusOf) -> dict[str, Any]:
    values = {f: getattr(ln, f) for f in STATE_FIELDS}
    values.update(order_id=order_id, status=status_of(ln))
    return values


def get_order(conn: sa.Connection, order_id: int) -> OrderRow:
    return _order_row(conn.execute(sa.select(po).where(po.c.id == order_id)).one())


def own_order_supplier(conn: sa.Connection, number: str) -> str | None:
    """The supplier one of our own orders with this number went to, if any."""
    return conn.execute(
        sa.select(po.c.supplier_gln).where(po.c.number == number, po.c.source == "own").limit(1)
    ).scalar_one_or_none()


def known_supplier(conn: sa.Connection, gln: str) -> bool:
    """A supplier we have ordered from, or a stored party with this GLN."""
    if conn.execute(sa.select(po.c.id).where(po.c.supplier_gln == gln).limit(1)).first():
        return True
    from .parties import party_by_gln

    party = party_by_gln(conn, gln)
    return bool(party and party.active)


def find_order(
    conn: sa.Connection, supplier_gln: str, number: str, source: str | None = None
) -> OrderRow | None:
    """Our own order with that number from that supplier, else an unsolicited one."""
    query = sa.select(po).where(po.c.supplier_gln == supplier_gln, po.c.number == number)
    if source:
        query = query.where(po.c.source == source)
    rows = {r.source: r for r in conn.execute(query)}
    row = rows.get("own") or rows.get("unsolicited")
    return _order_row(row) if row else None


def load_lines(conn: sa.Connection, order_id: int) -> list[LineState]:
    rows = conn.execute(
        sa.select(*[pol.c[f] for f in STATE_FIELDS]).where(pol.c.order_id == order_id).order_by(pol.c.line_no)
    )
    return [LineState(**r._mapping) for r in rows]


_UPDATE_LINE = (
    pol.update()
    .where(pol.c.order_id == sa.bindparam("b_order_id"), pol.c.line_no == sa.bindparam("b_line_no"))
    .values({c: sa.bindparam(c) for c in [*STATE_FIELDS, "status"] if c != "line_no"})
)


def save_lines(
    conn: sa.Connection,
    order_id: int,
    lines: Iterable[LineState],
    before: Iterable[LineState] | None = None,
    *,
    status_of: StatusOf,
) -> None:
    """Write the new states with their statuses (insert lines the order did not have, e.g.
    supplier-added ones); with ``before`` (the states as loaded) only lines that changed are
    written."""
    if before is None:
        old: dict[int, LineState | None] = dict.fromkeys(
            conn.execute(sa.select(pol.c.line_no).where(pol.c.order_id == order_id)).scalars()
        )
    else:
        old = {ln.line_no: ln for ln in before}
    updates, inserts = [], []
    for ln in lines:
        if ln.line_no in old and old[ln.line_no] == ln:
            continue
        values = _line_values(order_id, ln, status_of)
        if ln.line_no in old:
            del values["order_id"]
            values.update(b_order_id=order_id, b_line_no=values.pop("line_no"))
            updates.append(values)
        else:
            inserts.append(values)
    if updates:
        conn.execute(_UPDATE_LINE, updates)
    if inserts:
        conn.execute(pol.insert(), inserts)


def update_order(conn: sa.Connection, order_id: int, **values: Any) -> None:
    """Update an order's columns; a status derived later (a response or packing slip that still
    comes for an order a change order replaced) leaves ``replaced`` as it is."""
    if "status" in values:
        values["status"] = sa.case(
            (po.c.status == "replaced", po.c.status), else_=sa.literal(values["status"])
        )
    conn.execute(po.update().where(po.c.id == order_id).values(**values))


def used_entry_keys(conn: sa.Connection, keys: list[str]) -> dict[str, str]:
    """Keys already ordered on an order that is still open (not delivered, invoiced or closed),
    with that order's number."""
    found: dict[str, str] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        found.update(
            conn.execute(
                sa.select(order_entry_keys.c.key, po.c.number)
                .join(po, po.c.id == order_entry_keys.c.order_id)
                .where(
                    order_entry_keys.c.key.in_(chunk),
                    po.c.status.in_(OPEN_STATUSES),
                    po.c.closed == sa.false(),
                )
            ).all()
        )
    return found


def add_entry_keys(conn: sa.Connection, keys: list[EntryKey]) -> None:
    """Record the keys an order was made from; a key reused after its order closed is moved."""
    if not keys:
        return
    conn.execute(order_entry_keys.delete().where(order_entry_keys.c.key.in_([k.key for k in keys])))
    conn.execute(order_entry_keys.insert(), [k._asdict() for k in keys])


def order_files(conn: sa.Connection) -> list[str]:
    """The outbox files of every order the store has (relative to the workspace)."""
    return [f for f in conn.execute(sa.select(po.c.file).where(po.c.file.is_not(None))).scalars()]


def open_quantities(conn: sa.Connection) -> dict[tuple[str, str], Decimal]:
    """(supplier GLN, article no) -> quantity still to come on open orders."""
    out: dict[tuple[str, str], Decimal] = {}
    rows = conn.execute(
        sa.select(
            po.c.supplier_gln,
            pol.c.article_no,
            pol.c.ordered_qty,
            pol.c.confirmed_qty,
            pol.c.backorder_qty,
            pol.c.delivered_qty,
            pol.c.rejected,
        )
        .join(po, po.c.id == pol.c.order_id)
        .where(po.c.closed == sa.false(), pol.c.closed == sa.false(), po.c.status.in_(OPEN_STATUSES))
    )
    for r in rows:
        if r.rejected or not r.article_no:
            continue
        expected = r.ordered_qty if r.confirmed_qty is None else r.confirmed_qty + (r.backorder_qty or ZERO)
        rest = expected - (r.delivered_qty or ZERO)
        if rest > 0:
            key = (r.supplier_gln, r.article_no)
            out[key] = out.get(key, ZERO) + rest
    return out


def received_quantities(conn: sa.Connection, supplier_gln: str, order_no: str) -> dict[int, Decimal]:
    """Line number -> received quantity (manual receipt, else delivered) for invoice control."""
    order = find_order(conn, supplier_gln, order_no)
    if order is None:
        return {}
    return {
        ln.line_no: ln.delivered_qty if ln.received_qty is None else ln.received_qty
        for ln in load_lines(conn, order.id)
    }
