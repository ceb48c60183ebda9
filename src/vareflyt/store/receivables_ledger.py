"""Read-only views of the receivables ledger for the workbook's tables: every payment read
from the bank with the file it came in, every dunning notice ever recorded, and the invoices
(open and closed) those refer to. Set-based: each is one query over its whole table.
"""

from __future__ import annotations

import sqlalchemy as sa

from .receivables import recorded_notices
from .receivables_rows import InvoiceFacts, PaymentRead, RecordedNotice
from .tables.core import archived_files
from .tables.receivables import customer_invoices, customer_payments

__all__ = ["payments_read", "notices_sent", "invoice_facts"]


def payments_read(conn: sa.Connection) -> list[PaymentRead]:
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
    return [PaymentRead._make(r) for r in conn.execute(query)]


def notices_sent(conn: sa.Connection) -> list[RecordedNotice]:
    """Every dunning event recorded, oldest first (sending date, then the order recorded)."""
    return recorded_notices(conn)


def invoice_facts(conn: sa.Connection) -> dict[str, InvoiceFacts]:
    """Invoice no -> its customer and due date (as on the invoice), for every invoice, open or closed."""
    query = sa.select(
        customer_invoices.c.invoice_no, customer_invoices.c.customer_no, customer_invoices.c.due_date
    )
    return {r.invoice_no: InvoiceFacts(r.customer_no, r.due_date) for r in conn.execute(query)}
