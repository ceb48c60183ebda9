"""Repository for receivables: customers, customer invoices with history, payments and
dunning events. Set-based: each call reads or writes whole tables in a few statements, so
20 000 invoices load in one pass. Callers pass the connection of their one transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa

from ..domain.money import ZERO
from ..domain.receivables import (
    Customer,
    CustomerKind,
    ExportedItem,
    Level,
    OpenInvoice,
    Payment,
    SentNotice,
)
from .receivables_rows import NewNotice, NewPayment, PaymentsAdded, RecordedNotice, StoredPayment, SyncCounts
from .tables.core import processing_log
from .tables.receivables import customer_invoices, customer_payments, customers, dunning_events

__all__ = [
    "upsert_customers",
    "sync_invoices",
    "load_customers",
    "load_invoices",
    "invoiced_between",
    "add_payments",
    "existing_payment_keys",
    "set_matches",
    "record_events",
    "events_on",
    "recorded_notices",
    "unmatched_payments",
    "recorded_letters",
]

_INVOICE_FIELDS = (
    "customer_no",
    "invoice_date",
    "due_date",
    "amount",
    "paid",
    "kid",
    "currency",
    "credit_for",
)


def upsert_customers(conn: sa.Connection, rows: Iterable[Customer], now: datetime) -> dict[str, int]:
    existing = {r.customer_no: r for r in conn.execute(sa.select(customers))}
    inserts, counts = [], {"new": 0, "updated": 0}
    for c in rows:
        values = {
            "name": c.name,
            "kind": c.kind.value,
            "orgnr": c.orgnr,
            "address": c.address,
            "email": c.email,
            "language": c.language,
            "credit_limit": c.credit_limit,
        }
        old = existing.get(c.number)
        if old is None:
            inserts.append({"customer_no": c.number, "updated_at": now, **values})
            counts["new"] += 1
        elif any(getattr(old, k) != v for k, v in values.items() if not (k == "credit_limit" and v is None)):
            if values["credit_limit"] is None:
                values.pop("credit_limit")
            conn.execute(
                customers.update().where(customers.c.customer_no == c.number).values(updated_at=now, **values)
            )
            counts["updated"] += 1
    if inserts:
        conn.execute(customers.insert(), inserts)
    return counts


def sync_invoices(
    conn: sa.Connection, rows: Iterable[ExportedItem], as_of: date, now: datetime
) -> SyncCounts:
    """Make the store match a complete open-items export: insert new invoices, update changed
    amounts, reopen ones that are back, and close open ones missing from the export (paid)."""
    existing = {r.invoice_no: r for r in conn.execute(sa.select(customer_invoices))}
    counts = {"new": 0, "updated": 0, "closed": 0, "reopened": 0, "unchanged": 0}
    inserts, seen = [], set()
    for row in rows:
        no = row.invoice_no
        seen.add(no)
        old = existing.get(no)
        if old is None:
            inserts.append(
                {**row._asdict(), "status": "open", "closed_at": None, "first_seen": now, "updated_at": now}
            )
            counts["new"] += 1
            continue
        changed = {k: getattr(row, k) for k in _INVOICE_FIELDS if getattr(old, k) != getattr(row, k)}
        if old.status != "open":
            changed.update(status="open", closed_at=None)
            counts["reopened"] += 1
        elif changed:
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
        if changed:
            conn.execute(
                customer_invoices.update()
                .where(customer_invoices.c.invoice_no == no)
                .values(updated_at=now, **changed)
            )
    if inserts:
        conn.execute(customer_invoices.insert(), inserts)
    gone = [no for no, r in existing.items() if r.status == "open" and no not in seen]
    for start in range(0, len(gone), 500):
        conn.execute(
            customer_invoices.update()
            .where(customer_invoices.c.invoice_no.in_(gone[start : start + 500]))
            .values(status="closed", closed_at=as_of, updated_at=now)
        )
    counts["closed"] = len(gone)
    conn.execute(
        customer_invoices.update().where(customer_invoices.c.status == "open").values(paid_as_of=as_of)
    )
    return SyncCounts(**counts)


def load_customers(conn: sa.Connection) -> dict[str, Customer]:
    out = {}
    for r in conn.execute(sa.select(customers)):
        kind = CustomerKind.parse(r.kind) or CustomerKind.B2B
        out[r.customer_no] = Customer(
            number=r.customer_no,
            name=r.name,
            kind=kind,
            orgnr=r.orgnr,
            address=r.address,
            email=r.email,
            language=r.language or "",
            credit_limit=r.credit_limit,
        )
    return out


def load_invoices(conn: sa.Connection, *, status: str | None = "open") -> list[OpenInvoice]:
    """Invoices (open ones by default) with their matched payments and dunning history."""
    query = sa.select(customer_invoices)
    if status:
        query = query.where(customer_invoices.c.status == status)
    payments: dict[str, list[Payment]] = defaultdict(list)
    for p in conn.execute(sa.select(customer_payments).where(customer_payments.c.invoice_no.is_not(None))):
        payments[p.invoice_no].append(Payment(p.paid_on, p.amount, p.kid, p.invoice_no, p.reference))
    history: dict[str, list[SentNotice]] = defaultdict(list)
    for e in conn.execute(sa.select(dunning_events)):
        history[e.invoice_no].append(
            SentNotice(Level(e.level), e.sent_on, e.deadline, e.fee, e.compensation, e.interest)
        )
    out = []
    for r in conn.execute(query.order_by(customer_invoices.c.invoice_no)):
        dated = tuple(sorted(payments.get(r.invoice_no, ()), key=lambda p: p.paid_on))
        # the export's "paid" already includes bank payments up to its date; later ones come on top
        as_of = r.paid_as_of or date.min
        matched = sum((p.amount for p in dated if p.paid_on <= as_of), ZERO)
        out.append(
            OpenInvoice(
                invoice_no=r.invoice_no,
                customer_no=r.customer_no,
                invoice_date=r.invoice_date,
                due_date=r.due_date,
                amount=r.amount,
                paid_unknown_date=max(r.paid - matched, ZERO),
                payments=dated,
                kid=r.kid,
                currency=r.currency,
                history=tuple(history.get(r.invoice_no, ())),
                credit_for=r.credit_for or "",
            )
        )
    return out


def invoiced_between(conn: sa.Connection, first: date, last: date) -> Decimal:
    """Invoiced amount (open and closed invoices) with invoice
    date in ``first``..``last``: credit sales for DSO."""
    amounts = conn.execute(
        sa.select(customer_invoices.c.amount).where(
            customer_invoices.c.invoice_date >= first, customer_invoices.c.invoice_date <= last
        )
    ).scalars()
    return sum(amounts, ZERO)


def add_payments(conn: sa.Connection, rows: list[NewPayment], now: datetime) -> PaymentsAdded:
    """Insert payments not seen before (by ``payment_key``); says how many, and how many were known."""
    keys = [r.payment_key for r in rows]
    known: set[str] = set()
    for start in range(0, len(keys), 500):
        known.update(
            k
            for (k,) in conn.execute(
                sa.select(customer_payments.c.payment_key).where(
                    customer_payments.c.payment_key.in_(keys[start : start + 500])
                )
            )
        )
    fresh, dup = [], 0
    for r in rows:
        if r.payment_key in known:
            dup += 1
            continue
        known.add(r.payment_key)
        fresh.append({**r._asdict(), "imported_at": now})
    if fresh:
        conn.execute(customer_payments.insert(), fresh)
    return PaymentsAdded(len(fresh), dup)


def existing_payment_keys(conn: sa.Connection, keys: list[str]) -> set[str]:
    if not keys:
        return set()
    return {
        k
        for (k,) in conn.execute(
            sa.select(customer_payments.c.payment_key).where(customer_payments.c.payment_key.in_(keys))
        )
    }


def set_matches(conn: sa.Connection, matches: list[tuple[int, str, str]]) -> None:
    """Attach earlier unmatched payments to invoices: ``(payment id, invoice_no, matched_by)``."""
    for payment_id, invoice_no, by in matches:
        conn.execute(
            customer_payments.update()
            .where(customer_payments.c.id == payment_id)
            .values(invoice_no=invoice_no, matched_by=by)
        )


def record_events(conn: sa.Connection, rows: list[NewNotice], now: datetime) -> int:
    """Record each invoice's part of the notices sent; returns how many rows were recorded."""
    if rows:
        conn.execute(dunning_events.insert(), [{**r._asdict(), "created_at": now} for r in rows])
    return len(rows)


def recorded_notices(conn: sa.Connection, *where: sa.ColumnElement[bool]) -> list[RecordedNotice]:
    """The dunning events that match ``where`` (every one without), oldest first: by sending
    date, then in the order recorded."""
    query = sa.select(*(dunning_events.c[name] for name in RecordedNotice._fields)).where(*where)
    order = (dunning_events.c.sent_on, dunning_events.c.id)
    return [RecordedNotice._make(r) for r in conn.execute(query.order_by(*order))]


def events_on(conn: sa.Connection, on: date) -> list[RecordedNotice]:
    """The dunning events sent on ``on``, in the order recorded."""
    return recorded_notices(conn, dunning_events.c.sent_on == on)


def unmatched_payments(conn: sa.Connection) -> list[StoredPayment]:
    """Payments not matched to an invoice, oldest first."""
    query = (
        sa.select(*(customer_payments.c[name] for name in StoredPayment._fields))
        .where(customer_payments.c.invoice_no.is_(None))
        .order_by(customer_payments.c.paid_on)
    )
    return [StoredPayment._make(r) for r in conn.execute(query)]


def recorded_letters(conn: sa.Connection, job: str) -> set[str]:
    """Every file a dunning run has recorded as sent: the letters of its events and the files
    its log rows name (the print file), as paths relative to the workspace."""
    letters = set(conn.execute(sa.select(dunning_events.c.letter).distinct()).scalars())
    letters |= set(
        conn.execute(
            sa.select(processing_log.c.file_name).where(
                processing_log.c.job == job, processing_log.c.file_name.is_not(None)
            )
        ).scalars()
    )
    return {letter for letter in letters if letter}
