"""The documents vareflyt has made that may leave the building, read for ``jobs.sending``:
purchase orders (EDIFACT or printable) made by us, deviation notices written to suppliers, and
dunning letters (not the collection file, which goes to the agency by hand). Only documents made
on or after ``since``: nothing old is ever sent by surprise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from .tables.invoices import invoice_notices
from .tables.purchasing import purchase_orders as po
from .tables.receivables import customers, dunning_events


@dataclass(frozen=True)
class Sendable:
    kind: str  # order | edi_order | notice | letter
    key: str  # unique per kind
    partner: str  # supplier GLN or customer number
    files: tuple[str, ...]  # paths relative to the workspace
    made_on: date
    number: str = ""  # order number, letter level (for the title)
    email: str = ""  # the customer's e-mail (letters)
    name: str = ""  # the customer's name (letters)


def orders(conn: sa.Connection, since: date) -> list[Sendable]:
    query = (
        sa.select(po.c.number, po.c.supplier_gln, po.c.format, po.c.file, po.c.order_date)
        .where(
            po.c.source == "own", po.c.file.is_not(None), po.c.order_date >= since, po.c.status != "replaced"
        )
        .order_by(po.c.id)
    )
    return [
        Sendable(
            "edi_order" if r.format == "edifact" else "order",
            f"{r.supplier_gln}/{r.number}",
            r.supplier_gln,
            (r.file,),
            r.order_date,
            number=r.number,
        )
        for r in conn.execute(query)
    ]


def notices(conn: sa.Connection, since: date) -> list[Sendable]:
    query = (
        sa.select(
            invoice_notices.c.file, invoice_notices.c.supplier_gln, sa.func.min(invoice_notices.c.owed_on)
        )
        .where(
            invoice_notices.c.written_at.is_not(None),
            invoice_notices.c.file.is_not(None),
            invoice_notices.c.owed_on >= since,
        )
        .group_by(invoice_notices.c.file, invoice_notices.c.supplier_gln)
        .order_by(invoice_notices.c.file)
    )
    return [
        Sendable("notice", file, gln, (f"{file}.pdf",), owed_on) for file, gln, owed_on in conn.execute(query)
    ]


def letters(conn: sa.Connection, since: date) -> list[Sendable]:
    query = (
        sa.select(
            dunning_events.c.letter,
            dunning_events.c.customer_no,
            dunning_events.c.level,
            sa.func.min(dunning_events.c.sent_on),
            customers.c.email,
            customers.c.name,
        )
        .join(customers, customers.c.customer_no == dunning_events.c.customer_no, isouter=True)
        .where(
            dunning_events.c.level != "collection",
            dunning_events.c.letter != "",
            dunning_events.c.sent_on >= since,
        )
        .group_by(
            dunning_events.c.letter,
            dunning_events.c.customer_no,
            dunning_events.c.level,
            customers.c.email,
            customers.c.name,
        )
        .order_by(dunning_events.c.letter)
    )
    return [
        Sendable(
            "letter",
            letter,
            customer,
            (letter,),
            sent_on,
            number=level,
            email=(email or "").strip(),
            name=name or "",
        )
        for letter, customer, level, sent_on, email, name in conn.execute(query)
    ]


def all_since(conn: sa.Connection, since: date) -> list[Sendable]:
    return orders(conn, since) + notices(conn, since) + letters(conn, since)
