"""Repository for supplier invoices: store a read invoice (in the caller's transaction), load
headers and whole invoices in bulk, save control results and people's decisions.

Everything it returns is a named row of ``invoice_rows`` (``InvoiceHeader``, ``StoredFinding``,
``StoredDecision``, ``LineRef``) or a domain ``Invoice``; ``IN`` lists are bound parameters in
chunks. What the control compares invoices with (orders, receipts, prices) is read by
``store.invoice_control``.

Deviation notices owed to suppliers (``invoice_notices``): ``owe`` runs in the transaction that
saves the statuses, so a notice is owed exactly when a status says so and a run killed after
that commit leaves it owed; an invoice is told of once. ``pending`` lists the owed notices not
written yet; ``claim`` gives a group of them (one supplier, one date) its file name before
anything is written, so a notice whose run was killed before ``mark_written`` is written again
under the same name, never twice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

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
from .invoice_rows import (
    InvoiceHeader,
    LineRef,
    NoticeRow,
    StoredDecision,
    StoredFinding,
    chunks,
    columns,
    dec,
    fetch,
)
from .tables.invoices import (
    invoice_decisions,
    invoice_findings,
)
from .tables.invoices import (
    invoice_notices as ntc,
)
from .tables.invoices import (
    supplier_invoice_charges as sic,
)
from .tables.invoices import (
    supplier_invoice_lines as sil,
)
from .tables.invoices import (
    supplier_invoice_vat as siv,
)
from .tables.invoices import (
    supplier_invoices as si,
)
from .types import inserted_id

KINDS = {k.value: k for k in InvoiceKind}
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
make_line, D = maker(InvoiceLine), Decimal


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


def save_results(conn: sa.Connection, results: Sequence[tuple[int, str, list]], on: date) -> None:
    """Replace the findings and set the status of checked invoices (bulk)."""
    for chunk in chunks(conn, [r[0] for r in results]):
        conn.execute(invoice_findings.delete().where(invoice_findings.c.invoice_id.in_(chunk)))
    rows = [
        {
            "invoice_id": i,
            "check": f.check,
            "line_no": f.line,
            "expected": f.expected,
            "actual": f.actual,
            "difference": f.difference,
            "message": f.message,
            "blocking": f.blocking,
            "waits": f.waits,
            "checked_on": on,
        }
        for i, _, findings in results
        for f in findings
    ]
    if rows:
        conn.execute(invoice_findings.insert(), rows)
    if results:
        stmt = (
            si.update()
            .where(si.c.id == sa.bindparam("_id"))
            .values(status=sa.bindparam("_status"), checked_on=on)
        )
        conn.execute(stmt, [{"_id": i, "_status": status} for i, status, _ in results])


def findings_of(conn: sa.Connection, ids: Iterable[int] | None = None) -> dict[int, list[StoredFinding]]:
    """Invoice id -> its stored findings in check order (of every invoice, or of ``ids``)."""
    out: dict[int, list[StoredFinding]] = {}
    query = sa.select(*columns(invoice_findings, StoredFinding)).order_by(
        invoice_findings.c.invoice_id, invoice_findings.c.id
    )
    wanted = [None] if ids is None else list(chunks(conn, ids))
    for chunk in wanted:
        for r in conn.execute(
            query if chunk is None else query.where(invoice_findings.c.invoice_id.in_(chunk))
        ):
            out.setdefault(r.invoice_id, []).append(StoredFinding._make(r))
    return out


def record_decision(
    conn: sa.Connection,
    invoice_id: int,
    decision: str,
    comment: str | None,
    decided_by: str | None,
    at: datetime,
) -> None:
    conn.execute(
        invoice_decisions.insert(),
        [
            dict(
                invoice_id=invoice_id,
                decision=decision,
                comment=comment,
                decided_by=decided_by,
                decided_at=at,
            )
        ],
    )
    conn.execute(si.update().where(si.c.id == invoice_id).values(decision=decision, status=decision))


def decisions(conn: sa.Connection) -> dict[int, StoredDecision]:
    """Invoice id -> the latest decision a person took on it."""
    query = sa.select(*columns(invoice_decisions, StoredDecision)).order_by(invoice_decisions.c.id)
    return {r.invoice_id: StoredDecision._make(r) for r in conn.execute(query)}


# --- deviation notices owed to suppliers (invoice_notices) ----------------------------------


def owe(
    conn: sa.Connection, invoices: Iterable[tuple[int, str]], on: date, *, made_at: datetime | None = None
) -> list[int]:
    """Record a notice owed on ``on`` for each (invoice id, supplier) not told of before;
    returns those invoice ids. With ``made_at`` the notice is recorded as settled without a
    file (notices are turned off): the invoice is not told of later either."""
    wanted = dict(invoices)
    told: set[int] = set()
    for chunk in chunks(conn, wanted):
        told.update(conn.execute(sa.select(ntc.c.invoice_id).where(ntc.c.invoice_id.in_(chunk))).scalars())
    new = [i for i in wanted if i not in told]
    if new:
        conn.execute(
            ntc.insert(),
            [{"invoice_id": i, "supplier_gln": wanted[i], "owed_on": on, "written_at": made_at} for i in new],
        )
    return new


def pending(conn: sa.Connection) -> list[NoticeRow]:
    """Owed notices not written yet, oldest first."""
    query = sa.select(*columns(ntc, NoticeRow)).where(ntc.c.written_at.is_(None)).order_by(ntc.c.id)
    return [NoticeRow._make(r) for r in conn.execute(query)]


def files_on(conn: sa.Connection, owed_on: date) -> set[str]:
    """The file names claimed by notices owed on that date (written or not)."""
    return set(
        conn.execute(sa.select(ntc.c.file).where(ntc.c.owed_on == owed_on, ntc.c.file.is_not(None))).scalars()
    )


def claim(conn: sa.Connection, ids: Iterable[int], file: str) -> None:
    """Give these notices their file (workspace-relative, without suffix)."""
    for chunk in chunks(conn, ids):
        conn.execute(ntc.update().where(ntc.c.id.in_(chunk)).values(file=file))


def mark_written(conn: sa.Connection, ids: Iterable[int], at: datetime) -> None:
    for chunk in chunks(conn, ids):
        conn.execute(ntc.update().where(ntc.c.id.in_(chunk)).values(written_at=at))
