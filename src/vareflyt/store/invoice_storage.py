"""Storing a supplier invoice that was read (EDIFACT INVOIC or EHF), in the caller's
transaction: the header with its content ``fingerprint``, then its lines, allowances/charges
and VAT rows in bulk (``add_parts``). A credit note that came before the invoice it credits is
linked to it when the invoice arrives.

The column lists here (``LINE_COLUMNS``, ``AC_COLUMNS``, ``TOTAL_COLUMNS``) are the fields an
invoice's parts are written and read back with (``store.invoice_reading``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from ..domain.invoices import Invoice, InvoiceKind
from .tables.invoices import supplier_invoice_charges as sic
from .tables.invoices import supplier_invoice_lines as sil
from .tables.invoices import supplier_invoice_vat as siv
from .tables.invoices import supplier_invoices as si
from .types import inserted_id

LINE_COLUMNS = (
    "line_no",
    "quantity",
    "line_amount",
    "unit",
    "order_no",
    "order_line",
    "despatch_ref",
    "article_no",
    "gtin",
    "nobb",
    "name",
    "net_price",
    "gross_price",
    "price_base_qty",
)
AC_COLUMNS = (
    "is_charge",
    "amount",
    "reason_code",
    "reason",
    "percent",
    "base_amount",
    "vat_category",
    "vat_rate",
)
TOTAL_COLUMNS = (
    "line_total",
    "allowance_total",
    "charge_total",
    "tax_exclusive",
    "vat_total",
    "tax_inclusive",
    "prepaid",
    "rounding",
    "payable",
)


def fingerprint(inv: Invoice) -> str:
    """Content key: the same invoice from EDIFACT or EHF (or re-sent under a new number) has it."""
    parts = [
        inv.supplier.gln or "",
        inv.kind.value,
        str(inv.issue_date),
        str(inv.totals.payable),
        ",".join(sorted(inv.order_refs)),
        ",".join(sorted(inv.despatch_refs)),
    ]
    only = inv.order_refs[0] if len(inv.order_refs) == 1 else None
    parts += sorted(
        f"{ln.order_no or only}:{ln.order_line}:{ln.quantity.normalize()}:{ln.line_amount.normalize()}"
        for ln in inv.lines
    )
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def _invoice_values(inv: Invoice) -> dict[str, Any]:
    terms = inv.payment_terms
    values = {
        "supplier_gln": inv.supplier.gln or "",
        "number": inv.number,
        "kind": inv.kind.value,
        "fingerprint": fingerprint(inv),
        "supplier_name": inv.supplier.name,
        "supplier_orgnr": inv.supplier.orgnr,
        "supplier_vat": inv.supplier.vat_no,
        "buyer_gln": inv.buyer.gln,
        "buyer_name": inv.buyer.name,
        "invoicee_gln": inv.invoicee.gln if inv.invoicee else None,
        "delivery_gln": inv.delivery_party.gln if inv.delivery_party else None,
        "delivery_name": inv.delivery_party.name if inv.delivery_party else None,
        "issue_date": inv.issue_date,
        "due_date": inv.due_date,
        "delivery_date": inv.delivery_date,
        "currency": inv.currency,
        "exchange_rate": inv.exchange_rate,
        "order_refs": " ".join(inv.order_refs),
        "despatch_refs": " ".join(inv.despatch_refs),
        "contract_ref": inv.contract_ref,
        "price_list_ref": inv.price_list_ref,
        "payment_days": terms.days if terms else None,
        "payment_text": terms.text if terms else None,
        "bank_account": inv.bank_account,
        "payment_ref": inv.payment_ref,
        "credited_invoice": inv.credited_invoice,
        "note": inv.note,
    }
    values.update({c: getattr(inv.totals, c) for c in TOTAL_COLUMNS})
    return values


def add_invoice(
    conn: sa.Connection,
    inv: Invoice,
    *,
    fmt: str,
    received_at: datetime,
    file_name: str | None = None,
    file_hash: str | None = None,
    message_key: str | None = None,
    credited_id: int | None = None,
) -> int:
    """Store one invoice with its lines, charges and VAT; returns its id. Credit notes that came
    before the invoice they credit are linked to it now."""
    invoice_id = inserted_id(
        conn.execute(
            si.insert().values(
                format=fmt,
                file_name=file_name,
                file_hash=file_hash,
                message_key=message_key,
                received_at=received_at,
                credited_id=credited_id,
                **_invoice_values(inv),
            )
        )
    )
    add_parts(conn, [(invoice_id, inv)])
    if inv.kind is not InvoiceKind.CREDIT_NOTE:
        conn.execute(
            si.update()
            .where(
                si.c.supplier_gln == (inv.supplier.gln or ""),
                si.c.kind == "credit_note",
                si.c.credited_invoice == inv.number,
                si.c.credited_id.is_(None),
            )
            .values(credited_id=invoice_id)
        )
    return invoice_id


def add_parts(conn: sa.Connection, invoices: Iterable[tuple[int, Invoice]]) -> None:
    """Lines, allowances/charges and VAT rows of stored invoice headers (bulk)."""
    lines, acs, vat = [], [], []
    pos: int | None
    for invoice_id, inv in invoices:
        only = inv.order_refs[0] if len(inv.order_refs) == 1 else None
        for pos, ln in enumerate(inv.lines, start=1):
            row = {c: getattr(ln, c) for c in LINE_COLUMNS if c != "article_no"}
            lines.append(
                {
                    **row,
                    "order_no": ln.order_no or only,
                    "invoice_id": invoice_id,
                    "position": pos,
                    "article_no": ln.seller_article_no,
                    "vat_category": ln.vat_category,
                    "vat_rate": ln.vat_rate,
                }
            )
        for pos, ac in [(p, ac) for p, ln in enumerate(inv.lines, 1) for ac in ln.allowances_charges] + [
            (None, ac) for ac in inv.allowances_charges
        ]:
            acs.append(
                {"invoice_id": invoice_id, "line_position": pos, **{c: getattr(ac, c) for c in AC_COLUMNS}}
            )
        vat += [
            {
                "invoice_id": invoice_id,
                "category": v.category,
                "rate": v.rate,
                "taxable_amount": v.taxable_amount,
                "tax_amount": v.tax_amount,
            }
            for v in inv.vat_breakdown
        ]
    for table, rows in ((sil, lines), (sic, acs), (siv, vat)):
        if rows:
            conn.execute(table.insert(), rows)
