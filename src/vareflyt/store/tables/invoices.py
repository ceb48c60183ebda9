"""Supplier invoice tables: invoices and credit notes (INVOIC and EHF) with their lines,
allowances/charges and VAT breakdown; control findings; and people's decisions.

An invoice row keeps the original document's format (edifact | ehf), file name and hash, and
a ``fingerprint`` of its content so the same invoice arriving once as EDIFACT and once as EHF
is recognised (check a). ``status`` is the latest control outcome: new, approved, deviation,
rejected or waiting; ``decision`` is a person's approve/reject with who/when in
``invoice_decisions``. Allowances/charges with ``line_position`` NULL are on the header.

``invoice_notices`` holds one row per invoice the supplier is (or was) to be told of: written in
the same transaction as the status that makes the notice owed, claimed with a ``file`` name,
and given ``written_at`` once the notice's files are in ``letters/``. A row written without a
``file`` stands for a notice not made (notices off, or told before this table existed).
"""

import sqlalchemy as sa

from ..types import DecimalType
from . import metadata

supplier_invoices = sa.Table(
    "supplier_invoices",
    metadata,
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
    sa.Index("ix_supplier_invoices_supplier_number", "supplier_gln", "number"),
    sa.Index("ix_supplier_invoices_fingerprint", "fingerprint"),
    sa.Index("ix_supplier_invoices_status", "status"),
)

supplier_invoice_lines = sa.Table(
    "supplier_invoice_lines",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "invoice_id", sa.Integer, sa.ForeignKey("supplier_invoices.id", ondelete="CASCADE"), nullable=False
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
    sa.Index("ix_supplier_invoice_lines_invoice", "invoice_id"),
    sa.Index("ix_supplier_invoice_lines_order", "order_no", "order_line"),
)

supplier_invoice_charges = sa.Table(
    "supplier_invoice_charges",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "invoice_id", sa.Integer, sa.ForeignKey("supplier_invoices.id", ondelete="CASCADE"), nullable=False
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
    sa.Index("ix_supplier_invoice_charges_invoice", "invoice_id"),
)

supplier_invoice_vat = sa.Table(
    "supplier_invoice_vat",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "invoice_id", sa.Integer, sa.ForeignKey("supplier_invoices.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("category", sa.String(3), nullable=False),
    sa.Column("rate", DecimalType, nullable=False),
    sa.Column("taxable_amount", DecimalType, nullable=False),
    sa.Column("tax_amount", DecimalType, nullable=False),
    sa.Index("ix_supplier_invoice_vat_invoice", "invoice_id"),
)

invoice_findings = sa.Table(
    "invoice_findings",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "invoice_id", sa.Integer, sa.ForeignKey("supplier_invoices.id", ondelete="CASCADE"), nullable=False
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
    sa.Index("ix_invoice_findings_invoice", "invoice_id"),
)

invoice_decisions = sa.Table(
    "invoice_decisions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "invoice_id", sa.Integer, sa.ForeignKey("supplier_invoices.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("decision", sa.String(12), nullable=False),  # approved | rejected
    sa.Column("comment", sa.Text),
    sa.Column("decided_by", sa.String(70)),
    sa.Column("decided_at", sa.DateTime, nullable=False),
    sa.Index("ix_invoice_decisions_invoice", "invoice_id"),
)

invoice_notices = sa.Table(
    "invoice_notices",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "invoice_id", sa.Integer, sa.ForeignKey("supplier_invoices.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("supplier_gln", sa.String(35), nullable=False),
    sa.Column("owed_on", sa.Date, nullable=False),  # the run that found the deviation
    sa.Column("file", sa.String(500)),  # letters/<date>/<name>, no suffix
    sa.Column("written_at", sa.DateTime),  # NULL: owed, not written yet
    sa.UniqueConstraint("invoice_id", name="uq_invoice_notices_invoice_id"),
    sa.Index("ix_invoice_notices_written_at", "written_at"),
)

TABLES = (
    supplier_invoices,
    supplier_invoice_lines,
    supplier_invoice_charges,
    supplier_invoice_vat,
    invoice_findings,
    invoice_decisions,
    invoice_notices,
)
