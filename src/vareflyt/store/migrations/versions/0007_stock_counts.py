"""stock counts: the stock figure last seen per article in the Artikler table, and when, so
goods received after the count are added to it (see ``vareflyt.store.stock``).

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

from vareflyt.store.types import DecimalType

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stock_counts",
        sa.Column("supplier", sa.String(70), nullable=False),
        sa.Column("article_no", sa.String(35), nullable=False),
        sa.Column("stock", DecimalType, nullable=False),
        sa.Column("counted_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("supplier", "article_no", name="pk_stock_counts"),
    )


def downgrade() -> None:
    op.drop_table("stock_counts")
