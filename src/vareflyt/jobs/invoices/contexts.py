"""One frozen ``ControlContext`` per invoice, from the run's facts and the chunk's snapshot.

``RunFacts`` is what every invoice of a run shares: the settings, our GLN, the as-of date,
every stored invoice's status, which invoices repeat an earlier one (``duplicates``) and which
invoice numbers exist (a credit note's credited invoice). ``contexts`` yields each invoice of a
chunk with its context — or with the exception that building it raised, so that the caller
records that one invoice as not controlled and goes on with the others.

What a context holds: the orders the invoice cites (a replaced number means the order that
replaced it, see ``snapshot``), with the agreement and price-list references they carried;
the price row that applied on each line's order date; whether a price list applied on every
date; the references of the supplier's approved, not withdrawn price lists; goods received
per packing slip; what earlier invoices (and later ones already approved) invoiced on the same
order lines, credit notes counting negative.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from ...config.invoice_control import InvoiceControlSettings
from ...domain.invoices import Invoice
from ...rules.invoice_control import APPROVED, REJECTED, ControlContext
from ...rules.invoice_control.model import as_int, line_order_no
from ...store.invoice_rows import InvoiceHeader
from .snapshot import Snapshot, cited

if TYPE_CHECKING:
    from ...workspace import Workspace

ZERO = Decimal(0)


def control_settings(ws: Workspace) -> InvoiceControlSettings:
    """The workspace's ``[invoice_control]`` settings (the defaults when the section is missing)."""
    return ws.config.invoice_control


def duplicates(rows: list[InvoiceHeader]) -> dict[int, str]:
    """Invoice id -> the earlier invoice it repeats (same supplier and number, or same content)."""
    seen: dict[tuple, InvoiceHeader] = {}
    out: dict[int, str] = {}
    for r in rows:
        if r.decision == REJECTED:
            continue
        keys = [("no", r.supplier_gln, r.number.strip().upper()), ("fp", r.fingerprint)]
        first = next((seen[k] for k in keys if k in seen), None)
        if first is not None:
            out[r.id] = f"{first.number}, {first.format.upper()}, mottatt {first.received_at:%d.%m.%Y %H:%M}"
        for k in keys:
            seen.setdefault(k, r)
    return out


@dataclass(frozen=True)
class RunFacts:
    """What every invoice of one run is controlled with, besides its chunk's snapshot."""

    settings: InvoiceControlSettings
    our_gln: str
    today: date
    status: dict[int, str]  # invoice id -> status (updated as the run goes)
    duplicate_of: dict[int, str]
    numbers: frozenset[tuple[str, str]]  # (supplier, number) of every stored invoice
    party_labels: dict[str, str] = field(default_factory=dict)  # GLN -> "Name (GLN)" (``jobs.suppliers``)

    @classmethod
    def of(cls, ws: Workspace, rows: list[InvoiceHeader], today: date) -> RunFacts:
        from ..suppliers import Suppliers

        return cls(
            control_settings(ws),
            ws.config.company.gln,
            today,
            {r.id: r.status for r in rows},
            duplicates(rows),
            frozenset((r.supplier_gln, r.number) for r in rows if r.kind != "credit_note"),
            Suppliers(ws).labels(),
        )


def _elsewhere(
    r: InvoiceHeader, orders: dict, snap: Snapshot, status: dict[int, str]
) -> dict[tuple[str, int], Decimal]:
    """(number cited, order line) -> quantity other invoices invoiced on it: the earlier ones,
    and later ones already approved; not rejected ones."""
    out: dict[tuple[str, int], Decimal] = {}
    for number in orders:
        for ln in snap.invoiced.get((r.supplier_gln, snap.current[(r.supplier_gln, number)]), ()):
            seen = status.get(ln.invoice_id)
            if ln.invoice_id == r.id or seen == REJECTED or (ln.invoice_id > r.id and seen != APPROVED):
                continue
            line_no = as_int(ln.order_line)
            if line_no is None:  # control looks these up by order line only
                continue
            key = (number, line_no)
            out[key] = out.get(key, ZERO) + (-ln.quantity if ln.kind == "credit_note" else ln.quantity)
    return out


def context(r: InvoiceHeader, inv: Invoice, snap: Snapshot, facts: RunFacts) -> ControlContext:
    """The context invoice ``r`` is controlled in."""
    supplier, prices = r.supplier_gln, snap.prices
    orders = {n: snap.orders[(supplier, n)] for n in cited(inv) if (supplier, n) in snap.orders}
    row_of, dates = {}, set()
    for ln in inv.lines:
        order = orders.get(line_order_no(inv, ln) or "")
        on = (order.order_date if order else None) or inv.issue_date or facts.today
        dates.add(on)
        line_no = as_int(ln.order_line)
        ol = order.lines.get(line_no) if order and line_no is not None else None
        article = ol.article_no if ol else ln.seller_article_no
        row_of[ln.line_no] = (
            prices.row(supplier, article, ol.gtin if ol else ln.gtin, on) if article else None
        )
    agreement, settings = facts.settings.for_supplier(supplier)
    return ControlContext(
        invoice=inv,
        our_gln=facts.our_gln,
        today=facts.today,
        orders=orders,
        prices=row_of,
        has_price_list=all(prices.chain(supplier, d) for d in dates) if dates else True,
        received_by_despatch=snap.received_by_despatch,
        known_despatches=snap.despatches.get(supplier, frozenset()),
        invoiced_elsewhere=_elsewhere(r, orders, snap, facts.status),
        duplicate_of=facts.duplicate_of.get(r.id),
        credited_known=not inv.credited_invoice or (supplier, inv.credited_invoice) in facts.numbers,
        agreement=agreement,
        settings=settings,
        received_on=r.received_at.date() if r.received_at else None,
        price_list_refs=prices.refs(supplier),
        party_labels=facts.party_labels,
    )


def contexts(
    part: list[InvoiceHeader], invoices: dict[int, Invoice], snap: Snapshot, facts: RunFacts
) -> Iterator[tuple[InvoiceHeader, ControlContext | Exception]]:
    """Each invoice of the chunk with its context, or with what building it raised."""
    for r in part:  # one poison invoice (a number decimal cannot hold, ...) must not stop the others
        try:
            yield r, context(r, invoices[r.id], snap, facts)
        except Exception as exc:  # noqa: BLE001 - the caller records it as a finding on this invoice
            yield r, exc
