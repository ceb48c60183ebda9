"""One snapshot of what a chunk of invoices is compared with, read once per chunk.

``load_snapshot`` reads, with a handful of set-based queries (``store.invoice_control``): the
orders the invoices cite, with their lines; the goods received per packing slip on them; which
of the cited packing slips we have; what other stored invoices already invoiced on them; and
the price rows of the articles involved (``PriceRows``, shared by the chunks of a run).

**Replaced orders.** ``orders change`` gives a changed order a new number whose ``replaces``
names the old one (which gets status ``replaced``), keeping the line numbers. An invoice may
cite either: a number that was replaced means the order that replaced it (the newest of the
chain, same supplier), whose ``OrderInfo.replaced`` lists the numbers it replaced. Receipts and
earlier invoices on any number of the chain count for the order, under whichever number an
invoice cites. When one supplier has an own and an unsolicited order with the same number,
the own order is meant.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa

from ...domain.documents_json import maker
from ...domain.invoices import Invoice
from ...rules.invoice_control import OrderInfo, OrderLineInfo
from ...rules.invoice_control.model import line_order_no
from ...store import invoice_control as sources
from ...store.invoice_rows import InvoicedLine, InvoiceHeader, OrderLineRow, OrderRow
from .prices import PriceRows

ZERO = Decimal(0)
_line_info = maker(OrderLineInfo)


@dataclass(frozen=True)
class Snapshot:
    """What the invoices of one chunk are compared with (keys hold the supplier's GLN)."""

    orders: dict[tuple[str, str], OrderInfo]  # (supplier, number cited) -> the order meant
    current: dict[tuple[str, str], str]  # (supplier, number cited) -> that order's number
    received_by_despatch: dict[tuple[str, str, int], Decimal]  # (slip, number, line), every number
    despatches: dict[str, frozenset[str]]  # supplier -> packing slips we have
    invoiced: dict[tuple[str, str], list[InvoicedLine]]  # (supplier, order's number) -> invoiced lines
    prices: PriceRows


def cited(inv: Invoice) -> set[str]:
    """The order numbers an invoice refers to, on its lines or its header."""
    return {n for n in (*(line_order_no(inv, ln) for ln in inv.lines), *inv.order_refs) if n}


def line_info(r: OrderLineRow) -> OrderLineInfo:
    """What the control needs of an order line: expected = confirmed + backorder (ordered when
    no response, nothing when rejected), received = manual receipt, else delivered."""
    confirmed = r.confirmed_qty
    expected = (
        ZERO if r.rejected else r.ordered_qty if confirmed is None else confirmed + (r.backorder_qty or ZERO)
    )
    return _line_info(
        (
            r.line_no,
            r.article_no,
            r.gtin,
            r.nobb,
            r.unit,
            r.ordered_qty,
            expected,
            r.delivered_qty if r.received_qty is None else r.received_qty,
            r.net_price,
            r.added,
            r.rejected,
            r.closed,
        )
    )


class _Chains:
    """Which order each (supplier, number) means, following ``replaces`` forward."""

    def __init__(self, rows: list[OrderRow]):
        self.by_key: dict[tuple[str, str], OrderRow] = {}
        self.newer: dict[tuple[str, str], OrderRow] = {}
        for o in sorted(rows, key=lambda o: (o.source == "own", o.id)):  # own and newest last: they win
            self.by_key[(o.supplier_gln, o.number)] = o
            if o.replaces:
                self.newer[(o.supplier_gln, o.replaces)] = o

    def current(self, supplier: str, number: str) -> OrderRow | None:
        key, seen = (supplier, number), {number}
        while key in self.newer and self.newer[key].number not in seen:
            key = (supplier, self.newer[key].number)
            seen.add(key[1])
        return self.by_key.get(key)

    def replaced(self, order: OrderRow) -> tuple[str, ...]:
        """The numbers ``order`` replaced, newest first."""
        out: list[str] = []
        row: OrderRow | None = order
        while row is not None and row.replaces and row.replaces not in out and row.replaces != order.number:
            out.append(row.replaces)
            row = self.by_key.get((order.supplier_gln, row.replaces))
        return tuple(out)


def load_snapshot(
    conn: sa.Connection,
    part: list[InvoiceHeader],
    invoices: dict[int, Invoice],
    our_gln: str,
    prices: PriceRows,
) -> Snapshot:
    """Read what the invoices of ``part`` are compared with."""
    wanted = {(r.supplier_gln, n) for r in part for n in cited(invoices[r.id])}
    rows = sources.orders_for(conn, {n for _, n in wanted})
    chains = _Chains(rows)
    infos: dict[int, OrderInfo] = {}
    orders: dict[tuple[str, str], OrderInfo] = {}
    current: dict[tuple[str, str], str] = {}
    for supplier, number in wanted:
        o = chains.current(supplier, number)
        if o is None:
            continue
        if o.id not in infos:
            infos[o.id] = OrderInfo(
                number=o.number,
                supplier_gln=o.supplier_gln,
                order_date=o.order_date,
                lines={ln.line_no: line_info(ln) for ln in o.lines},
                buyer_gln=our_gln,
                delivery_gln=o.delivery_gln,
                agreement_ref=o.agreement_ref,
                price_list_ref=o.price_list_ref,
                pickup=o.pickup,
                closed=o.closed,
                replaced=chains.replaced(o),
            )
        orders[(supplier, number)], current[(supplier, number)] = infos[o.id], o.number
    numbers_of: dict[tuple[str, str], set[str]] = {}  # (supplier, order's number) -> every number of it
    for o in rows:
        meant = chains.current(o.supplier_gln, o.number)
        if meant is not None:
            numbers_of.setdefault((o.supplier_gln, meant.number), set()).add(o.number)
    return Snapshot(
        orders,
        current,
        _received(conn, rows, chains, numbers_of),
        _despatches(conn, part, invoices),
        _invoiced(conn, part, invoices, chains, numbers_of),
        _prices(conn, part, invoices, infos, prices),
    )


def _received(conn, rows: list[OrderRow], chains: _Chains, numbers_of) -> dict[tuple[str, str, int], Decimal]:
    numbers: dict[int, set[str]] = {}  # order id -> every number of the order it is part of
    for o in rows:
        meant = chains.current(o.supplier_gln, o.number) or o
        numbers[o.id] = numbers_of.get((o.supplier_gln, meant.number), {o.number})
    out: dict[tuple[str, str, int], Decimal] = {}
    for got in sources.receipts_for(conn, numbers):
        if got.order_line is None:  # not tied to a line: control looks goods up by order line only
            continue
        qty = got.despatched_qty if got.received_qty is None else got.received_qty
        for number in numbers[got.order_id]:
            key = (got.despatch_no, number, got.order_line)
            out[key] = out.get(key, ZERO) + qty
    return out


def _despatches(conn, part: list[InvoiceHeader], invoices: dict[int, Invoice]) -> dict[str, frozenset[str]]:
    slips = {
        d
        for r in part
        for inv in (invoices[r.id],)
        for d in (*inv.despatch_refs, *(ln.despatch_ref for ln in inv.lines))
        if d
    }
    return {gln: frozenset(numbers) for gln, numbers in sources.despatch_numbers(conn, slips).items()}


def _invoiced(conn, part, invoices, chains: _Chains, numbers_of) -> dict[tuple[str, str], list[InvoicedLine]]:
    """Lines of stored invoices and of this chunk's invoices, per order meant."""
    numbers = {n for group in numbers_of.values() for n in group}
    make = InvoicedLine._make
    lines = sources.invoiced_lines(conn, numbers, [r.id for r in part]) + [
        make((r.id, r.kind, r.supplier_gln, line_order_no(inv, ln), ln.order_line, ln.quantity))
        for r in part
        for inv in (invoices[r.id],)
        for ln in inv.lines
    ]
    out: dict[tuple[str, str], list[InvoicedLine]] = {}
    meant: dict[tuple[str, str | None], OrderRow | None] = {}
    for ln in lines:
        key = (ln.supplier_gln, ln.order_no)
        if key not in meant:
            meant[key] = chains.current(ln.supplier_gln, ln.order_no) if ln.order_no else None
        order = meant[key]
        if order is not None:
            out.setdefault((ln.supplier_gln, order.number), []).append(ln)
    return out


def _prices(conn, part, invoices, infos: dict[int, OrderInfo], prices: PriceRows) -> PriceRows:
    wanted: dict[str, set[str]] = {}
    for o in infos.values():
        wanted.setdefault(o.supplier_gln, set()).update(
            ln.article_no for ln in o.lines.values() if ln.article_no
        )
    for r in part:
        wanted.setdefault(r.supplier_gln, set()).update(
            ln.seller_article_no for ln in invoices[r.id].lines if ln.seller_article_no
        )
    prices.load(conn, wanted)
    return prices
