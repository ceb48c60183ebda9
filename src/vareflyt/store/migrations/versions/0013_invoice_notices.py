"""deviation notices owed to suppliers: ``invoice_notices`` (one row per invoice the supplier is
told of, written in the transaction that sets the invoice's status; ``written_at`` once the
notice is in ``letters/``), so a run killed between the status and the letter writes the letter
on the next run.

Invoices already in deviation or rejected were told by the run that found them (the notice
was written right after the status before this table existed): they get a row written now,
without a file, so they are not told again.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    notices = op.create_table(
        "invoice_notices",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "invoice_id",
            sa.Integer,
            sa.ForeignKey("supplier_invoices.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("supplier_gln", sa.String(35), nullable=False),
        sa.Column("owed_on", sa.Date, nullable=False),
        sa.Column("file", sa.String(500)),
        sa.Column("written_at", sa.DateTime),
        sa.UniqueConstraint("invoice_id", name="uq_invoice_notices_invoice_id"),
    )
    op.create_index("ix_invoice_notices_written_at", "invoice_notices", ["written_at"])
    invoices = sa.table(
        "supplier_invoices",
        sa.column("id", sa.Integer),
        sa.column("supplier_gln", sa.String),
        sa.column("status", sa.String),
        sa.column("checked_on", sa.Date),
        sa.column("received_at", sa.DateTime),
    )
    told = sa.select(
        invoices.c.id,
        invoices.c.supplier_gln,
        sa.func.coalesce(invoices.c.checked_on, sa.func.date(invoices.c.received_at)),
        invoices.c.received_at,
    ).where(invoices.c.status.in_(["deviation", "rejected"]))
    op.execute(notices.insert().from_select(["invoice_id", "supplier_gln", "owed_on", "written_at"], told))


def downgrade() -> None:
    op.drop_index("ix_invoice_notices_written_at", table_name="invoice_notices")
    op.drop_table("invoice_notices")
