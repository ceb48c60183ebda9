"""Approved invoices show on the order lines: invoiced quantities, and status invoiced when done."""

from __future__ import annotations

from decimal import Decimal as D

from vareflyt.jobs.purchasing_tables import refresh_tables
from vareflyt.store import purchase_orders as repo

from . import flow
from .flow import credit, deliver, invoice, send
from .test_job import reconcile, ws  # noqa: F401  (fixture)


def _order(ws):
    with ws.store.connect() as conn:
        order = repo.find_order(conn, flow.SUPPLIER, flow.ORDER)
        return order.status, {ln.line_no: ln.invoiced_qty for ln in repo.load_lines(conn, order.id)}


def test_invoiced_quantities_reach_the_order_and_a_credit_note_takes_them_back(ws):  # noqa: F811
    deliver(ws, "PS1", {1: D(4), 2: D(6), 3: D(4)}, final=False)
    send(ws, invoice("F-1", {1: D(4), 2: D(6), 3: D(4)}, slips=("PS1",)))
    reconcile(ws)
    refresh_tables(ws)
    status, invoiced = _order(ws)
    assert invoiced == {1: D(4), 2: D(6), 3: D(4)} and status == "partly_delivered"
    deliver(ws, "PS2", {1: D(6)})
    send(ws, invoice("F-2", {1: D(6)}, slips=("PS2",)))
    reconcile(ws)
    refresh_tables(ws)
    status, invoiced = _order(ws)
    assert invoiced == {1: D(10), 2: D(6), 3: D(4)} and status == "invoiced"
    # a second refresh changes nothing
    assert refresh_tables(ws).counts["orders_invoiced_changed"] == 0
    send(ws, credit("K-1", "F-2", {1: D(2)}))
    reconcile(ws)
    result = refresh_tables(ws)
    status, invoiced = _order(ws)
    assert result.counts["orders_invoiced_changed"] == 1
    assert invoiced[1] == D(8) and status == "delivered"
