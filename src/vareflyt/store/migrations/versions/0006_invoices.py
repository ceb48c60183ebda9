"""supplier invoices: invoices and credit notes with lines, allowances/charges, VAT breakdown,
control findings and decisions (see ``vareflyt.store.tables.invoices``).

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

from vareflyt.store.types import DecimalType

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "supplier_invoices",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("supplier_gln", sa.String(35), nullable=False),
        sa.Column("number", sa.String(70), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),  # invoice | credit_note | debit_note
        sa.Column("format", sa.String(8), nullable=False),  # edifact | ehf
        sa.Column("file_name", sa.String(500)),
        sa.Column("file_hash", sa.String(64)),
        sa.Column("message_key", sa.String(20)),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("supplier_name", sa.String(200)),
        sa.Column("supplier_orgnr", sa.String(20)),
        sa.Column("supplier_vat", sa.String(20)),
        sa.Column("buyer_gln", sa.String(35)),
        sa.Column("buyer_name", sa.String(200)),
        sa.Column("invoicee_gln", sa.String(35)),
        sa.Column("delivery_gln", sa.String(35)),
        sa.Column("delivery_name", sa.String(200)),
        sa.Column("issue_date", sa.Date),
        sa.Column("due_date", sa.Date),
        sa.Column("delivery_date", sa.Date),
        sa.Column("currency", sa.String(3)),
        sa.Column("exchange_rate", DecimalType),
        sa.Column("order_refs", sa.String(500)),  # space separated
        sa.Column("despatch_refs", sa.String(500)),
        sa.Column("contract_ref", sa.String(70)),
        sa.Column("price_list_ref", sa.String(70)),
        sa.Column("payment_days", sa.Integer),
        sa.Column("payment_text", sa.String(500)),
        sa.Column("bank_account", sa.String(40)),
        sa.Column("payment_ref", sa.String(40)),
        sa.Column("credited_invoice", sa.String(70)),
        sa.Column("credited_id", sa.Integer),
        sa.Column("note", sa.Text),
        sa.Column("line_total", DecimalType),
        sa.Column("allowance_total", DecimalType),
        sa.Column("charge_total", DecimalType),
        sa.Column("tax_exclusive", DecimalType),
        sa.Column("vat_total", DecimalType),
        sa.Column("tax_inclusive", DecimalType),
        sa.Column("prepaid", DecimalType),
        sa.Column("rounding", DecimalType),
        sa.Column("payable", DecimalType),
        sa.Column("received_at", sa.DateTime, nullable=False),
        sa.Column("status", sa.String(12), nullable=False, server_default="new"),
        sa.Column("checked_on", sa.Date),
        sa.Column("decision", sa.String(12)),  # approved | rejected (by a person)
    )
    op.create_table(
        "supplier_invoice_lines",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "invoice_id",
            sa.Integer,
            sa.ForeignKey("supplier_invoices.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("line_no", sa.String(35), nullable=False),
        sa.Column("quantity", DecimalType, nullable=False),
        sa.Column("line_amount", DecimalType, nullable=False),
        sa.Column("unit", sa.String(10)),
        sa.Column("order_no", sa.String(35)),
        sa.Column("order_line", sa.String(35)),
        sa.Column("despatch_ref", sa.String(35)),
        sa.Column("article_no", sa.String(70)),
        sa.Column("gtin", sa.String(14)),
        sa.Column("nobb", sa.String(20)),
        sa.Column("name", sa.String(200)),
        sa.Column("net_price", DecimalType),
        sa.Column("gross_price", DecimalType),
        sa.Column("price_base_qty", DecimalType),
        sa.Column("vat_category", sa.String(3)),
        sa.Column("vat_rate", DecimalType),
    )
    op.create_table(
        "supplier_invoice_charges",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "invoice_id",
            sa.Integer,
            sa.ForeignKey("supplier_invoices.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("line_position", sa.Integer),  # NULL: header
        sa.Column("is_charge", sa.Boolean, nullable=False),
        sa.Column("amount", DecimalType, nullable=False),
        sa.Column("reason_code", sa.String(10)),
        sa.Column("reason", sa.String(200)),
        sa.Column("percent", DecimalType),
        sa.Column("base_amount", DecimalType),
        sa.Column("vat_category", sa.String(3)),
        sa.Column("vat_rate", DecimalType),
    )
    op.create_table(
        "supplier_invoice_vat",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "invoice_id",
            sa.Integer,
            sa.ForeignKey("supplier_invoices.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("category", sa.String(3), nullable=False),
        sa.Column("rate", DecimalType, nullable=False),
        sa.Column("taxable_amount", DecimalType, nullable=False),
        sa.Column("tax_amount", DecimalType, nullable=False),
    )
    op.create_table(
        "invoice_findings",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "invoice_id",
            sa.Integer,
            sa.ForeignKey("supplier_invoices.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("check", sa.String(1), nullable=False),
        sa.Column("line_no", sa.String(35)),
        sa.Column("expected", sa.String(200)),
        sa.Column("actual", sa.String(200)),
        sa.Column("difference", DecimalType),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("blocking", sa.Boolean, nullable=False),
        sa.Column("waits", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("checked_on", sa.Date, nullable=False),
    )
    op.create_table(
        "invoice_decisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "invoice_id",
            sa.Integer,
            sa.ForeignKey("supplier_invoices.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("decision", sa.String(12), nullable=False),  # approved | rejected
        sa.Column("comment", sa.Text),
        sa.Column("decided_by", sa.String(70)),
        sa.Column("decided_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_supplier_invoices_supplier_number", "supplier_invoices", ["supplier_gln", "number"])
    op.create_index("ix_supplier_invoices_fingerprint", "supplier_invoices", ["fingerprint"])
    op.create_index("ix_supplier_invoices_status", "supplier_invoices", ["status"])
    op.create_index("ix_supplier_invoice_lines_invoice", "supplier_invoice_lines", ["invoice_id"])
    op.create_index("ix_supplier_invoice_lines_order", "supplier_invoice_lines", ["order_no", "order_line"])
    op.create_index("ix_supplier_invoice_charges_invoice", "supplier_invoice_charges", ["invoice_id"])
    op.create_index("ix_supplier_invoice_vat_invoice", "supplier_invoice_vat", ["invoice_id"])
    op.create_index("ix_invoice_findings_invoice", "invoice_findings", ["invoice_id"])
    op.create_index("ix_invoice_decisions_invoice", "invoice_decisions", ["invoice_id"])


def downgrade() -> None:
    op.drop_index("ix_invoice_decisions_invoice", "invoice_decisions")
    op.drop_index("ix_invoice_findings_invoice", "invoice_findings")
    op.drop_index("ix_supplier_invoice_vat_invoice", "supplier_invoice_vat")
    op.drop_index("ix_supplier_invoice_charges_invoice", "supplier_invoice_charges")
    op.drop_index("ix_supplier_invoice_lines_order", "supplier_invoice_lines")
    op.drop_index("ix_supplier_invoice_lines_invoice", "supplier_invoice_lines")
    op.drop_index("ix_supplier_invoices_status", "supplier_invoices")
    op.drop_index("ix_supplier_invoices_fingerprint", "supplier_invoices")
    op.drop_index("ix_supplier_invoices_supplier_number", "supplier_invoices")
    op.drop_table("invoice_decisions")
    op.drop_table("invoice_findings")
    op.drop_table("supplier_invoice_vat")
    op.drop_table("supplier_invoice_charges")
    op.drop_table("supplier_invoice_lines")
    op.drop_table("supplier_invoices")
