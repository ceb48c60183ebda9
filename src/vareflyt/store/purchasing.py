"""Repository for purchasing: orders and lines as ``LineState``, responses, packing slips,
receipts, deviations and order-entry keys. Callers pass the connection of their transaction.

The store keeps the statuses it is given and derives none: the functions that write order
lines take ``status_of`` (the rule ``rules.order_status.line_status``), and an order's status
comes from the job (``jobs.order_lines``) through ``update_order``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple

import sqlalchemy as sa

from ..domain.despatch import DespatchAdvice
from ..domain.order_lines import ZERO, Deviation, LineState, Receipt
from ..domain.orders import LineAction, OrderResponse
from .tables.purchasing import (
    despatch_advices,
    despatch_packages,
    order_entry_keys,
    order_responses,
    purchase_deviations,
    receipts,
)
from .tables.purchasing import (
    purchase_order_lines as pol,
)
from .tables.purchasing import (
    purchase_orders as po,
)
from .types import inserted_id

_STATE_FIELDS = [f.name for f in fields(LineState)]
_OPEN = ("sent", "confirmed", "changed", "partly_delivered")

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


class ManualReceipt(NamedTuple):
    """A receipt the user changed: the order whose line it delivers (None when unknown)."""

    order_id: int | None
    order_line: int | None


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
    values = {f: getattr(ln, f) for f in _STATE_FIELDS}
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


def create_unsolicited(
    conn: sa.Connection,
    supplier_gln: str,
    number: str,
    on: date,
    lines: list[LineState],
    *,
    status_of: StatusOf,
) -> OrderRow:
    """An order the shop never sent (telephone/pickup order), under the supplier's number."""
    order_id = insert_order(
        conn,
        lines,
        status_of=status_of,
        supplier_gln=supplier_gln,
        number=number,
        source="unsolicited",
        order_date=on,
        status="sent",
    )
    return get_order(conn, order_id)


def lines_from_response(doc: OrderResponse) -> list[LineState]:
    """Order lines for an unsolicited order response: what the supplier says was ordered."""
    return [
        LineState(
            line_no=rl.line_no,
            ordered_qty=rl.ordered_qty or rl.confirmed_qty or ZERO,
            article_no=rl.seller_article_no,
            gtin=rl.gtin,
            nobb=rl.nobb,
            name=rl.name,
            unit=rl.unit,
            net_price=rl.net_price,
        )
        for rl in doc.lines
        if rl.action is not LineAction.ADDED
    ]


def lines_from_despatch(doc: DespatchAdvice, order_no: str) -> list[LineState]:
    """Order lines for an unsolicited packing slip: what was despatched for that order."""
    mine = [ln for ln in doc.lines if (ln.order_no or doc.order_no) == order_no]
    out = []
    for n, ln in enumerate(mine, start=1):
        no = int(ln.order_line) if ln.order_line and ln.order_line.isdigit() else n
        out.append(
            LineState(
                line_no=no,
                ordered_qty=ln.quantity,
                article_no=ln.seller_article_no,
                gtin=ln.gtin,
                nobb=ln.nobb,
                name=ln.name,
                unit=ln.unit,
            )
        )
    return out


def record_despatch(
    conn: sa.Connection,
    doc: DespatchAdvice,
    supplier_gln: str,
    receipt_list: Iterable[Receipt],
    order_ids: dict[str, int],
    now: datetime,
    file_hash: str,
) -> int:
    packages = [{"sscc": p.sscc, "package_type": p.package_type, "count": p.count} for p in doc.packages]
    rows = [
        {
            "despatch_line": r.despatch_line,
            "order_id": order_ids.get(r.order_no or "") if r.order_line else None,
            "order_no": r.order_no,
            "order_line": r.order_line,
            "article_no": r.article_no,
            "gtin": r.gtin,
            "name": r.name,
            "unit": r.unit,
            "sscc": r.sscc,
            "despatched_qty": r.quantity,
        }
        for r in receipt_list
    ]
    when = {
        k: (v if isinstance(v, datetime) or v is None else datetime.combine(v, datetime.min.time()))
        for k, v in (("despatch_date", doc.despatch_date), ("delivery_date", doc.delivery_date))
    }
    return add_despatch(
        conn,
        packages,
        rows,
        supplier_gln=supplier_gln,
        number=doc.number,
        issue_date=doc.issue_date,
        final=doc.final_delivery,
        received_at=now,
        file_hash=file_hash,
        **when,
    )


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
        sa.select(*[pol.c[f] for f in _STATE_FIELDS])
        .where(pol.c.order_id == order_id)
        .order_by(pol.c.line_no)
    )
    return [LineState(**r._mapping) for r in rows]


_UPDATE_LINE = (
    pol.update()
    .where(pol.c.order_id == sa.bindparam("b_order_id"), pol.c.line_no == sa.bindparam("b_line_no"))
    .values({c: sa.bindparam(c) for c in [*_STATE_FIELDS, "status"] if c != "line_no"})
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
                .where(order_entry_keys.c.key.in_(chunk), po.c.status.in_(_OPEN), po.c.closed == sa.false())
            ).all()
        )
    return found


def order_files(conn: sa.Connection) -> list[str]:
    """The outbox files of every order the store has (relative to the workspace)."""
    return [f for f in conn.execute(sa.select(po.c.file).where(po.c.file.is_not(None))).scalars()]


def add_entry_keys(conn: sa.Connection, rows: list[dict[str, Any]]) -> None:
    """Rows of key, order_id, line_no; a key reused after its order closed is moved."""
    if not rows:
        return
    conn.execute(order_entry_keys.delete().where(order_entry_keys.c.key.in_([r["key"] for r in rows])))
    conn.execute(order_entry_keys.insert(), rows)


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
        .where(po.c.closed == sa.false(), pol.c.closed == sa.false(), po.c.status.in_(_OPEN))
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


def add_response(conn: sa.Connection, **values: Any) -> int:
    return inserted_id(conn.execute(order_responses.insert().values(**values)))


def despatch_hash(conn: sa.Connection, supplier_gln: str, number: str) -> str | None | bool:
    """The file hash of an earlier packing slip with this number (False when unused)."""
    row = conn.execute(
        sa.select(despatch_advices.c.file_hash).where(
            despatch_advices.c.supplier_gln == supplier_gln, despatch_advices.c.number == number
        )
    ).first()
    return False if row is None else row.file_hash


def add_despatch(
    conn: sa.Connection, packages: list[dict[str, Any]], receipt_rows: list[dict[str, Any]], **values: Any
) -> int:
    despatch_id = inserted_id(conn.execute(despatch_advices.insert().values(**values)))
    if packages:
        conn.execute(despatch_packages.insert(), [{**p, "despatch_id": despatch_id} for p in packages])
    if receipt_rows:
        conn.execute(receipts.insert(), [{**r, "despatch_id": despatch_id} for r in receipt_rows])
    return despatch_id


def add_deviations(conn: sa.Connection, devs: Iterable[tuple[Deviation, dict[str, Any]]], on: date) -> int:
    """Store deviations; one already recorded for the same order, code, line and text is skipped
    (a supplier re-sending the same response does not double the list)."""
    devs = list(devs)
    order_ids = {ctx.get("order_id") for _, ctx in devs} - {None}
    seen = (
        {
            (r.order_id, r.code, r.line_no, r.message)
            for r in conn.execute(
                sa.select(
                    purchase_deviations.c.order_id,
                    purchase_deviations.c.code,
                    purchase_deviations.c.line_no,
                    purchase_deviations.c.message,
                ).where(purchase_deviations.c.order_id.in_(order_ids))
            )
        }
        if order_ids
        else set()
    )
    devs = [(d, ctx) for d, ctx in devs if (ctx.get("order_id"), d.code, d.line_no, d.message) not in seen]
    rows = [
        {
            "date": on,
            "code": d.code,
            "severity": d.severity,
            "message": d.message,
            "line_no": d.line_no,
            "article_no": d.article_no,
            "decide": d.decide,
            "status": "open" if d.decide else "info",
            **ctx,
        }
        for d, ctx in devs
    ]
    if rows:
        conn.execute(purchase_deviations.insert(), rows)
    return len(rows)


def set_manual_receipt(
    conn: sa.Connection,
    despatch_no: str,
    order_no: str | None,
    line_no: int | None,
    quantity: Decimal | None,
    on: date | None,
) -> ManualReceipt | None:
    """Record a receipt the user confirmed or corrected in the workbook and the order line's
    received quantity; None when nothing changed. The caller restates the order's statuses."""
    query = (
        sa.select(
            receipts.c.id,
            receipts.c.received_qty,
            receipts.c.despatched_qty,
            receipts.c.order_id,
            receipts.c.order_line,
        )
        .join(despatch_advices, despatch_advices.c.id == receipts.c.despatch_id)
        .where(
            despatch_advices.c.number == despatch_no,
            receipts.c.order_no == order_no,
            receipts.c.order_line == line_no,
        )
    )
    row = conn.execute(query).first()
    if (
        row is None
        or row.received_qty == quantity
        or (row.received_qty is None and quantity == row.despatched_qty)
    ):
        return None
    conn.execute(
        receipts.update().where(receipts.c.id == row.id).values(received_qty=quantity, received_date=on)
    )
    if row.order_id is not None:
        rows = conn.execute(
            sa.select(receipts.c.despatched_qty, receipts.c.received_qty).where(
                receipts.c.order_id == row.order_id, receipts.c.order_line == row.order_line
            )
        ).all()
        got = sum((r.despatched_qty if r.received_qty is None else r.received_qty for r in rows), ZERO)
        conn.execute(
            pol.update()
            .where(pol.c.order_id == row.order_id, pol.c.line_no == row.order_line)
            .values(received_qty=got)
        )
    return ManualReceipt(row.order_id, row.order_line)


def received_quantities(conn: sa.Connection, supplier_gln: str, order_no: str) -> dict[int, Decimal]:
    """Line number -> received quantity (manual receipt, else delivered) for invoice control."""
    order = find_order(conn, supplier_gln, order_no)
    if order is None:
        return {}
    return {
        ln.line_no: ln.delivered_qty if ln.received_qty is None else ln.received_qty
        for ln in load_lines(conn, order.id)
    }
