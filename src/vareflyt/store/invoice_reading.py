"""Reading stored supplier invoices: header rows (``InvoiceHeader``, oldest first, filtered
with e.g. ``same_number``), whole domain ``Invoice`` objects in bulk (``load_invoices``) and the
order and article each invoice line refers to (``line_refs``).

``IN`` lists are bound parameters in chunks (``invoice_rows.chunks``); the bulk reads go through
the DB-API cursor (``invoice_rows.fetch``) and convert a value at a time, which keeps a run over
hundreds of thousands of invoice lines fast.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

import sqlalchemy as sa

from ..domain.documents_json import maker
from ..domain.invoices import (
    AllowanceCharge,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceTotals,
    PaymentTerms,
    VatBreakdown,
)
from ..domain.orders import PartyRef
from .invoice_rows import InvoiceHeader, LineRef, chunks, columns, dec, fetch
from .invoice_storage import AC_COLUMNS, LINE_COLUMNS, TOTAL_COLUMNS
from .tables.invoices import supplier_invoice_charges as sic
from .tables.invoices import supplier_invoice_lines as sil
from .tables.invoices import supplier_invoice_vat as siv
from .tables.invoices import supplier_invoices as si

KINDS = {k.value: k for k in InvoiceKind}
make_line, D = maker(InvoiceLine), Decimal


def headers(conn: sa.Connection, where: sa.ColumnElement[bool] | None = None) -> list[InvoiceHeader]:
    """Invoice header rows, oldest first; e.g. ``where=same_number(supplier, no)``."""
    query = sa.select(*columns(si, InvoiceHeader)).order_by(si.c.id)
    return [InvoiceHeader._make(r) for r in conn.execute(query if where is None else query.where(where))]


def headers_of(conn: sa.Connection, ids: Iterable[int]) -> list[InvoiceHeader]:
    """The header rows of these invoices, oldest first."""
    return sorted(
        (r for chunk in chunks(conn, ids) for r in headers(conn, si.c.id.in_(chunk))), key=lambda r: r.id
    )


def same_number(supplier: str, number: str, kind: str | None = None) -> sa.ColumnElement[bool]:
    where = sa.and_(si.c.supplier_gln == supplier, si.c.number == number)
    return where if kind is None else sa.and_(where, si.c.kind == kind)


def _acs_of(conn: sa.Connection, ids: list[int]) -> dict[tuple[int, int | None], list[AllowanceCharge]]:
    out: dict[tuple[int, int | None], list[AllowanceCharge]] = {}
    for chunk in chunks(conn, ids):
        query = (
            sa.select(sic.c.invoice_id, sic.c.line_position, *[sic.c[c] for c in AC_COLUMNS])
            .where(sic.c.invoice_id.in_(chunk))
            .order_by(sic.c.id)
        )
        for r in fetch(conn, query):
            out.setdefault((r[0], r[1]), []).append(
                AllowanceCharge(bool(r[2]), D(r[3]), r[4], r[5], dec(r[6]), dec(r[7]), r[8], dec(r[9]))
            )
    return out


def load_invoices(conn: sa.Connection, rows: Sequence[InvoiceHeader]) -> dict[int, Invoice]:
    """Header rows (from ``headers``) -> id -> domain Invoice, with lines, charges and VAT."""
    ids = [r.id for r in rows]
    acs = _acs_of(conn, ids)
    lines: dict[int, list[InvoiceLine]] = {i: [] for i in ids}
    vat: dict[int, list[VatBreakdown]] = {i: [] for i in ids}
    cols = [
        sil.c.invoice_id,
        sil.c.position,
        *[sil.c[c] for c in LINE_COLUMNS],
        sil.c.vat_category,
        sil.c.vat_rate,
    ]
    for chunk in chunks(conn, ids):
        query = sa.select(*cols).where(sil.c.invoice_id.in_(chunk)).order_by(sil.c.invoice_id, sil.c.position)
        for r in fetch(conn, query):
            found = acs.get((r[0], r[1]))
            lines[r[0]].append(
                make_line(
                    (
                        r[2],
                        D(r[3]),
                        D(r[4]),
                        r[5],
                        r[6],
                        r[7],
                        r[8],
                        r[9],
                        r[10],
                        r[11],
                        r[12],
                        None if r[13] is None else D(r[13]),
                        None if r[14] is None else D(r[14]),
                        None if r[15] is None else D(r[15]),
                        tuple(found) if found else (),
                        r[16],
                        None if r[17] is None else D(r[17]),
                    )
                )
            )
        for r in fetch(
            conn,
            sa.select(siv.c.invoice_id, siv.c.category, siv.c.rate, siv.c.taxable_amount, siv.c.tax_amount)
            .where(siv.c.invoice_id.in_(chunk))
            .order_by(siv.c.id),
        ):
            vat[r[0]].append(VatBreakdown(r[1], D(r[2]), D(r[3]), D(r[4])))  # NOT NULL columns
    return {r.id: _invoice(r, lines[r.id], acs.get((r.id, None), ()), vat[r.id]) for r in rows}


def _invoice(r: InvoiceHeader, lines, acs, vat) -> Invoice:
    terms = (
        PaymentTerms(r.payment_days, r.payment_text) if r.payment_days is not None or r.payment_text else None
    )
    return Invoice(
        kind=KINDS[r.kind],
        number=r.number,
        issue_date=r.issue_date,
        supplier=PartyRef(r.supplier_gln or None, r.supplier_orgnr, r.supplier_vat, r.supplier_name),
        buyer=PartyRef(r.buyer_gln, name=r.buyer_name),
        lines=tuple(lines),
        due_date=r.due_date,
        delivery_date=r.delivery_date,
        currency=r.currency,
        exchange_rate=r.exchange_rate,
        invoicee=PartyRef(r.invoicee_gln) if r.invoicee_gln else None,
        delivery_party=PartyRef(r.delivery_gln, name=r.delivery_name)
        if r.delivery_gln or r.delivery_name
        else None,
        order_refs=tuple((r.order_refs or "").split()),
        despatch_refs=tuple((r.despatch_refs or "").split()),
        contract_ref=r.contract_ref,
        price_list_ref=r.price_list_ref,
        payment_terms=terms,
        bank_account=r.bank_account,
        payment_ref=r.payment_ref,
        credited_invoice=r.credited_invoice,
        allowances_charges=tuple(acs),
        vat_breakdown=tuple(vat),
        totals=InvoiceTotals(**{c: getattr(r, c) for c in TOTAL_COLUMNS}),
        note=r.note,
    )


def line_refs(conn: sa.Connection, ids: Iterable[int]) -> dict[tuple[int, str], LineRef]:
    """(invoice id, line no.) -> the order and article the line refers to, for these invoices."""
    out: dict[tuple[int, str], LineRef] = {}
    for chunk in chunks(conn, ids):
        for r in fetch(conn, sa.select(*columns(sil, LineRef)).where(sil.c.invoice_id.in_(chunk))):
            out[(r[0], r[1])] = LineRef._make(r)
    return out
