"""prices tables: price_versions and price_rows.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from vareflyt.store.types import DecimalType

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "price_versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("supplier_gln", sa.String(13), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("valid_from", sa.Date),
        sa.Column("file_name", sa.String(500)),
        sa.Column("file_hash", sa.String(64)),
        sa.Column("imported_at", sa.DateTime, nullable=False),
        sa.Column("counts", sa.Text),
        sa.UniqueConstraint("supplier_gln", "number", name="uq_price_versions_supplier_number"),
    )
    op.create_table(
        "price_rows",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("version_id", sa.Integer, sa.ForeignKey("price_versions.id"), nullable=False),
        sa.Column("supplier_gln", sa.String(13), nullable=False),
        sa.Column("article_no", sa.String(70), nullable=False),
        sa.Column("gtin", sa.String(14)),
        sa.Column("nobb", sa.String(8)),
        sa.Column("name", sa.Text),
        sa.Column("unit", sa.String(35)),
        sa.Column("pack_level", sa.String(3)),
        sa.Column("pack_qty", DecimalType()),
        sa.Column("gross", DecimalType()),
        sa.Column("discount_pct", DecimalType()),
        sa.Column("net", DecimalType()),
        sa.Column("fees", DecimalType()),
        sa.Column("vat_pct", DecimalType()),
        sa.Column("valid_from", sa.Date),
        sa.Column("valid_to", sa.Date),
        sa.Column("campaign_net", DecimalType()),
        sa.Column("campaign_from", sa.Date),
        sa.Column("campaign_to", sa.Date),
        sa.Column("product_group", sa.String(70)),
        sa.Column("weight_kg", DecimalType()),
        sa.Column("dimensions", sa.Text),
        sa.Column("price_basis", DecimalType()),
        sa.Column("expired", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("source_row", sa.Integer),
    )
    op.create_index("ix_price_rows_supplier_article", "price_rows", ["supplier_gln", "article_no"])
    op.create_index("ix_price_rows_supplier_gtin", "price_rows", ["supplier_gln", "gtin"])
    op.create_index("ix_price_rows_supplier_nobb", "price_rows", ["supplier_gln", "nobb"])
    op.create_index("ix_price_rows_version", "price_rows", ["version_id"])


def downgrade() -> None:
    op.drop_table("price_rows")
    op.drop_table("price_versions")
