"""Repository for what suppliers send back about an order: order responses, packing slips
with their packages and receipt lines, the receipts a person confirms or corrects in the
workbook, and the deviations those documents raise for the buyer (the Avvik sheet). Callers
pass the connection of their transaction.

A packing slip is stored as a ``DespatchHeader`` with ``DespatchPackage`` and ``ReceiptLine``
rows; ``earlier_despatch`` tells whether a supplier has used a packing-slip number before.
``add_deviations`` stores each ``Deviation`` with where it was found (``DeviationSource``); one
already recorded for the same order, code, line and text is skipped, so a supplier re-sending
the same response does not double the list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple

import sqlalchemy as sa

from ..domain.despatch import DespatchAdvice
from ..domain.order_lines import ZERO, Deviation, Receipt
from .tables.purchasing import despatch_advices, despatch_packages, order_responses, receipts
from .tables.purchasing import purchase_deviations as pd
from .tables.purchasing import purchase_order_lines as pol
from .types import inserted_id


class DespatchHeader(NamedTuple):
    """One packing slip (``despatch_advices``) as received."""

    supplier_gln: str
    number: str
    issue_date: date | None
    despatch_date: datetime | None
    delivery_date: datetime | None
    final: bool
    received_at: datetime
    file_hash: str | None


@dataclass(frozen=True)
class DespatchPackage:
    """A package on a packing slip (a dataclass: a NamedTuple cannot have a field ``count``)."""

    sscc: str | None
    package_type: str | None
    count: int


class ReceiptLine(NamedTuple):
    """A packing-slip line and the order line it delivers (``order_id`` None when unknown)."""

    despatch_line: int
    order_id: int | None
    order_no: str | None
    order_line: int | None
    article_no: str | None
    gtin: str | None
    name: str | None
    unit: str | None
    sscc: str | None
    despatched_qty: Decimal


class EarlierDespatch(NamedTuple):
    """A packing slip stored before under the same supplier and number."""

    file_hash: str | None  # None when it was stored without one


class ManualReceipt(NamedTuple):
    """A receipt the user changed: the order whose line it delivers (None when unknown)."""

    order_id: int | None
    order_line: int | None


class DeviationSource(NamedTuple):
    """Where a deviation was found: the supplier's document and the order it is about."""

    supplier_gln: str
    kind: str  # ordresvar | pakkseddel
    document: str
    order_id: int | None  # None: an order vareflyt does not know
    order_no: str | None


def _recorded(conn: sa.Connection, order_ids: set[int]) -> set[tuple[int | None, str, int | None, str]]:
    """(order id, code, line, message) of the deviations stored for these orders."""
    if not order_ids:
        return set()
    query = sa.select(pd.c.order_id, pd.c.code, pd.c.line_no, pd.c.message).where(
        pd.c.order_id.in_(order_ids)
    )
    return {(r.order_id, r.code, r.line_no, r.message) for r in conn.execute(query)}


def add_deviations(conn: sa.Connection, devs: Iterable[tuple[Deviation, DeviationSource]], on: date) -> int:
    """Store deviations found on ``on``, skipping those already recorded; returns how many
    were stored."""
    devs = list(devs)
    seen = _recorded(conn, {src.order_id for _, src in devs if src.order_id is not None})
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
            **src._asdict(),
        }
        for d, src in devs
        if (src.order_id, d.code, d.line_no, d.message) not in seen
    ]
    if rows:
        conn.execute(pd.insert(), rows)
    return len(rows)


def add_response(conn: sa.Connection, **values: Any) -> int:
    return inserted_id(conn.execute(order_responses.insert().values(**values)))


def _as_datetime(value: date | datetime | None) -> datetime | None:
    return (
        value
        if isinstance(value, datetime) or value is None
        else datetime.combine(value, datetime.min.time())
    )


def record_despatch(
    conn: sa.Connection,
    doc: DespatchAdvice,
    supplier_gln: str,
    receipt_list: Iterable[Receipt],
    order_ids: dict[str, int],
    now: datetime,
    file_hash: str,
) -> int:
    """Store a packing slip with its packages and receipts; returns its id."""
    header = DespatchHeader(
        supplier_gln=supplier_gln,
        number=doc.number,
        issue_date=doc.issue_date,
        despatch_date=_as_datetime(doc.despatch_date),
        delivery_date=_as_datetime(doc.delivery_date),
        final=doc.final_delivery,
        received_at=now,
        file_hash=file_hash,
    )
    packages = [DespatchPackage(p.sscc, p.package_type, p.count) for p in doc.packages]
    lines = [
        ReceiptLine(
            despatch_line=r.despatch_line,
            order_id=order_ids.get(r.order_no or "") if r.order_line else None,
            order_no=r.order_no,
            order_line=r.order_line,
            article_no=r.article_no,
            gtin=r.gtin,
            name=r.name,
            unit=r.unit,
            sscc=r.sscc,
            despatched_qty=r.quantity,
        )
        for r in receipt_list
    ]
    return add_despatch(conn, header, packages, lines)


def earlier_despatch(conn: sa.Connection, supplier_gln: str, number: str) -> EarlierDespatch | None:
    """The packing slip stored before with this number from this supplier; None when unused."""
    row = conn.execute(
        sa.select(despatch_advices.c.file_hash).where(
            despatch_advices.c.supplier_gln == supplier_gln, despatch_advices.c.number == number
        )
    ).first()
    return None if row is None else EarlierDespatch(row.file_hash)


def add_despatch(
    conn: sa.Connection,
    header: DespatchHeader,
    packages: list[DespatchPackage],
    receipt_lines: list[ReceiptLine],
) -> int:
    """Insert a packing slip, its packages and its receipt lines; returns its id."""
    despatch_id = inserted_id(conn.execute(despatch_advices.insert().values(**header._asdict())))
    if packages:
        conn.execute(
            despatch_packages.insert(), [{**asdict(p), "despatch_id": despatch_id} for p in packages]
        )
    if receipt_lines:
        conn.execute(receipts.insert(), [{**r._asdict(), "despatch_id": despatch_id} for r in receipt_lines])
    return despatch_id


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
