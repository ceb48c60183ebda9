"""Receivables tables: customers, customer invoices (kept with their history: open/closed),
payments received, dunning events (one row per invoice and level sent), the invoices held
back from dunning by a tick in the workbook's Purreliste, and what vareflyt last wrote into the
Kunder sheet (to tell a typed value from a filled-in one)."""

import sqlalchemy as sa

from ..types import DecimalType
from . import metadata

customers = sa.Table(
    "customers",
    metadata,
    sa.Column("customer_no", sa.String(35), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("kind", sa.String(10), nullable=False),  # b2b | b2c | public
    sa.Column("orgnr", sa.String(20), nullable=False, server_default=""),
    sa.Column("address", sa.String(500), nullable=False, server_default=""),
    sa.Column("email", sa.String(200), nullable=False, server_default=""),
    sa.Column("language", sa.String(5), nullable=False, server_default=""),
    sa.Column("credit_limit", DecimalType),
    sa.Column("updated_at", sa.DateTime, nullable=False),
)

customer_invoices = sa.Table(
    "customer_invoices",
    metadata,
    sa.Column("invoice_no", sa.String(35), primary_key=True),
    sa.Column("customer_no", sa.String(35), sa.ForeignKey("customers.customer_no"), nullable=False),
    sa.Column("invoice_date", sa.Date, nullable=False),
    sa.Column("due_date", sa.Date, nullable=False),
    sa.Column("amount", DecimalType, nullable=False),
    sa.Column("paid", DecimalType, nullable=False),  # amount paid per the latest export
    sa.Column("paid_as_of", sa.Date),  # date of that export: later bank payments come on top
    sa.Column("kid", sa.String(25), nullable=False, server_default=""),
    sa.Column("currency", sa.String(3), nullable=False, server_default="NOK"),
    sa.Column(
        "credit_for", sa.String(35), nullable=False, server_default=""
    ),  # credit note: invoice it credits
    sa.Column("status", sa.String(10), nullable=False),  # open | closed
    sa.Column("closed_at", sa.Date),
    sa.Column("first_seen", sa.DateTime, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
    sa.Index("ix_customer_invoices_customer", "customer_no"),
    sa.Index("ix_customer_invoices_kid", "kid"),
    sa.Index("ix_customer_invoices_status", "status"),
)

customer_payments = sa.Table(
    "customer_payments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("payment_key", sa.String(64), nullable=False, unique=True),  # hash of the payment's identity
    sa.Column("paid_on", sa.Date, nullable=False),
    sa.Column("amount", DecimalType, nullable=False),
    sa.Column("kid", sa.String(25), nullable=False, server_default=""),
    sa.Column("invoice_no", sa.String(35)),  # matched invoice; NULL = unmatched
    sa.Column("matched_by", sa.String(10), nullable=False),  # kid | invoice | none
    sa.Column("payer", sa.String(200), nullable=False, server_default=""),
    sa.Column("reference", sa.String(100), nullable=False, server_default=""),
    sa.Column("file_hash", sa.String(64)),
    sa.Column("imported_at", sa.DateTime, nullable=False),
    sa.Index("ix_customer_payments_invoice", "invoice_no"),
)

dunning_events = sa.Table(
    "dunning_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("invoice_no", sa.String(35), sa.ForeignKey("customer_invoices.invoice_no"), nullable=False),
    sa.Column("customer_no", sa.String(35), nullable=False),
    sa.Column("level", sa.String(20), nullable=False),  # reminder | dunning | inkassovarsel | collection
    sa.Column("sent_on", sa.Date, nullable=False),
    sa.Column("deadline", sa.Date, nullable=False),
    sa.Column("principal", DecimalType, nullable=False),
    sa.Column("interest", DecimalType, nullable=False),
    sa.Column("fee", DecimalType, nullable=False),  # new fee claimed by this notice on this invoice
    sa.Column("compensation", DecimalType, nullable=False),
    sa.Column("letter", sa.String(500), nullable=False, server_default=""),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("invoice_no", "level", name="uq_dunning_events_invoice_level"),
)

dunning_holds = sa.Table(
    "dunning_holds",
    metadata,
    sa.Column("invoice_no", sa.String(35), primary_key=True),
    sa.Column("reason", sa.String(500), nullable=False),  # the comment written next to the tick
    sa.Column("held_at", sa.DateTime, nullable=False),
)

customer_sheet_values = sa.Table(
    "customer_sheet_values",
    metadata,
    sa.Column("customer_no", sa.String(35), primary_key=True),
    sa.Column("field", sa.String(30), primary_key=True),  # Kunder column key (name, address, ...)
    sa.Column("value", sa.String(500), nullable=False),  # the text vareflyt wrote there last
)
