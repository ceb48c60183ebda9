"""The named rows the supplier-invoice store hands out, and how it queries in bulk.

Every query of ``store.invoice_reading``, ``store.invoice_results`` and ``store.invoice_control``
returns these NamedTuples (never positional tuples or loose dicts): they are as cheap to build
as tuples, which matters when one run reads 400 000 invoice lines, and every field has a name
and a type.

``IN`` lists are bound parameters (SQLAlchemy's expanding ``column.in_(...)``), never values
written into the SQL, in chunks (``chunks``) of at most ``CHUNK`` values and never more than
the connection binds: SQLite's limit (32 766 variables per statement, 999 before 3.32, lower
when an application sets it) less a few for the statement's other parameters; no statement
here has more than one list. ``fetch`` runs a
select through the DB-API cursor without SQLAlchemy's per-value result processing (callers
convert Decimal and dates with ``dec`` and ``day``), which is what keeps the bulk reads fast.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple

import sqlalchemy as sa

CHUNK = 2000
OTHER_PARAMETERS = 16  # room kept for a statement's parameters besides its IN list


def room(conn: sa.Connection) -> int:
    """How many values one IN list may bind on this connection."""
    if conn.dialect.name != "sqlite":
        return CHUNK
    getlimit = getattr(conn.connection.dbapi_connection, "getlimit", None)  # Python 3.11+
    limit = (
        getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        if getlimit
        else 32766
        if sqlite3.sqlite_version_info >= (3, 32)
        else 999
    )
    return max(1, min(CHUNK, limit - OTHER_PARAMETERS))


def chunks(conn: sa.Connection, values: Iterable) -> Iterator[list]:
    """The values (sorted, without repeats) in lists small enough to bind in one statement."""
    ordered, size = sorted(set(values)), room(conn)
    return (ordered[start : start + size] for start in range(0, len(ordered), size))


def fetch(conn: sa.Connection, stmt: sa.Select[Any]) -> Sequence[Any]:
    """Plain DB-API rows for a select, bound parameters and all (expanding IN lists rendered
    as one parameter per value), without per-value type processing."""
    compiled = stmt.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    cursor = conn.connection.cursor()
    try:
        cursor.execute(
            str(compiled), [params[k] for k in compiled.positiontup or ()] if compiled.positional else params
        )
        return cursor.fetchall()
    finally:
        cursor.close()


def dec(value: Any) -> Decimal | None:  # SQLite gives text, PostgreSQL Decimal
    return None if value is None else value if isinstance(value, Decimal) else Decimal(value)


def day(value: Any) -> date | None:
    return value if value is None or isinstance(value, date) else date.fromisoformat(str(value)[:10])


class InvoiceHeader(NamedTuple):
    """One row of ``supplier_invoices`` (see ``tables.invoices``)."""

    id: int
    supplier_gln: str
    number: str
    kind: str  # invoice | credit_note | debit_note
    format: str  # edifact | ehf
    file_name: str | None
    file_hash: str | None
    message_key: str | None
    fingerprint: str
    supplier_name: str | None
    supplier_orgnr: str | None
    supplier_vat: str | None
    buyer_gln: str | None
    buyer_name: str | None
    invoicee_gln: str | None
    delivery_gln: str | None
    delivery_name: str | None
    issue_date: date | None
    due_date: date | None
    delivery_date: date | None
    currency: str | None
    exchange_rate: Decimal | None
    order_refs: str | None  # space separated
    despatch_refs: str | None
    contract_ref: str | None
    price_list_ref: str | None
    payment_days: int | None
    payment_text: str | None
    bank_account: str | None
    payment_ref: str | None
    credited_invoice: str | None
    credited_id: int | None
    note: str | None
    line_total: Decimal | None
    allowance_total: Decimal | None
    charge_total: Decimal | None
    tax_exclusive: Decimal | None
    vat_total: Decimal | None
    tax_inclusive: Decimal | None
    prepaid: Decimal | None
    rounding: Decimal | None
    payable: Decimal | None
    received_at: datetime
    status: str  # new | approved | deviation | rejected | waiting
    checked_on: date | None
    decision: str | None  # approved | rejected, by a person


class StoredFinding(NamedTuple):
    """A finding of the last control of an invoice, as ``invoice_findings`` keeps it."""

    invoice_id: int
    check: str
    line_no: str | None
    expected: str | None
    actual: str | None
    difference: Decimal | None
    message: str
    blocking: bool
    waits: bool
    checked_on: date


class StoredDecision(NamedTuple):
    """A person's approve/reject of an invoice (the latest per invoice wins)."""

    invoice_id: int
    decision: str
    comment: str | None
    decided_by: str | None
    decided_at: datetime


class LineRef(NamedTuple):
    """What a finding's invoice line refers to, for the tables and notices."""

    invoice_id: int
    line_no: str
    order_no: str | None
    article_no: str | None


class OrderLineRow(NamedTuple):
    order_id: int
    line_no: int
    article_no: str | None
    gtin: str | None
    nobb: str | None
    unit: str | None
    net_price: Decimal | None
    ordered_qty: Decimal
    confirmed_qty: Decimal | None
    backorder_qty: Decimal | None
    delivered_qty: Decimal
    received_qty: Decimal | None  # manual receipt; None = as delivered
    added: bool
    rejected: bool
    closed: bool


class OrderRow(NamedTuple):
    """An order invoice control compares with; ``replaces`` is the order it replaced."""

    id: int
    supplier_gln: str
    number: str
    source: str  # own | unsolicited
    order_date: date | None
    delivery_gln: str | None
    pickup: bool
    closed: bool
    status: str
    replaces: str | None
    agreement_ref: str | None
    price_list_ref: str | None
    lines: tuple[OrderLineRow, ...] = ()


class ReceiptRow(NamedTuple):
    """Goods on a packing slip for one order line: despatched, and received when typed by hand."""

    despatch_no: str
    order_id: int
    order_line: int | None
    despatched_qty: Decimal
    received_qty: Decimal | None


class InvoicedLine(NamedTuple):
    """A line of a stored (not rejected) invoice for an order."""

    invoice_id: int
    kind: str
    supplier_gln: str
    order_no: str | None
    order_line: str | None
    quantity: Decimal


class NoticeRow(NamedTuple):
    """A deviation notice owed to a supplier for one invoice (``invoice_notices``)."""

    id: int
    invoice_id: int
    supplier_gln: str
    owed_on: date
    file: str | None  # workspace-relative, without suffix; set when claimed
    written_at: datetime | None


def columns(table: sa.Table, row: type[NamedTuple], *, skip: Sequence[str] = ()) -> list[sa.Column]:
    """The table's columns in the order of the row's fields (so a fetched tuple makes the row)."""
    return [table.c[name] for name in row._fields if name not in skip]
