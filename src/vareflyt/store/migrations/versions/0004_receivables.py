"""receivables tables: customers, customer_invoices, customer_payments, dunning_events.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from vareflyt.store.types import DecimalType

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "customers",
        sa.Column("customer_no", sa.String(35), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("orgnr", sa.String(20), nullable=False, server_default=""),
        sa.Column("address", sa.String(500), nullable=False, server_default=""),
        sa.Column("email", sa.String(200), nullable=False, server_default=""),
        sa.Column("language", sa.String(5), nullable=False, server_default=""),
        sa.Column("credit_limit", DecimalType),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "customer_invoices",
        sa.Column("invoice_no", sa.String(35), primary_key=True),
        sa.Column(
            "customer_no",
            sa.String(35),
            sa.ForeignKey("customers.customer_no", name="fk_customer_invoices_customer_no_customers"),
            nullable=False,
        ),
        sa.Column("invoice_date", sa.Date, nullable=False),
        sa.Column("due_date", sa.Date, nullable=False),
        sa.Column("amount", DecimalType, nullable=False),
        sa.Column("paid", DecimalType, nullable=False),
        sa.Column("paid_as_of", sa.Date),
        sa.Column("kid", sa.String(25), nullable=False, server_default=""),
        sa.Column("currency", sa.String(3), nullable=False, server_default="NOK"),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("closed_at", sa.Date),
        sa.Column("first_seen", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_customer_invoices_customer", "customer_invoices", ["customer_no"])
    op.create_index("ix_customer_invoices_kid", "customer_invoices", ["kid"])
    op.create_index("ix_customer_invoices_status", "customer_invoices", ["status"])
    op.create_table(
        "customer_payments",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("payment_key", sa.String(64), nullable=False),
        sa.Column("paid_on", sa.Date, nullable=False),
        sa.Column("amount", DecimalType, nullable=False),
        sa.Column("kid", sa.String(25), nullable=False, server_default=""),
        sa.Column("invoice_no", sa.String(35)),
        sa.Column("matched_by", sa.String(10), nullable=False),
        sa.Column("payer", sa.String(200), nullable=False, server_default=""),
        sa.Column("reference", sa.String(100), nullable=False, server_default=""),
        sa.Column("file_hash", sa.String(64)),
        sa.Column("imported_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("payment_key", name="uq_customer_payments_payment_key"),
    )
    op.create_index("ix_customer_payments_invoice", "customer_payments", ["invoice_no"])
    op.create_table(
        "dunning_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "invoice_no",
            sa.String(35),
            sa.ForeignKey(
                "customer_invoices.invoice_no", name="fk_dunning_events_invoice_no_customer_invoices"
            ),
            nullable=False,
        ),
        sa.Column("customer_no", sa.String(35), nullable=False),
        sa.Column("level", sa.String(20), nullable=False),
        sa.Column("sent_on", sa.Date, nullable=False),
        sa.Column("deadline", sa.Date, nullable=False),
        sa.Column("principal", DecimalType, nullable=False),
        sa.Column("interest", DecimalType, nullable=False),
        sa.Column("fee", DecimalType, nullable=False),
        sa.Column("compensation", DecimalType, nullable=False),
        sa.Column("letter", sa.String(500), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("invoice_no", "level", name="uq_dunning_events_invoice_level"),
    )


def downgrade() -> None:
    op.drop_table("dunning_events")
    op.drop_index("ix_customer_payments_invoice", "customer_payments")
    op.drop_table("customer_payments")
    op.drop_index("ix_customer_invoices_status", "customer_invoices")
    op.drop_index("ix_customer_invoices_kid", "customer_invoices")
    op.drop_index("ix_customer_invoices_customer", "customer_invoices")
    op.drop_table("customer_invoices")
    op.drop_table("customers")
