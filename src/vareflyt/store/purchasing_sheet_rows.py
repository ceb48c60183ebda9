"""What the workbook's purchasing sheets show, read from the store as named rows.

``table_rows`` reads every order, order line, receipt and deviation in one go for the sheets
(Ordrer, Ordrelinjer, Mottak, Avvik), the scorecard and the status overview. Each sheet's row is a
NamedTuple with the table's columns in the table's order plus what the sheet joins in (an order's
line count, a line's order number, a receipt's packing slip); values are as the database types
give them (``Decimal`` for quantities and amounts).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple

import sqlalchemy as sa

from .invoice_rows import columns
from .tables.purchasing import despatch_advices, purchase_deviations, receipts
from .tables.purchasing import purchase_order_lines as pol
from .tables.purchasing import purchase_orders as po


class OrderSheetRow(NamedTuple):
    """One order (``purchase_orders``) with how many lines it has."""

    id: int
    supplier_gln: str
    number: str
    source: str  # own | unsolicited
    order_date: date | None
    delivery_gln: str | None
    requested_delivery: datetime | None
    pickup: bool
    pickup_gln: str | None
    project: str | None
    end_customer: str | None
    status: str
    format: str | None  # edifact | pdf | None (unsolicited)
    file: str | None
    sent_at: datetime | None
    response_no: str | None
    response_at: datetime | None
    confirmed_date: date | None
    replaces: str | None
    closed: bool
    amount: Decimal | None
    agreement_ref: str | None
    price_list_ref: str | None
    line_count: int


class OrderLineSheetRow(NamedTuple):
    """One order line (``purchase_order_lines``) with its order's number and supplier."""

    id: int
    order_id: int
    line_no: int
    article_no: str | None
    gtin: str | None
    nobb: str | None
    name: str | None
    unit: str | None
    net_price: Decimal | None
    ordered_qty: Decimal
    requested_date: date | None
    responded: bool
    changed: bool
    rejected: bool
    added: bool
    confirmed_qty: Decimal | None
    confirmed_date: date | None
    backorder_qty: Decimal | None
    backorder_date: date | None
    delivered_qty: Decimal
    received_qty: Decimal | None  # manual receipt; None = as delivered
    invoiced_qty: Decimal
    closed: bool
    reason: str | None
    status: str
    order_no: str
    supplier_gln: str


class ReceiptSheetRow(NamedTuple):
    """One packing-slip line (``receipts``) with its packing slip's number, dates and supplier."""

    id: int
    despatch_id: int
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
    received_qty: Decimal | None  # typed by hand in the workbook
    received_date: date | None
    despatch_no: str
    despatch_date: datetime | None
    final: bool
    received_at: datetime
    supplier_gln: str


class DeviationSheetRow(NamedTuple):
    """One deviation in an order response or packing slip (``purchase_deviations``)."""

    id: int
    date: date
    supplier_gln: str | None
    kind: str  # ordresvar | pakkseddel
    document: str | None
    order_id: int | None
    order_no: str | None
    line_no: int | None
    article_no: str | None
    code: str
    severity: str
    message: str
    decide: bool
    status: str  # open | info | a person's decision


class PurchasingTables(NamedTuple):
    """Every row the purchasing sheets show, per sheet, in the sheets' order."""

    orders: list[OrderSheetRow]
    order_lines: list[OrderLineSheetRow]
    receipts: list[ReceiptSheetRow]
    deviations: list[DeviationSheetRow]


def table_rows(conn: sa.Connection) -> PurchasingTables:
    """Everything the workbook's purchasing tables show, as named rows per table."""
    orders = conn.execute(
        sa.select(*columns(po, OrderSheetRow, skip=("line_count",)), sa.func.count(pol.c.id))
        .outerjoin(pol, pol.c.order_id == po.c.id)
        .group_by(po.c.id)
        .order_by(po.c.id)
    )
    lines = conn.execute(
        sa.select(
            *columns(pol, OrderLineSheetRow, skip=("order_no", "supplier_gln")),
            po.c.number,
            po.c.supplier_gln,
        )
        .join(po, po.c.id == pol.c.order_id)
        .order_by(pol.c.order_id, pol.c.line_no)
    )
    slip = despatch_advices.c
    got = conn.execute(
        sa.select(
            *columns(
                receipts,
                ReceiptSheetRow,
                skip=("despatch_no", "despatch_date", "final", "received_at", "supplier_gln"),
            ),
            slip.number,
            slip.despatch_date,
            slip.final,
            slip.received_at,
            slip.supplier_gln,
        )
        .join(despatch_advices, slip.id == receipts.c.despatch_id)
        .order_by(receipts.c.despatch_id, receipts.c.despatch_line)
    )
    devs = conn.execute(
        sa.select(*columns(purchase_deviations, DeviationSheetRow)).order_by(purchase_deviations.c.id)
    )
    return PurchasingTables(
        [OrderSheetRow._make(r) for r in orders],
        [OrderLineSheetRow._make(r) for r in lines],
        [ReceiptSheetRow._make(r) for r in got],
        [DeviationSheetRow._make(r) for r in devs],
    )
