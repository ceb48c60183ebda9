"""price-list approval: ``price_versions.approved_at`` (None while a list waits for
``vareflyt prices approve``). Versions imported before this migration were in use, so they
count as approved when they were imported.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("price_versions") as batch:
        batch.add_column(sa.Column("approved_at", sa.DateTime))
    op.execute("UPDATE price_versions SET approved_at = imported_at")


def downgrade() -> None:
    with op.batch_alter_table("price_versions") as batch:
        batch.drop_column("approved_at")
