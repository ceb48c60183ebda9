"""references invoice control compares with: ``purchase_orders.agreement_ref`` and
``price_list_ref`` (what the order sent in RFF+CT and RFF+PL, seed 004 §5.1) and
``price_versions.list_ref`` (the supplier's own reference of a price list, PRICAT RFF+PL).

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("purchase_orders") as batch:
        batch.add_column(sa.Column("agreement_ref", sa.String(35)))
        batch.add_column(sa.Column("price_list_ref", sa.String(35)))
    with op.batch_alter_table("price_versions") as batch:
        batch.add_column(sa.Column("list_ref", sa.String(35)))


def downgrade() -> None:
    with op.batch_alter_table("price_versions") as batch:
        batch.drop_column("list_ref")
    with op.batch_alter_table("purchase_orders") as batch:
        batch.drop_column("price_list_ref")
        batch.drop_column("agreement_ref")
