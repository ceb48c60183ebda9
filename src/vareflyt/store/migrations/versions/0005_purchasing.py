"""purchasing tables: orders, order lines, entry keys, responses, packing slips, packages,
receipts and deviations (see ``vareflyt.store.tables.purchasing``).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

from vareflyt.store.types import DecimalType

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "purchase_orders",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("supplier_gln", sa.String(35), nullable=False),
        sa.Column("number", sa.String(35), nullable=False),
        sa.Column("source", sa.String(12), nullable=False, server_default="own"),  # own | unsolicited
        sa.Column("order_date", sa.Date),
        sa.Column("delivery_gln", sa.String(35)),
        sa.Column("requested_delivery", sa.DateTime),
        sa.Column("pickup", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("pickup_gln", sa.String(35)),
        sa.Column("project", sa.String(70)),
        sa.Column("end_customer", sa.String(70)),
        sa.Column("status", sa.String(20), nullable=False, server_default="sent"),
        sa.Column("format", sa.String(10)),  # edifact | pdf | None (unsolicited)
        sa.Column("file", sa.String(500)),
        sa.Column("sent_at", sa.DateTime),
        sa.Column("response_no", sa.String(35)),
        sa.Column("response_at", sa.DateTime),
        sa.Column("confirmed_date", sa.Date),
        sa.Column("replaces", sa.String(35)),
        sa.Column("closed", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("amount", DecimalType),
        sa.UniqueConstraint("supplier_gln", "source", "number", name="uq_purchase_orders_supplier_number"),
    )
    op.create_table(
        "purchase_order_lines",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "order_id", sa.Integer, sa.ForeignKey("purchase_orders.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("line_no", sa.Integer, nullable=False),
        sa.Column("article_no", sa.String(35)),
        sa.Column("gtin", sa.String(14)),
        sa.Column("nobb", sa.String(20)),
        sa.Column("name", sa.String(200)),
        sa.Column("unit", sa.String(10)),
        sa.Column("net_price", DecimalType),
        sa.Column("ordered_qty", DecimalType, nullable=False),
        sa.Column("requested_date", sa.Date),
        sa.Column("responded", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("changed", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("rejected", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("added", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("confirmed_qty", DecimalType),
        sa.Column("confirmed_date", sa.Date),
        sa.Column("backorder_qty", DecimalType),
        sa.Column("backorder_date", sa.Date),
        sa.Column("delivered_qty", DecimalType, nullable=False, server_default="0"),
        sa.Column("received_qty", DecimalType),
        sa.Column("invoiced_qty", DecimalType, nullable=False, server_default="0"),
        sa.Column("closed", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("reason", sa.String(500)),
        sa.Column("status", sa.String(20), nullable=False, server_default="sent"),
        sa.UniqueConstraint("order_id", "line_no", name="uq_purchase_order_lines_order_line"),
    )
    op.create_table(
        "order_entry_keys",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column(
            "order_id", sa.Integer, sa.ForeignKey("purchase_orders.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("line_no", sa.Integer, nullable=False),
    )
    op.create_table(
        "order_responses",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "order_id", sa.Integer, sa.ForeignKey("purchase_orders.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("supplier_gln", sa.String(35), nullable=False),
        sa.Column("number", sa.String(35), nullable=False),
        sa.Column("issue_date", sa.Date),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("complete", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("received_at", sa.DateTime, nullable=False),
        sa.Column("file_hash", sa.String(64)),
    )
    op.create_table(
        "despatch_advices",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("supplier_gln", sa.String(35), nullable=False),
        sa.Column("number", sa.String(35), nullable=False),
        sa.Column("issue_date", sa.Date),
        sa.Column("despatch_date", sa.DateTime),
        sa.Column("delivery_date", sa.DateTime),
        sa.Column("final", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("received_at", sa.DateTime, nullable=False),
        sa.Column("file_hash", sa.String(64)),
        sa.UniqueConstraint("supplier_gln", "number", name="uq_despatch_advices_supplier_number"),
    )
    op.create_table(
        "despatch_packages",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "despatch_id",
            sa.Integer,
            sa.ForeignKey("despatch_advices.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("sscc", sa.String(20)),
        sa.Column("package_type", sa.String(10)),
        sa.Column("count", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_table(
        "receipts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "despatch_id",
            sa.Integer,
            sa.ForeignKey("despatch_advices.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("despatch_line", sa.Integer, nullable=False),
        sa.Column("order_id", sa.Integer, sa.ForeignKey("purchase_orders.id")),
        sa.Column("order_no", sa.String(35)),
        sa.Column("order_line", sa.Integer),
        sa.Column("article_no", sa.String(35)),
        sa.Column("gtin", sa.String(14)),
        sa.Column("name", sa.String(200)),
        sa.Column("unit", sa.String(10)),
        sa.Column("sscc", sa.String(20)),
        sa.Column("despatched_qty", DecimalType, nullable=False),
        sa.Column("received_qty", DecimalType),  # manual receipt in the workbook
        sa.Column("received_date", sa.Date),
    )
    op.create_table(
        "purchase_deviations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("supplier_gln", sa.String(35)),
        sa.Column("kind", sa.String(12), nullable=False),  # ordresvar | pakkseddel
        sa.Column("document", sa.String(35)),
        sa.Column("order_id", sa.Integer, sa.ForeignKey("purchase_orders.id")),
        sa.Column("order_no", sa.String(35)),
        sa.Column("line_no", sa.Integer),
        sa.Column("article_no", sa.String(35)),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("severity", sa.String(10), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("decide", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("status", sa.String(12), nullable=False, server_default="open"),
    )
    op.create_index("ix_order_responses_hash", "order_responses", ["file_hash"])


def downgrade() -> None:
    op.drop_index("ix_order_responses_hash", "order_responses")
    op.drop_table("purchase_deviations")
    op.drop_table("receipts")
    op.drop_table("despatch_packages")
    op.drop_table("despatch_advices")
    op.drop_table("order_responses")
    op.drop_table("order_entry_keys")
    op.drop_table("purchase_order_lines")
    op.drop_table("purchase_orders")
