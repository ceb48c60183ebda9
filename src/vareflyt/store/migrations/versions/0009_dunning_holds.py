"""dunning holds: invoices held back from dunning by a tick in the workbook's Purreliste
("Ikke purr"), with the comment beside it (see ``vareflyt.store.holds``).

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dunning_holds",
        sa.Column("invoice_no", sa.String(35), nullable=False),
        sa.Column("reason", sa.String(500), nullable=False),
        sa.Column("held_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("invoice_no", name="pk_dunning_holds"),
    )


def downgrade() -> None:
    op.drop_table("dunning_holds")
