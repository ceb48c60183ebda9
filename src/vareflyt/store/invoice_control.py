"""What invoice control compares supplier invoices with, read in bulk for a chunk of invoices.

A handful of set-based queries per chunk, never one per invoice or line: the orders the
invoices cite and the orders that replaced them (``orders change``: a new number whose
``replaces`` names the old one), their lines, the goods received on packing slips, which of
the cited packing slips we have, what other invoices already invoiced on those orders, and
the price lists (versions, the rows of the invoiced articles, the references of the lists in
effect). Rows are the named rows of ``invoice_rows``; IN lists are bound, in chunks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import fields
from typing import Any, NamedTuple

import sqlalchemy as sa

from ..domain.catalogue import CatalogueArticle, PriceVersion
from .invoice_rows import InvoicedLine, OrderLineRow, OrderRow, ReceiptRow, chunks, columns, day, dec, fetch
from .price_list_rows import article_columns
from .prices import versions
from .tables.invoices import supplier_invoice_lines as sil
from .tables.invoices import supplier_invoices as si
from .tables.prices import price_rows, price_versions
from .tables.purchasing import (
    despatch_advices as da,
)
from .tables.purchasing import (
    purchase_order_lines as pol,
)
from .tables.purchasing import (
    purchase_orders as po,
)
from .tables.purchasing import (
    receipts,
)

MAX_REPLACEMENTS = 20  # an order changed more often than this is not followed further
make_line, make_receipt, make_invoiced = OrderLineRow._make, ReceiptRow._make, InvoicedLine._make


class PriceData(NamedTuple):
    """Price-list versions in effect per supplier, rows per (version id, article no.), and the
    supplier's own references of its approved, not withdrawn lists."""

    versions: dict[str, list[PriceVersion]]
    rows: dict[tuple[int, str], list[CatalogueArticle]]
    list_refs: dict[str, frozenset[str]]


def _orders(conn: sa.Connection, column, values: Iterable[str]) -> list[OrderRow]:
    out = []
    for chunk in chunks(conn, values):
        for r in fetch(conn, sa.select(*columns(po, OrderRow, skip=("lines",))).where(column.in_(chunk))):
            out.append(
                OrderRow._make((r[0], r[1], r[2], r[3], day(r[4]), r[5], bool(r[6]), bool(r[7]), *r[8:], ()))
            )
    return out


def orders_for(conn: sa.Connection, numbers: Iterable[str]) -> list[OrderRow]:
    """Every order with one of these numbers, the orders that replaced them and the ones they
    replaced (the whole chain of ``orders change``), with their lines. Which supplier's order an
    invoice means is the caller's choice: numbers are unique per supplier and source only."""
    found = {o.id: o for o in _orders(conn, po.c.number, numbers)}
    known = {o.number for o in found.values()}
    forward, backward = set(numbers), {o.replaces for o in found.values() if o.replaces} - known
    for _ in range(MAX_REPLACEMENTS):
        new = [
            o
            for o in (*_orders(conn, po.c.replaces, forward), *_orders(conn, po.c.number, backward))
            if o.id not in found
        ]
        if not new:
            break
        found.update((o.id, o) for o in new)
        known |= {o.number for o in new}
        forward, backward = {o.number for o in new}, {o.replaces for o in new if o.replaces} - known
    lines: dict[int, list[OrderLineRow]] = {i: [] for i in found}
    for chunk in chunks(conn, found):
        for r in fetch(conn, sa.select(*columns(pol, OrderLineRow)).where(pol.c.order_id.in_(chunk))):
            lines[r[0]].append(
                make_line(
                    (
                        r[0],
                        r[1],
                        r[2],
                        r[3],
                        r[4],
                        r[5],
                        dec(r[6]),
                        dec(r[7]),
                        dec(r[8]),
                        dec(r[9]),
                        dec(r[10]),
                        dec(r[11]),
                        bool(r[12]),
                        bool(r[13]),
                        bool(r[14]),
                    )
                )
            )
    return [o._replace(lines=tuple(lines[o.id])) for o in found.values()]


def receipts_for(conn: sa.Connection, order_ids: Iterable[int]) -> list[ReceiptRow]:
    """Goods despatched (and received by hand) per packing slip and order line, for these orders."""
    out = []
    query = sa.select(
        da.c.number,
        receipts.c.order_id,
        receipts.c.order_line,
        receipts.c.despatched_qty,
        receipts.c.received_qty,
    ).join(da, da.c.id == receipts.c.despatch_id)
    for chunk in chunks(conn, order_ids):
        out += [
            make_receipt((r[0], r[1], r[2], dec(r[3]), dec(r[4])))
            for r in fetch(conn, query.where(receipts.c.order_id.in_(chunk)))
        ]
    return out


def despatch_numbers(conn: sa.Connection, numbers: Iterable[str]) -> dict[str, set[str]]:
    """Supplier -> which of these packing-slip numbers we have from it."""
    out: dict[str, set[str]] = {}
    for chunk in chunks(conn, numbers):
        for gln, number in fetch(
            conn, sa.select(da.c.supplier_gln, da.c.number).where(da.c.number.in_(chunk))
        ):
            out.setdefault(gln, set()).add(number)
    return out


def invoiced_lines(conn: sa.Connection, order_nos: Iterable[str], skip: Iterable[int]) -> list[InvoicedLine]:
    """The lines of every stored, not rejected invoice for these order numbers, except those of
    the invoices in ``skip`` (the caller has them already)."""
    leave = set(skip)
    out = []
    query = (
        sa.select(
            sil.c.invoice_id, si.c.kind, si.c.supplier_gln, sil.c.order_no, sil.c.order_line, sil.c.quantity
        )
        .join(si, si.c.id == sil.c.invoice_id)
        .where(si.c.status != "rejected")
    )
    for chunk in chunks(conn, order_nos):
        out += [
            make_invoiced((r[0], r[1], r[2], r[3], r[4], dec(r[5])))
            for r in fetch(conn, query.where(sil.c.order_no.in_(chunk)))
            if r[0] not in leave
        ]
    return out


def price_data(conn: sa.Connection, wanted: dict[str, set[str]]) -> PriceData:
    """Versions, rows and list references for supplier -> article numbers."""
    vers = {s: versions(conn, s) for s in wanted}
    convert: list[Callable[[Any], Any]] = [
        dec
        if "Decimal" in f.type
        else day
        if "date" in f.type
        else bool
        if f.type == "bool"
        else (lambda v: v)
        for f in fields(CatalogueArticle)
    ]
    rows: dict[tuple[int, str], list[CatalogueArticle]] = {}
    for supplier, articles in wanted.items():
        query = sa.select(price_rows.c.version_id, *article_columns()).where(
            price_rows.c.supplier_gln == supplier
        )
        for chunk in chunks(conn, articles):
            for r in fetch(conn, query.where(price_rows.c.article_no.in_(chunk)).order_by(price_rows.c.id)):
                article = CatalogueArticle(*(f(v) for f, v in zip(convert, r[1:])))
                rows.setdefault((r[0], article.article_no), []).append(article)
    return PriceData(vers, rows, list_refs(conn, wanted))


def list_refs(conn: sa.Connection, suppliers: Iterable[str]) -> dict[str, frozenset[str]]:
    """Supplier -> the references of its approved, not withdrawn price lists (those that have one)."""
    found: dict[str, set[str]] = {}
    query = sa.select(price_versions.c.supplier_gln, price_versions.c.list_ref).where(
        price_versions.c.approved_at.is_not(None),
        price_versions.c.withdrawn_at.is_(None),
        price_versions.c.list_ref.is_not(None),
    )
    for chunk in chunks(conn, suppliers):
        for gln, ref in fetch(conn, query.where(price_versions.c.supplier_gln.in_(chunk))):
            found.setdefault(gln, set()).add(ref)
    return {s: frozenset(found.get(s, ())) for s in suppliers}
