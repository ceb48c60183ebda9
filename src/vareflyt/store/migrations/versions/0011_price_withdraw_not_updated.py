"""price lists withdrawn and rows kept: ``price_versions.withdrawn_at`` (set by ``vareflyt prices
withdraw``: the version stays in history but is no longer used, so the one before it applies
again) and ``price_rows.not_updated`` (a row carried unchanged from the previous version because
the article's row in this list was rejected: "pris ikke oppdatert").

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("price_versions") as batch:
        batch.add_column(sa.Column("withdrawn_at", sa.DateTime))
    with op.batch_alter_table("price_rows") as batch:
        batch.add_column(sa.Column("not_updated", sa.Boolean, nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("price_rows") as batch:
        batch.drop_column("not_updated")
    with op.batch_alter_table("price_versions") as batch:
        batch.drop_column("withdrawn_at")
