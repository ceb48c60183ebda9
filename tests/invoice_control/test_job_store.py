"""The invoice store's seam (issue 15, item 5): every query hands out named rows, and IN lists
are bound parameters in chunks no larger than the connection binds.

The invoice is an INVOIC written by hand and read with ``edi read``; the order and packing
slip come from ``flow`` (a DESADV read the same way).
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest

from vareflyt.jobs.invoices.run import reconcile_invoices
from vareflyt.store import invoice_control, invoice_reading, invoice_results
from vareflyt.store.invoice_rows import (
    InvoicedLine,
    InvoiceHeader,
    LineRef,
    OrderLineRow,
    OrderRow,
    ReceiptRow,
    StoredDecision,
    StoredFinding,
    room,
)

from . import flow


@pytest.fixture
def ws(tmp_path):
    with flow.workspace(tmp_path / "ws") as workspace:
        flow.drop(
            workspace,
            "INVOIC_F-1.edi",
            flow.invoic_text("F-1", flow.ORDER, [(1, "T100", "10", "MTR", "49.00")], "PS1"),
        )
        reconcile_invoices(workspace, on=date(2026, 3, 4), now=datetime(2026, 3, 4, 2))
        yield workspace


def test_the_store_hands_out_named_rows(ws):
    with ws.store.transaction() as conn:
        (header,) = invoice_reading.headers(conn)
        invoice_results.record_decision(
            conn, header.id, "approved", "avtalt på telefon", "kari", datetime(2026, 3, 4, 9)
        )
    with ws.store.connect() as conn:
        assert isinstance(header, InvoiceHeader) and (header.number, header.status) == ("F-1", "deviation")
        (finding,) = invoice_results.findings_of(conn)[header.id]
        assert isinstance(finding, StoredFinding)
        assert (finding.check, finding.line_no, finding.expected, finding.actual) == (
            "l",
            "1",
            "45.50",
            "49.00",
        )
        decision = invoice_results.decisions(conn)[header.id]
        assert isinstance(decision, StoredDecision) and (decision.decision, decision.decided_by) == (
            "approved",
            "kari",
        )
        line = invoice_reading.line_refs(conn, [header.id])[(header.id, "1")]
        assert isinstance(line, LineRef) and (line.order_no, line.article_no) == (flow.ORDER, "T100")
        (order,) = invoice_control.orders_for(conn, [flow.ORDER])
        assert isinstance(order, OrderRow) and all(isinstance(ln, OrderLineRow) for ln in order.lines)
        assert (order.number, sorted(ln.article_no for ln in order.lines)) == (
            flow.ORDER,
            ["KF-500", "T100", "T200"],
        )
        got = invoice_control.receipts_for(conn, [order.id])
        assert all(isinstance(r, ReceiptRow) for r in got)
        assert sorted((r.despatch_no, r.order_line, r.despatched_qty) for r in got)[0] == (
            "PS1",
            1,
            flow.QTY[1],
        )
        (invoiced,) = {ln for ln in invoice_control.invoiced_lines(conn, [flow.ORDER], [])}
        assert isinstance(invoiced, InvoicedLine) and (invoiced.order_line, invoiced.quantity) == (
            "1",
            flow.QTY[1],
        )


@pytest.mark.sqlite_only("sets the SQLite connection's variable limit")
def test_in_lists_bind_no_more_values_than_the_connection_allows(ws):
    with ws.store.connect() as conn:
        sqlite_conn = conn.connection.dbapi_connection
        before = sqlite_conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        sqlite_conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 40)
        try:
            assert room(conn) == 24
            (header,) = invoice_reading.headers(conn)
            ids = [header.id, *range(10_000, 10_500)]  # 501 values: 21 statements of at most 24
            assert [f.check for f in invoice_results.findings_of(conn, ids)[header.id]] == ["l"]
            assert list(invoice_reading.load_invoices(conn, invoice_reading.headers_of(conn, ids))) == [
                header.id
            ]
            orders = invoice_control.orders_for(conn, [flow.ORDER, *(f"X{n}" for n in range(300))])
            assert [o.number for o in orders] == [flow.ORDER]
        finally:
            sqlite_conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, before)
