"""Repository for supplier invoices: store a read invoice (in the caller's transaction), load
invoices and what the control compares them with in bulk (a handful of set-based queries per
chunk, never a query per line), save control results and people's decisions."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Iterable

import sqlalchemy as sa

from ..domain.invoices import (AllowanceCharge, Invoice, InvoiceKind, InvoiceLine, InvoiceTotals, PaymentTerms,
                               VatBreakdown)
from ..domain.orders import PartyRef
from ..rules.invoice_control.model import maker
from .tables.invoices import (invoice_decisions, invoice_findings, supplier_invoice_charges as sic,
                              supplier_invoice_lines as sil, supplier_invoice_vat as siv, supplier_invoices as si)

CHUNK, KINDS = 2000, {k.value: k for k in InvoiceKind}
LINE_COLUMNS = ("line_no", "quantity", "line_amount", "unit", "order_no", "order_line", "despatch_ref",
                "article_no", "gtin", "nobb", "name", "net_price", "gross_price", "price_base_qty")
AC_COLUMNS = ("is_charge", "amount", "reason_code", "reason", "percent", "base_amount", "vat_category", "vat_rate")
TOTAL_COLUMNS = ("line_total", "allowance_total", "charge_total", "tax_exclusive", "vat_total", "tax_inclusive",
                 "prepaid", "rounding", "payable")


def fetch(conn: sa.Connection, stmt) -> list[tuple]:
    """Plain DB-API rows for a select: no per-value type processing (callers convert Decimal/date)."""
    compiled = stmt.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    cursor = conn.connection.cursor()
    try:
        cursor.execute(str(compiled), [params[k] for k in compiled.positiontup] if compiled.positional else params)
        return cursor.fetchall()
    finally:
        cursor.close()


def among(column, values, negate: bool = False) -> sa.ColumnElement:
    """``column IN (...)`` with the values written into the SQL (ints as numbers, text quoted the
    standard way), which saves binding thousands of parameters per chunk."""
    values = list(values) or [""]
    text = ",".join(str(int(v)) if isinstance(v, int) else "'" + str(v).replace("'", "''") + "'" for v in values)
    return sa.text(f"{column.table.name}.{column.name} {'NOT IN' if negate else 'IN'} ({text})")


make_line, D = maker(InvoiceLine), Decimal


def dec(value) -> Decimal | None:                   # SQLite gives text, PostgreSQL Decimal
    return None if value is None else value if isinstance(value, Decimal) else Decimal(value)


def day(value) -> date | None:
    return value if value is None or isinstance(value, date) else date.fromisoformat(str(value)[:10])


def fingerprint(inv: Invoice) -> str:
    """Content key: the same invoice from EDIFACT or EHF (or re-sent under a new number) has it."""
    parts = [inv.supplier.gln or "", inv.kind.value, str(inv.issue_date), str(inv.totals.payable),
             ",".join(sorted(inv.order_refs)), ",".join(sorted(inv.despatch_refs))]
    only = inv.order_refs[0] if len(inv.order_refs) == 1 else None
    parts += sorted(f"{ln.order_no or only}:{ln.order_line}:{ln.quantity.normalize()}:{ln.line_amount.normalize()}"
                    for ln in inv.lines)
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def _invoice_values(inv: Invoice) -> dict[str, Any]:
    terms = inv.payment_terms
    values = {
        "supplier_gln": inv.supplier.gln or "", "number": inv.number, "kind": inv.kind.value,
        "fingerprint": fingerprint(inv), "supplier_name": inv.supplier.name, "supplier_orgnr": inv.supplier.orgnr,
        "supplier_vat": inv.supplier.vat_no, "buyer_gln": inv.buyer.gln, "buyer_name": inv.buyer.name,
        "invoicee_gln": inv.invoicee.gln if inv.invoicee else None,
        "delivery_gln": inv.delivery_party.gln if inv.delivery_party else None,
        "delivery_name": inv.delivery_party.name if inv.delivery_party else None,
        "issue_date": inv.issue_date, "due_date": inv.due_date, "delivery_date": inv.delivery_date,
        "currency": inv.currency, "exchange_rate": inv.exchange_rate, "order_refs": " ".join(inv.order_refs),
        "despatch_refs": " ".join(inv.despatch_refs), "contract_ref": inv.contract_ref,
        "price_list_ref": inv.price_list_ref, "payment_days": terms.days if terms else None,
        "payment_text": terms.text if terms else None, "bank_account": inv.bank_account,
        "payment_ref": inv.payment_ref, "credited_invoice": inv.credited_invoice, "note": inv.note}
    values.update({c: getattr(inv.totals, c) for c in TOTAL_COLUMNS})
    return values


def add_invoice(conn: sa.Connection, inv: Invoice, *, fmt: str, received_at: datetime, file_name: str | None = None,
                file_hash: str | None = None, message_key: str | None = None, credited_id: int | None = None) -> int:
    """Store one invoice with its lines, charges and VAT; returns its id. Credit notes that came
    before the invoice they credit are linked to it now."""
    invoice_id = conn.execute(si.insert().values(
        format=fmt, file_name=file_name, file_hash=file_hash, message_key=message_key, received_at=received_at,
        credited_id=credited_id, **_invoice_values(inv))).inserted_primary_key[0]
    add_parts(conn, [(invoice_id, inv)])
    if inv.kind is not InvoiceKind.CREDIT_NOTE:
        conn.execute(si.update().where(si.c.supplier_gln == (inv.supplier.gln or ""), si.c.kind == "credit_note",
                                       si.c.credited_invoice == inv.number, si.c.credited_id.is_(None))
                     .values(credited_id=invoice_id))
    return invoice_id


def add_parts(conn: sa.Connection, invoices: Iterable[tuple[int, Invoice]]) -> None:
    """Lines, allowances/charges and VAT rows of stored invoice headers (bulk)."""
    lines, acs, vat = [], [], []
    for invoice_id, inv in invoices:
        only = inv.order_refs[0] if len(inv.order_refs) == 1 else None
        for pos, ln in enumerate(inv.lines, start=1):
            row = {c: getattr(ln, c) for c in LINE_COLUMNS if c != "article_no"}
            lines.append({**row, "order_no": ln.order_no or only, "invoice_id": invoice_id, "position": pos, "article_no": ln.seller_article_no,
                          "vat_category": ln.vat_category, "vat_rate": ln.vat_rate})
        for pos, ac in [(p, ac) for p, ln in enumerate(inv.lines, 1) for ac in ln.allowances_charges] + \
                [(None, ac) for ac in inv.allowances_charges]:
            acs.append({"invoice_id": invoice_id, "line_position": pos, **{c: getattr(ac, c) for c in AC_COLUMNS}})
        vat += [{"invoice_id": invoice_id, "category": v.category, "rate": v.rate, "taxable_amount": v.taxable_amount,
                 "tax_amount": v.tax_amount} for v in inv.vat_breakdown]
    for table, rows in ((sil, lines), (sic, acs), (siv, vat)):
        if rows:
            conn.execute(table.insert(), rows)


def headers(conn: sa.Connection, where=None) -> list[dict[str, Any]]:
    """Invoice header rows (all columns), oldest first; e.g. ``where=same_number(supplier, no)``."""
    query = sa.select(si).order_by(si.c.id)
    return [dict(r._mapping) for r in conn.execute(query if where is None else query.where(where))]


def same_number(supplier: str, number: str, kind: str | None = None):
    where = sa.and_(si.c.supplier_gln == supplier, si.c.number == number)
    return where if kind is None else sa.and_(where, si.c.kind == kind)


def _chunks(values: list):
    return (values[start:start + CHUNK] for start in range(0, len(values), CHUNK))


def _acs_of(conn: sa.Connection, ids: list[int]) -> dict[tuple[int, int | None], list[AllowanceCharge]]:
    out: dict[tuple[int, int | None], list[AllowanceCharge]] = {}
    for chunk in _chunks(ids):
        query = sa.select(sic.c.invoice_id, sic.c.line_position, *[sic.c[c] for c in AC_COLUMNS]) \
            .where(among(sic.c.invoice_id, chunk)).order_by(sic.c.id)
        for r in fetch(conn, query):
            out.setdefault((r[0], r[1]), []).append(AllowanceCharge(bool(r[2]), dec(r[3]), r[4], r[5], dec(r[6]),
                                                                    dec(r[7]), r[8], dec(r[9])))
    return out


def load_invoices(conn: sa.Connection, rows: list[dict[str, Any]]) -> dict[int, Invoice]:
    """Header rows (from ``headers``) -> id -> domain Invoice, with lines, charges and VAT."""
    ids = [r["id"] for r in rows]
    acs = _acs_of(conn, ids)
    lines: dict[int, list[InvoiceLine]] = {i: [] for i in ids}
    vat: dict[int, list[VatBreakdown]] = {i: [] for i in ids}
    cols = [sil.c.invoice_id, sil.c.position, *[sil.c[c] for c in LINE_COLUMNS], sil.c.vat_category, sil.c.vat_rate]
    for chunk in _chunks(ids):
        for r in fetch(conn, sa.select(*cols).where(among(sil.c.invoice_id, chunk)).order_by(sil.c.invoice_id,
                                                                                          sil.c.position)):
            found = acs.get((r[0], r[1]))
            lines[r[0]].append(make_line((r[2], D(r[3]), D(r[4]), r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12],
                                          None if r[13] is None else D(r[13]), None if r[14] is None else D(r[14]),
                                          None if r[15] is None else D(r[15]), tuple(found) if found else (), r[16],
                                          None if r[17] is None else D(r[17]))))
        for r in fetch(conn, sa.select(siv.c.invoice_id, siv.c.category, siv.c.rate, siv.c.taxable_amount,
                                       siv.c.tax_amount).where(among(siv.c.invoice_id, chunk)).order_by(siv.c.id)):
            vat[r[0]].append(VatBreakdown(r[1], dec(r[2]), dec(r[3]), dec(r[4])))
    return {r["id"]: _invoice(r, lines[r["id"]], acs.get((r["id"], None), ()), vat[r["id"]]) for r in rows}


def _invoice(r: dict[str, Any], lines, acs, vat) -> Invoice:
    days, text = r["payment_days"], r["payment_text"]
    terms = PaymentTerms(days, text) if days is not None or text else None
    return Invoice(
        kind=KINDS[r["kind"]], number=r["number"], issue_date=r["issue_date"],
        supplier=PartyRef(r["supplier_gln"] or None, r["supplier_orgnr"], r["supplier_vat"], r["supplier_name"]),
        buyer=PartyRef(r["buyer_gln"], name=r["buyer_name"]), lines=tuple(lines), due_date=r["due_date"],
        delivery_date=r["delivery_date"], currency=r["currency"], exchange_rate=r["exchange_rate"],
        invoicee=PartyRef(r["invoicee_gln"]) if r["invoicee_gln"] else None,
        delivery_party=PartyRef(r["delivery_gln"], name=r["delivery_name"])
        if r["delivery_gln"] or r["delivery_name"] else None,
        order_refs=tuple((r["order_refs"] or "").split()), despatch_refs=tuple((r["despatch_refs"] or "").split()),
        contract_ref=r["contract_ref"], price_list_ref=r["price_list_ref"], payment_terms=terms,
        bank_account=r["bank_account"], payment_ref=r["payment_ref"], credited_invoice=r["credited_invoice"],
        allowances_charges=tuple(acs), vat_breakdown=tuple(vat),
        totals=InvoiceTotals(**{c: r[c] for c in TOTAL_COLUMNS}), note=r["note"])


def invoiced_lines(conn: sa.Connection, order_nos: Iterable[str], skip: list[int]) -> list[tuple]:
    """(invoice id, kind, order no., order line, quantity, order refs, supplier) of the lines of
    every non-rejected invoice for these orders, except the invoices in ``skip`` (already loaded)."""
    out = []
    for chunk in _chunks(sorted(set(order_nos))):
        query = (sa.select(sil.c.invoice_id, si.c.kind, sil.c.order_no, sil.c.order_line, sil.c.quantity,
                           si.c.order_refs, si.c.supplier_gln)
                 .join(si, si.c.id == sil.c.invoice_id)
                 .where(among(sil.c.order_no, chunk), si.c.status != "rejected", among(si.c.id, skip, True)))
        out += [(r[0], r[1], r[2], r[3], dec(r[4]), r[5], r[6]) for r in fetch(conn, query)]
    return out


def save_results(conn: sa.Connection, results: list[tuple[int, str, list]], on: date) -> None:
    """Replace the findings and set the status of checked invoices (bulk)."""
    ids = [r[0] for r in results]
    for chunk in _chunks(ids):
        conn.execute(invoice_findings.delete().where(among(invoice_findings.c.invoice_id, chunk)))
    rows = [{"invoice_id": i, "check": f.check, "line_no": f.line, "expected": f.expected, "actual": f.actual,
             "difference": f.difference, "message": f.message, "blocking": f.blocking, "waits": f.waits,
             "checked_on": on} for i, _, findings in results for f in findings]
    if rows:
        conn.execute(invoice_findings.insert(), rows)
    if results:
        stmt = si.update().where(si.c.id == sa.bindparam("_id")).values(status=sa.bindparam("_status"),
                                                                       checked_on=on)
        conn.execute(stmt, [{"_id": i, "_status": status} for i, status, _ in results])


def findings_of(conn: sa.Connection, ids: list[int] | None = None) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {}
    query = sa.select(invoice_findings).order_by(invoice_findings.c.invoice_id, invoice_findings.c.id)
    for chunk in [None] if ids is None else list(_chunks(ids)):
        for r in conn.execute(query if chunk is None else query.where(among(invoice_findings.c.invoice_id, chunk))):
            out.setdefault(r.invoice_id, []).append(dict(r._mapping))
    return out


def record_decision(conn: sa.Connection, invoice_id: int, decision: str, comment: str | None,
                    decided_by: str | None, at: datetime) -> None:
    conn.execute(invoice_decisions.insert(), [dict(invoice_id=invoice_id, decision=decision, comment=comment,
                                                   decided_by=decided_by, decided_at=at)])
    conn.execute(si.update().where(si.c.id == invoice_id).values(decision=decision, status=decision))


def decisions(conn: sa.Connection) -> dict[int, dict[str, Any]]:          # the latest per invoice
    return {r.invoice_id: dict(r._mapping) for r in conn.execute(sa.select(invoice_decisions).order_by("id"))}

def orders_for(conn: sa.Connection, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], dict[str, Any]]:
    """(supplier GLN, order no.) -> order row with ``lines`` (dicts); our own order wins."""
    from .tables.purchasing import purchase_order_lines as pol, purchase_orders as po
    wanted = set(keys)
    orders: dict[tuple[str, str], dict[str, Any]] = {}
    for chunk in _chunks(sorted({n for _, n in wanted})):
        query = sa.select(po.c.id, po.c.supplier_gln, po.c.number, po.c.source, po.c.order_date, po.c.delivery_gln,
                          po.c.pickup, po.c.closed).where(among(po.c.number, chunk))
        for r in fetch(conn, query):
            key = (r[1], r[2])
            if key in orders and orders[key]["source"] == "own":
                continue
            orders[key] = {"id": r[0], "supplier_gln": r[1], "number": r[2], "source": r[3], "order_date": day(r[4]),
                           "delivery_gln": r[5], "pickup": bool(r[6]), "closed": bool(r[7]), "lines": []}
    orders = {k: v for k, v in orders.items() if k in wanted}
    by_id = {o["id"]: o for o in orders.values()}
    cols = (pol.c.order_id, pol.c.line_no, pol.c.article_no, pol.c.gtin, pol.c.nobb, pol.c.unit, pol.c.net_price,
            pol.c.ordered_qty, pol.c.confirmed_qty, pol.c.backorder_qty, pol.c.delivered_qty, pol.c.received_qty,
            pol.c.added, pol.c.rejected, pol.c.closed)
    for chunk in _chunks(sorted(by_id)):
        for r in fetch(conn, sa.select(*cols).where(among(pol.c.order_id, chunk))):
            by_id[r[0]]["lines"].append((r[0], r[1], r[2], r[3], r[4], r[5], dec(r[6]), dec(r[7]), dec(r[8]),
                                         dec(r[9]), dec(r[10]), dec(r[11]), r[12], r[13], r[14]))
    return orders


def receipts_for(conn: sa.Connection, order_ids: list[int]) -> list[tuple]:
    """(packing slip no., order no., order line, despatched, manually received) for these orders."""
    from .tables.purchasing import despatch_advices as da, receipts
    out = []
    for chunk in _chunks(sorted(set(order_ids))):
        out += [(r[0], r[1], r[2], dec(r[3]), dec(r[4])) for r in fetch(conn, (
            sa.select(da.c.number, receipts.c.order_no, receipts.c.order_line, receipts.c.despatched_qty,
                      receipts.c.received_qty).join(da, da.c.id == receipts.c.despatch_id)
            .where(among(receipts.c.order_id, chunk))))]
    return out


def despatch_numbers(conn: sa.Connection, numbers: Iterable[str]) -> dict[str, set[str]]:
    from .tables.purchasing import despatch_advices as da    # which of these packing slips we have, per supplier
    out: dict[str, set[str]] = {}
    for chunk in _chunks(sorted(set(numbers))):
        for gln, number in fetch(conn, sa.select(da.c.supplier_gln, da.c.number).where(among(da.c.number, chunk))):
            out.setdefault(gln, set()).add(number)
    return out


def price_data(conn: sa.Connection, wanted: dict[str, set[str]]):
    """(versions per supplier, rows per (version id, article no.)) for supplier -> article numbers."""
    from dataclasses import fields
    from ..domain.catalogue import CatalogueArticle
    from .prices import _article_columns, versions
    from .tables.prices import price_rows
    vers = {s: versions(conn, s) for s in wanted}
    convert = [dec if "Decimal" in f.type else day if "date" in f.type else bool if f.type == "bool" else
               (lambda v: v) for f in fields(CatalogueArticle)]
    rows: dict[tuple[int, str], list] = {}
    for supplier, articles in wanted.items():
        for chunk in _chunks(sorted(articles)):
            query = sa.select(price_rows.c.version_id, *_article_columns()).where(
                price_rows.c.supplier_gln == supplier, among(price_rows.c.article_no, chunk))
            for r in fetch(conn, query.order_by(price_rows.c.id)):
                article = CatalogueArticle(*(f(v) for f, v in zip(convert, r[1:])))
                rows.setdefault((r[0], article.article_no), []).append(article)
    return vers, rows
