"""The supplier scorecard for a period: ``vareflyt invoices scorecard``, the key figures and
the workbook's *Leverandørscore* sheet all call ``scores``.

It gathers, for ``start``..``end``, the orders sent (and when they were confirmed), the
deliveries received, the invoices controlled (with their findings) and each supplier's price
change over the period, and hands them to the pure ``rules.scorecard.scorecard``. A reconcile
run passes the invoice headers and findings it has already read.

* A delivery counts on the day it was received, else its despatch date, else when it was
  registered; it is measured against the date its order was confirmed for.
* An order counts when it was sent in the period; its confirmation time is how long the
  supplier took to answer.
* An invoice counts by its issue date, with its status and number of findings.
* The price change runs from ``start``, or from the supplier's first price list when that is
  later, to ``end``, on the net prices in force on those two days.

Its own module because the scorecard reads orders, receipts and price lists besides the
invoice tables, and has callers of its own outside the reconcile run.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from ...rules.scorecard import Confirmation, ControlledInvoice, Delivery, scorecard
from ...store import invoice_reading, invoice_results
from ...store.invoice_rows import InvoiceHeader, StoredFinding

if TYPE_CHECKING:
    from ...workspace import Workspace


def _day(value):
    return value.date() if isinstance(value, datetime) else value


def scores(
    ws: Workspace,
    start: date,
    end: date,
    invoices: list[InvoiceHeader] | None = None,
    found: dict[int, list[StoredFinding]] | None = None,
):
    """The supplier scorecard for ``start``..``end`` (orders sent, deliveries and invoices in it)."""
    from ...rules.scorecard import price_change_pct
    from ...store import prices as price_store
    from ...store.purchasing_sheet_rows import OrderSheetRow, table_rows
    from ..effective_prices import effective_on

    with ws.store.connect() as conn:
        data = table_rows(conn)
        invoices = invoice_reading.headers(conn) if invoices is None else invoices
        found = invoice_results.findings_of(conn) if found is None else found
        prices = {}
        for s in price_store.suppliers(conn):  # from the start, or from the first price list if later
            first = min((v.valid_from for v in price_store.versions(conn, s) if v.valid_from), default=start)
            begin = max(start, first)
            before = {k: a.net for k, (_, a) in effective_on(conn, s, begin).items()}
            after = {k: a.net for k, (_, a) in effective_on(conn, s, end).items()}
            prices[s] = price_change_pct(before, after, (end - begin).days)
    orders: dict[tuple[str, str | None], OrderSheetRow] = {(o.supplier_gln, o.number): o for o in data.orders}
    slips = {}
    for r in data.receipts:
        when = r.received_date or _day(r.despatch_date) or _day(r.received_at)
        if when and start <= when <= end:
            order = orders.get((r.supplier_gln, r.order_no))
            slips[(r.supplier_gln, r.despatch_no)] = Delivery(
                r.supplier_gln, order.confirmed_date if order else None, when
            )
    sent = [
        Confirmation(o.supplier_gln, o.sent_at, o.response_at)
        for o in data.orders
        if o.sent_at and start <= o.sent_at.date() <= end
    ]
    controlled = [
        ControlledInvoice(r.supplier_gln, r.status, len(found.get(r.id, [])))
        for r in invoices
        if r.issue_date and start <= r.issue_date <= end
    ]
    return scorecard(slips.values(), sent, controlled, prices)
