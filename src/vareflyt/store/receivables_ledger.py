"""Read-only views of the receivables ledger for the workbook's tables: every payment read
from the bank with the file it came in, every dunning notice ever recorded, and the invoices
(open and closed) those refer to. Set-based: each is one query over its whole table.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from .tables.core import archived_files
from .tables.receivables import customer_invoices, customer_payments, dunning_events

__all__ = ["payments_read", "notices_sent", "invoice_facts"]


def payments_read(conn: sa.Connection) -> list[dict]:
    """Every payment recorded, newest first (payment date, then the order read), with the
    customer of its matched invoice (None when unmatched) and the name of the file it came in
    (None when the file is not in the archive)."""
    query = (
        sa.select(
            customer_payments.c.id,
            customer_payments.c.paid_on,
            customer_payments.c.amount,
            customer_payments.c.kid,
            customer_payments.c.invoice_no,
            customer_payments.c.payer,
            customer_payments.c.reference,
            customer_payments.c.matched_by,
            customer_invoices.c.customer_no,
            archived_files.c.original_name.label("file"),
        )
        .select_from(
            customer_payments.outerjoin(
                customer_invoices, customer_invoices.c.invoice_no == customer_payments.c.invoice_no
            ).outerjoin(archived_files, archived_files.c.sha256 == customer_payments.c.file_hash)
        )
        .order_by(customer_payments.c.paid_on.desc(), customer_payments.c.id.desc())
    )
    return [dict(r) for r in conn.execute(query).mappings()]


def notices_sent(conn: sa.Connection) -> list[dict]:
    """Every dunning event recorded, oldest first (sending date, then the order recorded)."""
    query = sa.select(dunning_events).order_by(dunning_events.c.sent_on, dunning_events.c.id)
    return [dict(r) for r in conn.execute(query).mappings()]


def invoice_facts(conn: sa.Connection) -> dict[str, tuple[str, date]]:
    """Invoice no -> (customer no, due date as on the invoice) for every invoice, open or closed."""
    query = sa.select(
        customer_invoices.c.invoice_no, customer_invoices.c.customer_no, customer_invoices.c.due_date
    )
    return {r.invoice_no: (r.customer_no, r.due_date) for r in conn.execute(query)}
