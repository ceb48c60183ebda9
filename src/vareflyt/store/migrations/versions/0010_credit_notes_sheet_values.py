"""credit notes and the Kunder sheet: ``customer_invoices.credit_for`` names the invoice a
credit note credits; ``customer_sheet_values`` remembers what vareflyt last wrote into each
cell of the Kunder sheet, so a value the user typed can be told from one vareflyt filled in.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("customer_invoices") as batch:
        batch.add_column(sa.Column("credit_for", sa.String(35), nullable=False, server_default=""))
    op.create_table(
        "customer_sheet_values",
        sa.Column("customer_no", sa.String(35), nullable=False),
        sa.Column("field", sa.String(30), nullable=False),
        sa.Column("value", sa.String(500), nullable=False),
        sa.PrimaryKeyConstraint("customer_no", "field", name="pk_customer_sheet_values"),
    )


def downgrade() -> None:
    op.drop_table("customer_sheet_values")
    with op.batch_alter_table("customer_invoices") as batch:
        batch.drop_column("credit_for")
