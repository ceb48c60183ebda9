"""Price tables: one row per imported price-list version, and its article rows.

``price_rows`` holds every row of every version (a version is never changed after import);
``expired`` marks a change-list row that withdraws the article; ``not_updated`` marks a row
carried unchanged from the previous version because the article's row in this list was
rejected. A version without ``approved_at`` waits for approval (``[prices] approve_before_use``)
and is not in effect; one with ``withdrawn_at`` was withdrawn (``vareflyt prices withdraw``):
kept for history, never in effect again. Lookups go by
(supplier, article_no), (supplier, gtin) or (supplier, nobb).
"""

import sqlalchemy as sa

from ..types import DecimalType
from . import metadata

price_versions = sa.Table(
    "price_versions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("supplier_gln", sa.String(13), nullable=False),
    sa.Column("number", sa.Integer, nullable=False),  # 1, 2, ... per supplier, in import order
    sa.Column("kind", sa.String(10), nullable=False),  # new | change | replace
    sa.Column("valid_from", sa.Date),
    sa.Column("file_name", sa.String(500)),
    sa.Column("file_hash", sa.String(64)),
    sa.Column("imported_at", sa.DateTime, nullable=False),
    sa.Column("counts", sa.Text),  # JSON object
    sa.Column("approved_at", sa.DateTime),  # None: waits for `prices approve`
    sa.Column("withdrawn_at", sa.DateTime),  # set: withdrawn, no longer used
    sa.Column("list_ref", sa.String(35)),  # the supplier's own reference (PRICAT RFF+PL)
    sa.UniqueConstraint("supplier_gln", "number", name="uq_price_versions_supplier_number"),
)

price_rows = sa.Table(
    "price_rows",
    metadata,
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
    sa.Column("not_updated", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("source_row", sa.Integer),
    sa.Index("ix_price_rows_supplier_article", "supplier_gln", "article_no"),
    sa.Index("ix_price_rows_supplier_gtin", "supplier_gln", "gtin"),
    sa.Index("ix_price_rows_supplier_nobb", "supplier_gln", "nobb"),
    sa.Index("ix_price_rows_version", "version_id"),
)
